/**
 * Checks a parsed `--cluster-state` file (DESIGN.md section 6) in one pass and returns a new,
 * normalised snapshot: timestamps become ISO strings, absent lists become [], every object
 * and list the placement engine may later update is a fresh copy. The input is never
 * mutated and nothing is half-loaded: the first problem throws a SnapshotError carrying its
 * JSON path. Members we do not know are kept as they are.
 *
 * Hand-written rather than a JSON-schema library so that 50,000 instances load in one quick
 * pass; paths of list items are built only when a problem is reported.
 */
import type {
  Attribute,
  CapacityProvider,
  CapacityProviderStrategyItem,
  ClusterSnapshot,
  ContainerDefinition,
  ContainerInstance,
  PlacementConstraint,
  PortMapping,
  Resource,
  ResourceRequirement,
  Snapshot,
  Task,
  TaskDefinition,
} from './ecs-types.js';

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    /** JSON path of the first problem, e.g. `$.clusters[0].containerInstances[3].status`. */
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

type Json = Record<string, unknown>;

const INSTANCE_STATUSES = [
  'ACTIVE',
  'DRAINING',
  'REGISTERING',
  'DEREGISTERING',
  'REGISTRATION_FAILED',
  'INACTIVE',
] as const;
const DESIRED_STATUSES = ['RUNNING', 'PENDING', 'STOPPED'] as const;
const LAUNCH_TYPES = ['EC2', 'FARGATE', 'EXTERNAL'] as const;
const RESOURCE_TYPES = ['INTEGER', 'DOUBLE', 'LONG', 'STRINGSET'] as const;
const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none'] as const;
const DEFINITION_STATUSES = ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'] as const;
const PROVIDER_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
const PROTOCOLS = ['tcp', 'udp'] as const;
const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

const TASK_TIMESTAMPS = [
  'createdAt',
  'startedAt',
  'stoppedAt',
  'stoppingAt',
  'pullStartedAt',
  'pullStoppedAt',
  'executionStoppedAt',
  'connectivityAt',
];
const DEFINITION_TIMESTAMPS = ['registeredAt', 'deregisteredAt'];

const ACCOUNT_ID = /^[0-9]{12}$/;
/** Cluster and task-definition family names: up to 255 letters, numbers, `_` and `-`. */
const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** day, then optionally `T`/space + time, then optionally a zone (Z, +hh:mm or +hhmm). */
const ISO_DATE =
  /^(\d{4}-\d{2}-\d{2})([T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const PORT = /^(0|[1-9][0-9]{0,4})$/;

function fail(path: string, message: string): never {
  throw new SnapshotError(path, message);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function object(value: unknown, path: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(path, `expected an object, got ${show(value)}`);
  }
  return value as Json;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected a list, got ${show(value)}`);
  return value;
}

/** A list member that may be absent (-> []). */
function optionalList(holder: Json, key: string, path: string): unknown[] {
  const value = holder[key];
  return value === undefined ? [] : list(value, `${path}.${key}`);
}

function string(holder: Json, key: string, path: string): string {
  const value = holder[key];
  if (typeof value !== 'string' || value === '') {
    fail(`${path}.${key}`, `expected a non-empty string, got ${show(value)}`);
  }
  return value;
}

function optionalString(holder: Json, key: string, path: string): void {
  const value = holder[key];
  if (value !== undefined && typeof value !== 'string') {
    fail(`${path}.${key}`, `expected a string, got ${show(value)}`);
  }
}

function oneOf<T extends string>(
  holder: Json,
  key: string,
  path: string,
  values: readonly T[],
  required: boolean,
): T | undefined {
  const value = holder[key];
  if (value === undefined && !required) return undefined;
  if (!values.includes(value as T)) {
    fail(`${path}.${key}`, `expected one of ${values.join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

function boolean(holder: Json, key: string, path: string): boolean {
  const value = holder[key];
  if (typeof value !== 'boolean')
    fail(`${path}.${key}`, `expected true or false, got ${show(value)}`);
  return value;
}

function optionalCount(holder: Json, key: string, path: string, minimum = 0): void {
  const value = holder[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
    fail(`${path}.${key}`, `expected an integer >= ${minimum}, got ${show(value)}`);
  }
}

function optionalNumber(holder: Json, key: string, path: string): void {
  const value = holder[key];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    fail(`${path}.${key}`, `expected a number, got ${show(value)}`);
  }
}

function stringList(value: unknown, path: string): string[] {
  const items = list(value, path);
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== 'string')
      fail(`${path}[${i}]`, `expected a string, got ${show(items[i])}`);
  }
  return items.slice() as string[];
}

/**
 * ISO string or epoch seconds (both appear in real CLI output) -> ISO string. A date-time
 * without a zone is UTC (JavaScript would read it as local time, so we add the zone).
 */
function timestamp(value: unknown, path: string): string {
  let date: Date | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    date = new Date(Math.round(value * 1000));
  } else if (typeof value === 'string') {
    const parts = ISO_DATE.exec(value);
    if (parts) {
      const [, day, time = 'T00:00:00', zone = 'Z'] = parts;
      const offset = zone === 'Z' ? zone : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
      date = new Date(`${day}T${time.slice(1)}${offset}`);
    }
  }
  if (date === undefined || Number.isNaN(date.getTime())) {
    fail(path, `expected an ISO 8601 date-time or epoch seconds, got ${show(value)}`);
  }
  return date.toISOString();
}

function normaliseTimestamps(copy: Json, keys: readonly string[], path: string): void {
  for (const key of keys) {
    if (copy[key] !== undefined) copy[key] = timestamp(copy[key], `${path}.${key}`);
  }
}

/** A registry of ARNs (or other identifiers) that must be unique across the snapshot. */
class Unique {
  private readonly seen = new Map<string, string>();
  constructor(private readonly what: string) {}
  add(id: string, path: string): void {
    const first = this.seen.get(id);
    if (first !== undefined)
      fail(path, `duplicate ${this.what} ${show(id)}, first seen at ${first}`);
    this.seen.set(id, path);
  }
  has(id: string): boolean {
    return this.seen.has(id);
  }
}

/** Checks a parsed snapshot file and returns it typed and normalised, or throws SnapshotError. */
export function validateSnapshot(json: unknown): Snapshot {
  const root = object(json, '$');
  const region = string(root, 'region', '$');
  const accountId = string(root, 'accountId', '$');
  if (!ACCOUNT_ID.test(accountId))
    fail('$.accountId', `expected 12 digits, got ${show(accountId)}`);

  const capacityProviders = optionalList(root, 'capacityProviders', '$').map((p, i) =>
    capacityProvider(p, `$.capacityProviders[${i}]`),
  );
  const providerNames = new Unique('capacity provider');
  capacityProviders.forEach((p, i) => {
    providerNames.add(p.name, `$.capacityProviders[${i}].name`);
  });

  const taskDefinitions = validateTaskDefinitions(optionalList(root, 'taskDefinitions', '$'));

  const instanceArns = new Unique('containerInstanceArn');
  const taskArns = new Unique('taskArn');
  const clusterNames = new Unique('clusterName');
  const clusters = list(root['clusters'], '$.clusters').map((c, i) =>
    cluster(c, `$.clusters[${i}]`, { providerNames, instanceArns, taskArns, clusterNames }),
  );

  const snapshot: Json = { ...root, region, accountId, clusters, taskDefinitions };
  if (root['capacityProviders'] !== undefined) snapshot['capacityProviders'] = capacityProviders;
  if (root['subnets'] !== undefined) snapshot['subnets'] = subnets(root['subnets']);
  return snapshot as unknown as Snapshot;
}

function subnets(value: unknown): Record<string, string> {
  const map = object(value, '$.subnets');
  const copy: Record<string, string> = {};
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
  const copy: Json = { ...provider };
  if (provider['autoScalingGroupProvider'] !== undefined) {
    const groupPath = `${path}.autoScalingGroupProvider`;
    const group: Json = { ...object(provider['autoScalingGroupProvider'], groupPath) };
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
  return { ...scaling };
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
  taskArns: Unique;
  clusterNames: Unique;
}

function cluster(value: unknown, path: string, registries: Registries): ClusterSnapshot {
  const source = object(value, path);
  const clusterName = string(source, 'clusterName', path);
  if (!ECS_NAME.test(clusterName)) {
    fail(
      `${path}.clusterName`,
      `expected up to 255 letters, numbers, underscores and hyphens, got ${show(clusterName)}`,
    );
  }
  registries.clusterNames.add(clusterName, `${path}.clusterName`);
  optionalString(source, 'clusterArn', path);
  optionalString(source, 'status', path);
  const copy: Json = { ...source };

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

  const ownInstances = new Set<string>();
  const instancesPath = `${path}.containerInstances`;
  const instances = optionalList(source, 'containerInstances', path);
  const containerInstances = new Array<ContainerInstance>(instances.length);
  for (let i = 0; i < instances.length; i++) {
    const instance = containerInstance(instances[i], instancesPath, i, associated);
    registries.instanceArns.add(
      instance.containerInstanceArn,
      `${instancesPath}[${i}].containerInstanceArn`,
    );
    ownInstances.add(instance.containerInstanceArn);
    containerInstances[i] = instance;
  }
  copy['containerInstances'] = containerInstances;

  const tasksPath = `${path}.tasks`;
  const sourceTasks = optionalList(source, 'tasks', path);
  const tasks = new Array<Task>(sourceTasks.length);
  for (let i = 0; i < sourceTasks.length; i++) {
    const t = task(sourceTasks[i], `${tasksPath}[${i}]`, ownInstances);
    registries.taskArns.add(t.taskArn, `${tasksPath}[${i}].taskArn`);
    tasks[i] = t;
  }
  copy['tasks'] = tasks;
  return copy as unknown as ClusterSnapshot;
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
  if (associated !== undefined && !associated.includes(name)) {
    fail(
      `${path}.capacityProvider`,
      `${show(name)} is not associated with the cluster (capacityProviders: ${associated.join(', ') || 'none'})`,
    );
  }
  return { ...item } as unknown as CapacityProviderStrategyItem;
}

function containerInstance(
  value: unknown,
  listPath: string,
  index: number,
  associated: readonly string[] | undefined,
): ContainerInstance {
  const path = `${listPath}[${index}]`;
  const source = object(value, path);
  const arn = string(source, 'containerInstanceArn', path);
  if (!arn.startsWith('arn:')) {
    fail(`${path}.containerInstanceArn`, `expected a container-instance ARN, got ${show(arn)}`);
  }
  oneOf(source, 'status', path, INSTANCE_STATUSES, true);
  boolean(source, 'agentConnected', path);
  optionalString(source, 'ec2InstanceId', path);
  optionalCount(source, 'runningTasksCount', path);
  optionalCount(source, 'pendingTasksCount', path);
  optionalCount(source, 'version', path);
  const copy: Json = { ...source };

  const provider = source['capacityProviderName'];
  if (provider !== undefined) {
    optionalString(source, 'capacityProviderName', path);
    if (associated !== undefined && !associated.includes(provider as string)) {
      fail(
        `${path}.capacityProviderName`,
        `${show(provider)} is not one of the cluster's capacityProviders (${associated.join(', ') || 'none'})`,
      );
    }
  }
  if (source['versionInfo'] !== undefined) {
    const info = object(source['versionInfo'], `${path}.versionInfo`);
    optionalString(info, 'agentVersion', `${path}.versionInfo`);
    copy['versionInfo'] = { ...info };
  }
  if (source['remainingResources'] === undefined) {
    fail(
      `${path}.remainingResources`,
      'expected the list of remaining resources (CPU, MEMORY, ...), got nothing',
    );
  }
  copy['remainingResources'] = resources(
    source['remainingResources'],
    `${path}.remainingResources`,
    true,
  );
  if (source['registeredResources'] !== undefined) {
    copy['registeredResources'] = resources(
      source['registeredResources'],
      `${path}.registeredResources`,
      false,
    );
  }
  if (source['attributes'] !== undefined) {
    copy['attributes'] = attributes(source['attributes'], `${path}.attributes`);
  }
  if (source['registeredAt'] !== undefined) {
    copy['registeredAt'] = timestamp(source['registeredAt'], `${path}.registeredAt`);
  }
  return copy as unknown as ContainerInstance;
}

function resources(value: unknown, path: string, needsCpuAndMemory: boolean): Resource[] {
  const items = list(value, path);
  const copies = new Array<Resource>(items.length);
  const names = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const itemPath = `${path}[${i}]`;
    const source = object(items[i], itemPath);
    const name = string(source, 'name', itemPath);
    if (names.has(name)) fail(`${itemPath}.name`, `duplicate resource ${show(name)}`);
    names.add(name);
    const type = oneOf(source, 'type', itemPath, RESOURCE_TYPES, false);
    optionalNumber(source, 'doubleValue', itemPath);
    optionalNumber(source, 'longValue', itemPath);
    optionalNumber(source, 'integerValue', itemPath);
    const copy: Json = { ...source };
    if (source['stringSetValue'] !== undefined) {
      const set = stringList(source['stringSetValue'], `${itemPath}.stringSetValue`);
      if (name === 'PORTS' || name === 'PORTS_UDP') {
        set.forEach((port, p) => {
          if (!PORT.test(port) || Number(port) > 65535) {
            fail(
              `${itemPath}.stringSetValue[${p}]`,
              `expected a port number 0..65535, got ${show(port)}`,
            );
          }
        });
      }
      copy['stringSetValue'] = set;
    } else if (type === 'STRINGSET') {
      copy['stringSetValue'] = [];
    }
    if (
      (name === 'CPU' || name === 'MEMORY') &&
      source['integerValue'] === undefined &&
      source['longValue'] === undefined &&
      source['doubleValue'] === undefined
    ) {
      fail(itemPath, `resource ${name} has no integerValue, longValue or doubleValue`);
    }
    copies[i] = copy as unknown as Resource;
  }
  if (needsCpuAndMemory) {
    for (const needed of ['CPU', 'MEMORY']) {
      if (!names.has(needed)) fail(path, `expected a ${needed} resource`);
    }
  }
  return copies;
}

function attributes(value: unknown, path: string): Attribute[] {
  const items = list(value, path);
  const copies = new Array<Attribute>(items.length);
  const names = new Set<string>();
  // The hottest loop of a large snapshot (dozens per instance): paths are built only on failure.
  for (let i = 0; i < items.length; i++) {
    const source = items[i] as Json;
    if (source === null || typeof source !== 'object' || Array.isArray(source)) {
      object(source, `${path}[${i}]`);
    }
    const name = source['name'];
    if (typeof name !== 'string' || name === '' || names.has(name)) {
      const itemPath = `${path}[${i}]`;
      string(source, 'name', itemPath);
      fail(`${itemPath}.name`, `duplicate attribute ${show(name)}`);
    }
    names.add(name);
    const attributeValue = source['value'];
    if (attributeValue !== undefined && typeof attributeValue !== 'string') {
      optionalString(source, 'value', `${path}[${i}]`);
    }
    copies[i] = { ...source } as unknown as Attribute;
  }
  return copies;
}

function task(value: unknown, path: string, ownInstances: ReadonlySet<string>): Task {
  const source = object(value, path);
  string(source, 'taskArn', path);
  oneOf(source, 'desiredStatus', path, DESIRED_STATUSES, true);
  const launchType = oneOf(source, 'launchType', path, LAUNCH_TYPES, false);
  optionalString(source, 'group', path);
  optionalString(source, 'lastStatus', path);
  optionalString(source, 'taskDefinitionArn', path);
  optionalString(source, 'capacityProviderName', path);
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
  } else if (typeof instanceArn !== 'string' || !ownInstances.has(instanceArn)) {
    fail(
      `${path}.containerInstanceArn`,
      `no container instance ${show(instanceArn)} in this cluster's containerInstances`,
    );
  }
  const copy: Json = { ...source };
  normaliseTimestamps(copy, TASK_TIMESTAMPS, path);
  if (source['containers'] !== undefined) {
    const containersPath = `${path}.containers`;
    copy['containers'] = list(source['containers'], containersPath).map((c, i) => {
      const container = object(c, `${containersPath}[${i}]`);
      const containerCopy: Json = { ...container };
      if (container['gpuIds'] !== undefined) {
        containerCopy['gpuIds'] = stringList(container['gpuIds'], `${containersPath}[${i}].gpuIds`);
      }
      if (container['networkBindings'] !== undefined) {
        const bindingsPath = `${containersPath}[${i}].networkBindings`;
        containerCopy['networkBindings'] = list(container['networkBindings'], bindingsPath).map(
          (b, j) => {
            const binding = object(b, `${bindingsPath}[${j}]`);
            optionalCount(binding, 'hostPort', `${bindingsPath}[${j}]`);
            optionalCount(binding, 'containerPort', `${bindingsPath}[${j}]`);
            return { ...binding };
          },
        );
      }
      return containerCopy;
    });
  }
  if (source['tags'] !== undefined) {
    copy['tags'] = list(source['tags'], `${path}.tags`).map((t, i) => ({
      ...object(t, `${path}.tags[${i}]`),
    }));
  }
  return copy as unknown as Task;
}

function validateTaskDefinitions(items: unknown[]): TaskDefinition[] {
  const arns = new Unique('taskDefinitionArn');
  const revisions = new Unique('task definition');
  return items.map((value, i) => {
    const path = `$.taskDefinitions[${i}]`;
    const definition = taskDefinition(value, path);
    revisions.add(`${definition.family}:${definition.revision}`, `${path}.revision`);
    if (definition.taskDefinitionArn !== undefined) {
      arns.add(definition.taskDefinitionArn, `${path}.taskDefinitionArn`);
    }
    return definition;
  });
}

function taskDefinition(value: unknown, path: string): TaskDefinition {
  const source = object(value, path);
  const family = string(source, 'family', path);
  if (!ECS_NAME.test(family)) {
    fail(
      `${path}.family`,
      `expected up to 255 letters, numbers, underscores and hyphens, got ${show(family)}`,
    );
  }
  optionalCount(source, 'revision', path, 1);
  if (source['revision'] === undefined)
    fail(`${path}.revision`, 'expected an integer >= 1, got nothing');
  optionalString(source, 'taskDefinitionArn', path);
  optionalString(source, 'taskRoleArn', path);
  optionalString(source, 'executionRoleArn', path);
  oneOf(source, 'status', path, DEFINITION_STATUSES, false);
  oneOf(source, 'networkMode', path, NETWORK_MODES, false);
  for (const key of ['cpu', 'memory']) {
    const amount = source[key];
    if (amount !== undefined && typeof amount !== 'number' && typeof amount !== 'string') {
      fail(`${path}.${key}`, `expected a number or a string, got ${show(amount)}`);
    }
  }
  const copy: Json = { ...source };
  normaliseTimestamps(copy, DEFINITION_TIMESTAMPS, path);
  for (const key of ['requiresCompatibilities', 'compatibilities']) {
    if (source[key] === undefined) continue;
    const entries = stringList(source[key], `${path}.${key}`);
    entries.forEach((entry, j) => {
      if (!(LAUNCH_TYPES as readonly string[]).includes(entry)) {
        fail(
          `${path}.${key}[${j}]`,
          `expected one of ${LAUNCH_TYPES.join(', ')}, got ${show(entry)}`,
        );
      }
    });
    copy[key] = entries;
  }
  const containersPath = `${path}.containerDefinitions`;
  const containers = list(source['containerDefinitions'], containersPath);
  if (containers.length === 0) fail(containersPath, 'expected at least one container definition');
  const containerNames = new Set<string>();
  copy['containerDefinitions'] = containers.map((c, j) => {
    const definition = containerDefinition(c, `${containersPath}[${j}]`);
    if (containerNames.has(definition.name)) {
      fail(`${containersPath}[${j}].name`, `duplicate container name ${show(definition.name)}`);
    }
    containerNames.add(definition.name);
    return definition;
  });
  if (source['placementConstraints'] !== undefined) {
    const constraintsPath = `${path}.placementConstraints`;
    copy['placementConstraints'] = list(source['placementConstraints'], constraintsPath).map(
      (c, j) => {
        const constraint = object(c, `${constraintsPath}[${j}]`);
        // Task definitions can only hold memberOf constraints (RegisterTaskDefinition's enum).
        oneOf(constraint, 'type', `${constraintsPath}[${j}]`, ['memberOf'], true);
        optionalString(constraint, 'expression', `${constraintsPath}[${j}]`);
        return { ...constraint } as PlacementConstraint;
      },
    );
  }
  if (source['requiresAttributes'] !== undefined) {
    copy['requiresAttributes'] = attributes(
      source['requiresAttributes'],
      `${path}.requiresAttributes`,
    );
  }
  return copy as unknown as TaskDefinition;
}

function containerDefinition(value: unknown, path: string): ContainerDefinition {
  const source = object(value, path);
  string(source, 'name', path);
  optionalCount(source, 'cpu', path);
  optionalCount(source, 'memory', path);
  optionalCount(source, 'memoryReservation', path);
  const copy: Json = { ...source };
  if (source['portMappings'] !== undefined) {
    const mappingsPath = `${path}.portMappings`;
    copy['portMappings'] = list(source['portMappings'], mappingsPath).map((m, k) => {
      const mappingPath = `${mappingsPath}[${k}]`;
      const mapping = object(m, mappingPath);
      for (const key of ['containerPort', 'hostPort']) {
        const port = mapping[key];
        if (
          port !== undefined &&
          (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535)
        ) {
          fail(`${mappingPath}.${key}`, `expected a port number 0..65535, got ${show(port)}`);
        }
      }
      oneOf(mapping, 'protocol', mappingPath, PROTOCOLS, false);
      return { ...mapping } as PortMapping;
    });
  }
  if (source['resourceRequirements'] !== undefined) {
    const requirementsPath = `${path}.resourceRequirements`;
    copy['resourceRequirements'] = list(source['resourceRequirements'], requirementsPath).map(
      (r, k) => {
        const requirementPath = `${requirementsPath}[${k}]`;
        const requirement = object(r, requirementPath);
        const type = oneOf(
          requirement,
          'type',
          requirementPath,
          ['GPU', 'InferenceAccelerator'],
          true,
        );
        const amount = string(requirement, 'value', requirementPath);
        if (type === 'GPU' && !/^[0-9]+$/.test(amount)) {
          fail(`${requirementPath}.value`, `expected a whole number of GPUs, got ${show(amount)}`);
        }
        return { ...requirement } as unknown as ResourceRequirement;
      },
    );
  }
  return copy as unknown as ContainerDefinition;
}
