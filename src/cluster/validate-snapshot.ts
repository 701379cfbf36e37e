/**
 * Checks a parsed `--cluster-state` file in one pass and returns a new, normalised
 * snapshot: timestamps become ISO strings, absent lists become [], and every object and
 * list is a fresh copy (members we do not know included), so the caller's data and ours
 * never share an object. The input is never mutated and nothing is half-loaded: the first
 * problem throws a SnapshotError carrying its JSON path. The rules are listed in
 * docs/validation.md ("Cluster snapshots").
 *
 * Hand-written rather than a JSON-schema library so that 50,000 instances load in one quick
 * pass; paths of list items are built only when a problem is reported.
 */
import { LAUNCH_TYPES } from '../kernel/ecs-enums.js';
import type {
  CapacityProvider,
  CapacityProviderStrategyItem,
  ClusterSnapshot,
  ContainerInstance,
  Snapshot,
  Task,
} from '../kernel/ecs-types.js';
import { isAssociated } from './capacity-provider-association.js';
import { copyMembers, type Json } from './snapshot-data.js';
import { fail, SnapshotError, show } from './snapshot-error.js';
import {
  list,
  normaliseTimestamps,
  object,
  oneOf,
  optionalCount,
  optionalList,
  optionalString,
  optionalWholeAmount,
  string,
  stringList,
  taskAmount,
} from './snapshot-fields.js';
import { type InstanceLoad, validateContainerInstance } from './validate-container-instance.js';
import { ECS_NAME, validateTaskDefinitions } from './validate-task-definition.js';

import { TASK_TIMESTAMPS } from '../kernel/timestamp-members.js';

export { SnapshotError };
export { MAX_SNAPSHOT_DEPTH } from './snapshot-data.js';

const DESIRED_STATUSES = ['RUNNING', 'PENDING', 'STOPPED'] as const;
const PROVIDER_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
const PROTOCOLS = ['tcp', 'udp'] as const;
const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

const ACCOUNT_ID = /^[0-9]{12}$/;

/** Members each check copies itself (see copyMembers); every other member is deep-copied. */
const ROOT_CHECKED = new Set(['capacityProviders', 'taskDefinitions', 'clusters', 'subnets']);
const PROVIDER_CHECKED = new Set(['autoScalingGroupProvider']);
const CLUSTER_CHECKED = new Set([
  'capacityProviders',
  'defaultCapacityProviderStrategy',
  'containerInstances',
  'tasks',
]);
const TASK_CHECKED = new Set(['containers', 'tags']);
const CONTAINER_CHECKED = new Set(['gpuIds', 'networkBindings']);
const NONE = new Set<string>();
const MANAGED_SCALING = new Set(['managedScaling']);

/**
 * A registry of ARNs (or other identifiers) that must be unique across the snapshot. Where
 * each was first seen is kept as its parts (`list[index]suffix`, the parts shared by every
 * item of a list) and written out only for a duplicate: 50,000 instances would otherwise
 * build and keep 50,000 path strings. One map write per identifier (a snapshot holds
 * hundreds of thousands): a duplicate is found by the map not growing.
 */
class Unique {
  private readonly seen = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly lists: string[] = [];
  private readonly indexes: number[] = [];
  private readonly suffixes: string[] = [];
  constructor(private readonly what: string) {}
  /** `id` found at `${list}[${index}]${suffix}` (index -1: at `list` itself). */
  add(id: string, list: string, index: number, suffix: string): void {
    const seen = this.seen;
    const size = seen.size;
    seen.set(id, size);
    if (seen.size === size) {
      const first = this.ids.indexOf(id);
      fail(
        placeOf(list, index, suffix),
        `duplicate ${this.what} ${show(id)}, first seen at ${placeOf(this.lists[first]!, this.indexes[first]!, this.suffixes[first]!)}`,
      );
    }
    this.ids.push(id);
    this.lists.push(list);
    this.indexes.push(index);
    this.suffixes.push(suffix);
  }
  has(id: string): boolean {
    return this.seen.has(id);
  }
  /** The list (`list` given to `add`) where `id` was first seen, if it was. */
  listOf(id: string): string | undefined {
    const first = this.seen.get(id);
    return first === undefined ? undefined : this.lists[first];
  }
}

function placeOf(list: string, index: number, suffix: string): string {
  return index < 0 ? `${list}${suffix}` : `${list}[${index}]${suffix}`;
}

/** Checks a parsed snapshot file and returns it typed and normalised, or throws SnapshotError. */
export function validateSnapshot(json: unknown): Snapshot {
  return checkSnapshot(json, undefined);
}

/**
 * What receives each cluster's checked instances and tasks during the pass, in snapshot
 * order (loadSnapshot builds the cluster models with it; src/cluster/load-snapshot.ts).
 */
export interface SnapshotLoad {
  /** A cluster's copy, before its instances and tasks are checked. */
  cluster(copy: ClusterSnapshot): ClusterLoad;
}

export interface ClusterLoad {
  /** What the instance check reads for the model besides the copy. */
  readonly instances: InstanceLoad;
  /** An instance checked (its reading in `instances.reading`), unique in the snapshot. */
  instance(copy: ContainerInstance): void;
  /** A task checked, unique in the snapshot. */
  task(copy: Task): void;
  /** After the cluster's last task. */
  done(): void;
}

/**
 * validateSnapshot, handing each cluster's checked parts to `load` as the pass reaches
 * them. With a `load`, the instance copies keep no attribute lists (their model does, see
 * validateContainerInstance): for a snapshot kept inside the library, never one handed out.
 */
export function checkSnapshot(json: unknown, load: SnapshotLoad | undefined): Snapshot {
  const root = object(json, '$');
  const region = string(root, 'region', '$');
  const accountId = string(root, 'accountId', '$');
  if (!ACCOUNT_ID.test(accountId))
    fail('$.accountId', `expected 12 digits, got ${show(accountId)}`);
  const snapshot = copyMembers({ ...root }, '$', 1, ROOT_CHECKED);

  const capacityProviders = optionalList(root, 'capacityProviders', '$').map((p, i) =>
    capacityProvider(p, `$.capacityProviders[${i}]`),
  );
  const providerNames = new Unique('capacity provider');
  capacityProviders.forEach((p, i) => {
    providerNames.add(p.name, '$.capacityProviders', i, '.name');
  });

  const taskDefinitions = validateTaskDefinitions(optionalList(root, 'taskDefinitions', '$'));

  const registries: Registries = {
    providerNames,
    instanceArns: new Unique('containerInstanceArn'),
    ec2InstanceIds: new Unique('ec2InstanceId (of an instance that is not INACTIVE)'),
    taskArns: new Unique('taskArn'),
    clusterNames: new Unique('clusterName'),
    load,
  };
  const clusters = list(root['clusters'], '$.clusters').map((c, i) =>
    cluster(c, `$.clusters[${i}]`, registries),
  );

  Object.assign(snapshot, { region, accountId, clusters, taskDefinitions });
  if (root['capacityProviders'] !== undefined) snapshot['capacityProviders'] = capacityProviders;
  if (root['subnets'] !== undefined) snapshot['subnets'] = subnets(root['subnets']);
  return snapshot as unknown as Snapshot;
}

/**
 * Subnet id -> Availability Zone, in an object without a prototype: subnet ids are the
 * user's text, and `__proto__` or `toString` must be ordinary keys.
 */
function subnets(value: unknown): Record<string, string> {
  const map = object(value, '$.subnets');
  const copy: Record<string, string> = Object.create(null);
  for (const [subnet, zone] of Object.entries(map)) {
    if (typeof zone !== 'string' || zone === '') {
      fail(
        `$.subnets[${JSON.stringify(subnet)}]`,
        `expected an Availability Zone name, got ${show(zone)}`,
      );
    }
    copy[subnet] = zone;
  }
  return copy;
}

function capacityProvider(value: unknown, path: string): CapacityProvider {
  const provider = object(value, path);
  string(provider, 'name', path);
  optionalString(provider, 'capacityProviderArn', path);
  oneOf(provider, 'status', path, PROVIDER_STATUSES, false);
  optionalString(provider, 'updateStatus', path);
  const copy = copyMembers({ ...provider }, path, 3, PROVIDER_CHECKED);
  if (provider['autoScalingGroupProvider'] !== undefined) {
    const groupPath = `${path}.autoScalingGroupProvider`;
    const group = copyMembers(
      { ...object(provider['autoScalingGroupProvider'], groupPath) },
      groupPath,
      4,
      MANAGED_SCALING,
    );
    if (group['managedScaling'] !== undefined) {
      group['managedScaling'] = managedScaling(
        group['managedScaling'],
        `${groupPath}.managedScaling`,
      );
    }
    copy['autoScalingGroupProvider'] = group;
  }
  return copy as unknown as CapacityProvider;
}

/** ManagedScaling as the ECS API reference bounds it (docs/capacity.md, section 6). */
function managedScaling(value: unknown, path: string): Json {
  const scaling = object(value, path);
  oneOf(scaling, 'status', path, ['ENABLED', 'DISABLED'], false);
  integerIn(scaling, 'targetCapacity', path, 1, 100);
  integerIn(scaling, 'minimumScalingStepSize', path, 1, 10000);
  integerIn(scaling, 'maximumScalingStepSize', path, 1, 10000);
  integerIn(scaling, 'instanceWarmupPeriod', path, 0, 10000);
  return copyMembers({ ...scaling }, path, 5, NONE);
}

function integerIn(holder: Json, key: string, path: string, min: number, max: number): void {
  const value = holder[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${path}.${key}`, `expected an integer from ${min} to ${max}, got ${show(value)}`);
  }
}

interface Registries {
  providerNames: Unique;
  instanceArns: Unique;
  /** An EC2 instance is registered in one cluster at a time; INACTIVE records are history. */
  ec2InstanceIds: Unique;
  taskArns: Unique;
  clusterNames: Unique;
  load: SnapshotLoad | undefined;
}

/** A cluster: nesting level 3 (root, `clusters`, the cluster). */
function cluster(value: unknown, path: string, registries: Registries): ClusterSnapshot {
  const source = object(value, path);
  const clusterName = string(source, 'clusterName', path);
  if (!ECS_NAME.test(clusterName)) {
    fail(
      `${path}.clusterName`,
      `expected up to 255 letters, numbers, underscores and hyphens, got ${show(clusterName)}`,
    );
  }
  registries.clusterNames.add(clusterName, path, -1, '.clusterName');
  optionalString(source, 'clusterArn', path);
  optionalString(source, 'status', path);
  const copy = copyMembers({ ...source }, path, 3, CLUSTER_CHECKED);
  const load = registries.load?.cluster(copy as unknown as ClusterSnapshot);

  let associated: string[] | undefined;
  if (source['capacityProviders'] !== undefined) {
    associated = stringList(source['capacityProviders'], `${path}.capacityProviders`);
    associated.forEach((name, i) => {
      if (!FARGATE_PROVIDERS.includes(name) && !registries.providerNames.has(name)) {
        fail(
          `${path}.capacityProviders[${i}]`,
          `unknown capacity provider ${show(name)}: expected FARGATE, FARGATE_SPOT or a name from $.capacityProviders`,
        );
      }
    });
    copy['capacityProviders'] = associated;
  }
  if (source['defaultCapacityProviderStrategy'] !== undefined) {
    const strategyPath = `${path}.defaultCapacityProviderStrategy`;
    copy['defaultCapacityProviderStrategy'] = list(
      source['defaultCapacityProviderStrategy'],
      strategyPath,
    ).map((item, i) => strategyItem(item, `${strategyPath}[${i}]`, associated));
  }

  const instancesPath = `${path}.containerInstances`;
  const instances = optionalList(source, 'containerInstances', path);
  const containerInstances = new Array<ContainerInstance>(instances.length);
  for (let i = 0; i < instances.length; i++) {
    const instancePath = `${instancesPath}[${i}]`;
    const instance = validateContainerInstance(
      instances[i],
      instancePath,
      5,
      associated,
      load?.instances,
    );
    registries.instanceArns.add(
      instance.containerInstanceArn,
      instancesPath,
      i,
      '.containerInstanceArn',
    );
    if (instance.ec2InstanceId !== undefined && instance.status !== 'INACTIVE') {
      registries.ec2InstanceIds.add(instance.ec2InstanceId, instancesPath, i, '.ec2InstanceId');
    }
    load?.instance(instance);
    containerInstances[i] = instance;
  }
  copy['containerInstances'] = containerInstances;

  const tasksPath = `${path}.tasks`;
  const sourceTasks = optionalList(source, 'tasks', path);
  const tasks = new Array<Task>(sourceTasks.length);
  const gpuHolders = new Map<string, string>();
  // An instance of this cluster: registered (uniquely) from this cluster's list.
  const ownInstance = (arn: string) => registries.instanceArns.listOf(arn) === instancesPath;
  for (let i = 0; i < sourceTasks.length; i++) {
    const taskPath = `${tasksPath}[${i}]`;
    const t = task(sourceTasks[i], taskPath, ownInstance);
    registries.taskArns.add(t.taskArn, tasksPath, i, '.taskArn');
    if (t.desiredStatus !== 'STOPPED' && t.containerInstanceArn !== undefined) {
      holdGpus(t, taskPath, gpuHolders);
    }
    load?.task(t);
    tasks[i] = t;
  }
  copy['tasks'] = tasks;
  load?.done();
  return copy as unknown as ClusterSnapshot;
}

/** A GPU is held by one task at a time: two active tasks holding the same id are refused. */
function holdGpus(task: Task, path: string, holders: Map<string, string>): void {
  (task.containers ?? []).forEach((container, c) => {
    (container.gpuIds ?? []).forEach((id, g) => {
      const key = `${task.containerInstanceArn}\u0000${id}`;
      const holder = holders.get(key);
      const here = `${path}.containers[${c}].gpuIds[${g}]`;
      if (holder !== undefined) {
        fail(here, `GPU ${show(id)} of this instance is already held by ${holder}`);
      }
      holders.set(key, here);
    });
  });
}

function strategyItem(
  value: unknown,
  path: string,
  associated: readonly string[] | undefined,
): CapacityProviderStrategyItem {
  const item = object(value, path);
  const name = string(item, 'capacityProvider', path);
  optionalCount(item, 'weight', path);
  optionalCount(item, 'base', path);
  if (associated !== undefined && !isAssociated(name, associated)) {
    fail(
      `${path}.capacityProvider`,
      `${show(name)} is not associated with the cluster (capacityProviders: ${associated.join(', ') || 'none'})`,
    );
  }
  return copyMembers({ ...item }, path, 5, NONE) as unknown as CapacityProviderStrategyItem;
}

/** A task: nesting level 5 (root, clusters, cluster, tasks, the task). */
/**
 * One task record checked and copied as a snapshot's task is (a task state change event's
 * `detail`), at `path`; its container instance may be any, even one not known yet.
 */
export function validateTaskRecord(value: unknown, path: string): Task {
  return task(value, path, anyInstance);
}

const anyInstance = (_arn: string) => true;

function task(value: unknown, path: string, ownInstance: (arn: string) => boolean): Task {
  const source = object(value, path);
  string(source, 'taskArn', path);
  oneOf(source, 'desiredStatus', path, DESIRED_STATUSES, true);
  const launchType = oneOf(source, 'launchType', path, LAUNCH_TYPES, false);
  optionalString(source, 'group', path);
  optionalString(source, 'lastStatus', path);
  optionalString(source, 'taskDefinitionArn', path);
  optionalString(source, 'capacityProviderName', path);
  // What a stopped task gives back to its instance: never a negative or unreadable amount.
  taskAmount(source, 'cpu', path, 0);
  taskAmount(source, 'memory', path, 0);
  const instanceArn = source['containerInstanceArn'];
  if (instanceArn === undefined) {
    const provider = source['capacityProviderName'];
    const onFargate =
      launchType === 'FARGATE' ||
      (typeof provider === 'string' && FARGATE_PROVIDERS.includes(provider));
    // A task waiting for managed scaling (PROVISIONING) has no instance yet.
    if (!onFargate && source['lastStatus'] !== 'PROVISIONING') {
      fail(
        `${path}.containerInstanceArn`,
        'a task that does not run on Fargate or wait in PROVISIONING needs the containerInstanceArn of its instance',
      );
    }
  } else if (typeof instanceArn !== 'string' || !ownInstance(instanceArn)) {
    fail(
      `${path}.containerInstanceArn`,
      `no container instance ${show(instanceArn)} in this cluster's containerInstances`,
    );
  }
  const copy = copyMembers({ ...source }, path, 5, TASK_CHECKED);
  normaliseTimestamps(copy, TASK_TIMESTAMPS, path);
  if (source['containers'] !== undefined) {
    const containersPath = `${path}.containers`;
    copy['containers'] = list(source['containers'], containersPath).map((c, i) =>
      taskContainer(c, `${containersPath}[${i}]`),
    );
  }
  if (source['tags'] !== undefined) {
    copy['tags'] = list(source['tags'], `${path}.tags`).map((t, i) =>
      copyMembers({ ...object(t, `${path}.tags[${i}]`) }, `${path}.tags[${i}]`, 7, NONE),
    );
  }
  return copy as unknown as Task;
}

/** A task's container: nesting level 7. */
function taskContainer(value: unknown, path: string): Json {
  const container = object(value, path);
  for (const key of ['cpu', 'memory', 'memoryReservation']) {
    optionalWholeAmount(container, key, path);
  }
  const copy = copyMembers({ ...container }, path, 7, CONTAINER_CHECKED);
  if (container['gpuIds'] !== undefined) {
    copy['gpuIds'] = stringList(container['gpuIds'], `${path}.gpuIds`);
  }
  if (container['networkBindings'] !== undefined) {
    const bindingsPath = `${path}.networkBindings`;
    copy['networkBindings'] = list(container['networkBindings'], bindingsPath).map((b, j) => {
      const bindingPath = `${bindingsPath}[${j}]`;
      const binding = object(b, bindingPath);
      optionalCount(binding, 'hostPort', bindingPath, 0, 65535);
      optionalCount(binding, 'containerPort', bindingPath, 0, 65535);
      oneOf(binding, 'protocol', bindingPath, PROTOCOLS, false);
      return copyMembers({ ...binding }, bindingPath, 9, NONE);
    });
  }
  return copy;
}
