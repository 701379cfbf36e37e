/**
 * The library's entry point: a cluster snapshot you can run tasks against, plan placements
 * on without changing anything, and list container instances of.
 */
import { ClusterModel } from '../cluster/cluster-model.js';
import { cloneOthers } from '../cluster/copy-data.js';
import { loadSnapshot } from '../cluster/load-snapshot.js';
import { validateContainerInstance } from '../cluster/validate-container-instance.js';
import { SnapshotError, validateTaskRecord } from '../cluster/validate-snapshot.js';
import type {
  CapacityProvider,
  ClusterSnapshot,
  ContainerInstance,
  Snapshot,
  Tag,
  Task,
} from '../kernel/ecs-types.js';
import type { InstanceState } from '../cluster/instance-state.js';
import { ClusterNotFoundException, InvalidParameterException } from '../kernel/errors.js';
import type {
  Failure,
  ListContainerInstancesInput,
  ListContainerInstancesOutput,
  RunTaskInput,
  RunTaskOptions,
  RunTaskOutput,
} from '../kernel/run-task-types.js';
import type { PlacementExplanation } from '../placement/explanation.js';
import { placeTargets, type ShareOutcome } from '../placement/placer.js';
import { ClientTokens } from './client-tokens.js';
import { compileClusterQuery } from './compile-constraints.js';
import { prepareRunTask, type RunTaskContext } from './prepare-run-task.js';
import { resolveCluster } from './resolve-cluster.js';
import { respond, respondWithReplay, type RunTaskResult } from './respond.js';
import { subnetZoneMap } from './subnet-zones.js';
import type { Account } from './account.js';
import type {
  CreateCapacityProviderInput,
  CreateClusterInput,
  DeleteClusterInput,
  DeregisterContainerInstanceInput,
  DeregisterTaskDefinitionInput,
  DescribeCapacityProvidersInput,
  DescribeClustersInput,
  DescribeContainerInstancesInput,
  DescribeTaskDefinitionInput,
  DescribeTasksInput,
  ListAttributesInput,
  ListClustersInput,
  ListTagsForResourceInput,
  ListTaskDefinitionsInput,
  ListTasksInput,
  PutClusterCapacityProvidersInput,
  RegisterContainerInstanceInput,
  StartTaskInput,
  StopTaskInput,
  TagResourceInput,
  AttributesInput,
  UpdateContainerInstancesStateInput,
} from './operation-shapes.js';
import {
  type AttributesOutput,
  deleteAttributes,
  listAttributes,
  type ListAttributesOutput,
  putAttributes,
} from './attribute-operations.js';
import {
  createCapacityProvider,
  describeCapacityProviders,
} from './capacity-provider-operations.js';
import {
  type ClusterDescription,
  createCluster,
  deleteCluster,
  describeClusters,
  listClusters,
  putClusterCapacityProviders,
} from './cluster-operations.js';
import {
  describeContainerInstances,
  type DescribeContainerInstancesOutput,
} from './container-instance-reads.js';
import {
  deregisterContainerInstance,
  type DeregisterContainerInstanceOutput,
} from './deregister-container-instance.js';
import { containerInstanceOf } from './register-container-instance.js';
import { startTask, type StartTaskOutput } from './start-task.js';
import { listTagsForResource, tagResource } from './tag-operations.js';
import {
  deregisterTaskDefinition,
  describeTaskDefinition,
  listTaskDefinitions,
  registerTaskDefinition,
  type RegisterTaskDefinitionInput,
  type TaskDefinitionOutput,
} from './task-definition-operations.js';
import { describeTasks, listTasks, stopTask } from './task-operations.js';
import {
  updateContainerInstancesState,
  type UpdateContainerInstancesStateOutput,
} from './update-container-instances-state.js';
import { invalidParameter } from './validate-shape.js';
import { type HeadroomOptions, type HeadroomResult, headroom } from '../whatif/headroom.js';
import { type InstanceUsage, usageOf } from '../whatif/instance-inventory.js';
import {
  awsvpcDefinitions,
  type DrainCall,
  type DrainOutcome,
  drainInstance,
  runningTasksOf,
} from '../whatif/drain.js';
import { applyEvent } from '../events/apply-event.js';
import type { ApplyAllResult, EventResult } from '../events/ecs-event.js';
import {
  type ChangeCause,
  ChangeFeed,
  type ChangeListener,
  type ClusterChange,
  emptyChange,
} from './change-feed.js';
import { eventChange, figuresOf, moveOf, runTaskChange } from './event-changes.js';

/** Seed used when the caller gives none, so that a call is reproducible by default. */
export const DEFAULT_SEED = 'ecs-placement';

export interface ClusterRunTaskOptions extends RunTaskOptions {
  /** The clock for `createdAt` (epoch milliseconds or a Date); default: now. */
  now?: number | Date;
}

export interface RunTaskPlan extends RunTaskOutput {
  explanation: PlacementExplanation;
  /** Set when the request's clientToken repeats a recorded call: the response is its replay. */
  replayOf?: { clientToken: string; recordedAt: string };
}

/** The member toSnapshot builds anew; every other one is copied (see cloneOthers). */
const CLUSTERS = new Set(['clusters']);

/**
 * Nothing a Cluster keeps is shared with its caller: the snapshot and every request are
 * copied on the way in (loadSnapshot, parseRunTaskInput), and everything it returns is
 * a fresh copy (cloneData), so changing either side's objects never reaches the other.
 */
export class Cluster {
  /** RunTask client tokens per cluster name, read from the snapshot when it is loaded. */
  private readonly tokens = new Map<string, ClientTokens>();
  /** What the RunTask prepare phase reads of this cluster. */
  private readonly context: RunTaskContext;
  /** What the other ECS operations read and change (src/api/account.ts). */
  private readonly account: Account;

  private constructor(
    private readonly snapshot: Snapshot,
    /** Each cluster's model by name (loadSnapshot builds them with the snapshot's copy). */
    private readonly models: Map<string, ClusterModel>,
  ) {
    snapshot.clusters.forEach((cluster, i) => {
      this.tokens.set(cluster.clusterName, new ClientTokens(cluster, `$.clusters[${i}]`));
    });
    this.context = {
      snapshot,
      subnetZones: subnetZoneMap(snapshot.subnets),
      model: (cluster) => this.model(cluster),
      tokens: (cluster) => this.tokens.get(cluster.clusterName),
    };
    this.account = {
      snapshot,
      arns: { region: snapshot.region, accountId: snapshot.accountId },
      model: (cluster) => this.model(cluster),
      addCluster: (cluster) => {
        snapshot.clusters.push(cluster);
        this.tokens.set(cluster.clusterName, new ClientTokens(cluster, '$'));
      },
      removeCluster: (cluster) => {
        snapshot.clusters.splice(snapshot.clusters.indexOf(cluster), 1);
        this.models.delete(cluster.clusterName);
        this.tokens.delete(cluster.clusterName);
      },
    };
  }

  /** Validates the snapshot (throws SnapshotError with a JSON path) and loads a copy of it. */
  static fromSnapshot(snapshot: unknown): Cluster {
    const loaded = loadSnapshot(snapshot);
    return new Cluster(loaded.snapshot, loaded.models);
  }

  /**
   * Places and records the tasks. Throws the ECS exceptions; a task that cannot be placed is a
   * failure entry. With a `clientToken`, the call is remembered for 24 hours (by `now`): a
   * retry with the same request returns a copy of this response and places nothing; the same
   * token with another request throws ConflictException.
   *
   * `input` is typed for TypeScript callers; it is checked at run time all the same (a
   * JavaScript caller gets InvalidParameterException naming the member). For JSON or other
   * untyped input, `parseRunTaskInput(json)` checks it and returns a RunTaskInput.
   */
  runTask(input: RunTaskInput, options: ClusterRunTaskOptions = {}): RunTaskOutput {
    const { replayOf: _replay, ...output } = this.run(input, options, undefined);
    return output;
  }

  /**
   * The same response as `runTask` with the same seed, plus the explanation; changes nothing
   * (a plan never records a clientToken; a known one shows the response a retry would get).
   */
  planRunTask(input: RunTaskInput, options: ClusterRunTaskOptions = {}): RunTaskPlan {
    const seed = options.seed ?? DEFAULT_SEED;
    const explanation: PlacementExplanation = { seed, tasks: [], summary: '' };
    const { replayOf, ...output } = this.run(input, options, explanation);
    return { ...output, explanation, ...(replayOf ? { replayOf } : {}) };
  }

  /** ARNs in snapshot order; `filter` is CQL; without `status`, every state except INACTIVE. */
  listContainerInstances(input: ListContainerInstancesInput = {}): ListContainerInstancesOutput {
    const model = this.model(resolveCluster(this.snapshot, input.cluster));
    if (input.filter !== undefined && typeof input.filter !== 'string') {
      throw invalidParameter('filter', input.filter, 'a filter is cluster query language text');
    }
    const predicate = input.filter !== undefined ? compileClusterQuery(input.filter) : undefined;
    const containerInstanceArns: string[] = [];
    for (const instance of model.instances) {
      const wanted =
        input.status !== undefined
          ? instance.status === input.status
          : instance.status !== 'INACTIVE';
      if (wanted && (predicate === undefined || predicate.matches(instance.view))) {
        containerInstanceArns.push(instance.arn);
      }
    }
    return { containerInstanceArns };
  }

  /** The current state in snapshot format (for `--save`). */
  toSnapshot(): Snapshot {
    return cloneOthers(
      {
        ...this.snapshot,
        // Through the model even for a cluster no call has touched yet, so the figures it
        // writes (runningTasksCount, pendingTasksCount) do not depend on what ran before.
        clusters: this.snapshot.clusters.map((c) => {
          const { clientTokens: _loaded, ...cluster } = this.model(c).toClusterSnapshot();
          const clientTokens = this.tokens.get(c.clusterName)?.toSnapshot();
          return clientTokens ? { ...cluster, clientTokens } : cluster;
        }),
      },
      CLUSTERS,
    );
  }

  /**
   * What-if: runs `scenario` (any calls on this cluster) and then undoes every change it
   * made in that cluster: placements, stopped tasks, events applied, instances registered,
   * attributes put or deleted, and statuses (DRAINING, a deregistration).
   */
  whatIf<T>(scenario: (cluster: Cluster) => T, clusterName?: string): T {
    const cluster = resolveCluster(this.snapshot, clusterName);
    const model = this.model(cluster);
    const mark = model.begin();
    const restoreTokens = this.tokens.get(cluster.clusterName)?.checkpoint();
    this.feed.enter();
    try {
      return scenario(this);
    } finally {
      model.rollback(mark);
      restoreTokens?.();
      this.feed.rollback(cluster.clusterName);
    }
  }

  /**
   * How many more tasks like `request` the cluster can take, per capacity provider and
   * Availability Zone, and which check stops each instance (docs/what-if.md, "Headroom").
   * Changes nothing.
   */
  headroom(request: RunTaskInput, options: HeadroomOptions = {}): HeadroomResult {
    return headroom(this, request, { seed: DEFAULT_SEED, ...options });
  }

  /**
   * Drain: the instance set to DRAINING and its running tasks started again elsewhere, each
   * with its group, task definition and overrides and `placementStrategy` (default
   * DRAIN_DEFAULT_STRATEGY); before/after per zone and instance (docs/what-if.md, "Drain").
   * Changes the cluster (wrap it in `whatIf` for a dry run of the placements).
   */
  drain(request: DrainCall): DrainOutcome {
    const model = this.model(resolveCluster(this.snapshot, request.cluster));
    const tasks = runningTasksOf(model.tasks, awsvpcDefinitions(this.snapshot));
    return drainInstance(this, {
      subnets: Object.keys(this.snapshot.subnets ?? {}),
      ...(request.cluster !== undefined ? { cluster: request.cluster } : {}),
      containerInstance: request.containerInstance,
      tasks,
      ...(request.placementStrategy !== undefined ? { strategy: request.placementStrategy } : {}),
      ...(request.networkConfiguration !== undefined
        ? { networkConfiguration: request.networkConfiguration }
        : {}),
      seed: request.seed ?? DEFAULT_SEED,
      ...(request.now !== undefined ? { now: request.now } : {}),
    });
  }

  /**
   * Every container instance of a cluster (name or ARN; default `default`) with its zone,
   * capacity provider, registered and remaining CPU and memory, in snapshot order; copies.
   */
  instanceUsage(cluster?: string): InstanceUsage[] {
    return usageOf(this.model(resolveCluster(this.snapshot, cluster)).instances);
  }

  /**
   * RegisterContainerInstance, for simulations and tests: the instance becomes a candidate
   * at once. It is checked as a snapshot's instances are (InvalidParameterException naming
   * the member) and a copy is kept.
   */
  /**
   * RegisterContainerInstance as the container agent calls it (the instance identity
   * document, totalResources, attributes, versionInfo): see
   * src/api/register-container-instance.ts for what is derived.
   */
  registerContainerInstance(instance: ContainerInstance, cluster?: string): void {
    this.registerInstance(instance, cluster);
  }

  private registerInstance(instance: ContainerInstance, cluster?: string): InstanceState {
    const clusterSnapshot = resolveCluster(this.snapshot, cluster);
    let checked: ContainerInstance;
    try {
      checked = validateContainerInstance(
        instance,
        'containerInstance',
        1,
        clusterSnapshot.capacityProviders,
      );
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      throw new InvalidParameterException(`Invalid ${error.message}.`);
    }
    const arn = checked.containerInstanceArn;
    const ec2 = checked.status !== 'INACTIVE' ? checked.ec2InstanceId : undefined;
    // Unique across the snapshot, as in a snapshot file.
    for (const other of this.snapshot.clusters) {
      for (const known of this.model(other).instances) {
        if (known.arn === arn) {
          throw new InvalidParameterException(`Container instance ${arn} is already registered.`);
        }
        if (ec2 !== undefined && known.ec2InstanceId === ec2 && known.status !== 'INACTIVE') {
          throw new InvalidParameterException(
            `EC2 instance ${ec2} is already registered as ${known.arn}.`,
          );
        }
      }
    }
    const state = this.model(clusterSnapshot).registerInstance(checked);
    if (this.feed.active) {
      const body = emptyChange(clusterSnapshot.clusterName, 'registerContainerInstance');
      body.instancesRegistered.push(arn);
      this.feed.emit(body);
    }
    return state;
  }

  /** PutAttributes on one container instance (ARN or id); `value` undefined = a name-only attribute. */
  putAttribute(target: string, name: string, value?: string, cluster?: string): void {
    // What a snapshot may hold, so that toSnapshot() always loads again.
    if (typeof name !== 'string' || name === '') {
      throw invalidParameter('name', name, 'an attribute name is a non-empty string');
    }
    if (value !== undefined && typeof value !== 'string') {
      throw invalidParameter('value', value, 'an attribute value is a string (or absent)');
    }
    const model = this.model(resolveCluster(this.snapshot, cluster));
    const instance = model.instance(target);
    if (!instance) throw new InvalidParameterException(`Container instance ${target} not found.`);
    model.putAttribute(instance, name, value ?? null);
    if (this.feed.active) {
      const body = emptyChange(model.clusterName, 'putAttribute');
      body.instancesChanged.push(instance.arn);
      this.feed.emit(body);
    }
  }

  /** StopTask: desiredStatus STOPPED and its resources released. */
  stopTask(task: string, cluster?: string): void;
  /** StopTask in the API's form: the stopped task in the response. */
  stopTask(input: StopTaskInput): { task: Task };
  stopTask(task: string | StopTaskInput, cluster?: string): { task: Task } | undefined {
    if (typeof task !== 'string') {
      // Checked by the operation first: the cluster is resolved here only for the feed.
      if (!this.feed.active) return stopTask(this.account, task);
      const model = this.model(resolveCluster(this.snapshot, task.cluster));
      return this.reportingStop(model, task.task, () => stopTask(this.account, task));
    }
    const model = this.model(resolveCluster(this.snapshot, cluster));
    return this.reportingStop(model, task, () => {
      if (!model.stopTask(task))
        throw new InvalidParameterException('The referenced task was not found.');
      return undefined;
    });
  }

  /** Runs `stop` (of the task `ref` names) and reports it to the change feed, if one listens. */
  private reportingStop<R>(model: ClusterModel, ref: unknown, stop: () => R): R {
    const known = this.feed.active && typeof ref === 'string' ? model.findTask(ref) : undefined;
    const before = known ? figuresOf(model.holdOf(known.taskArn)?.instance) : undefined;
    const result = stop();
    if (known) {
      const body = emptyChange(model.clusterName, 'stopTask');
      body.tasksStopped.push(known.taskArn);
      if (before) body.resources.push(moveOf(before));
      this.feed.emit(body);
    }
    return result;
  }

  // --- The ECS operations besides RunTask (one file each in src/api/; docs/endpoint.md) ---

  /** An account with no cluster, task definition or capacity provider yet. */
  static empty(account: { region?: string; accountId?: string } = {}): Cluster {
    return Cluster.fromSnapshot({
      region: account.region ?? 'us-east-1',
      accountId: account.accountId ?? '123456789012',
      clusters: [],
      taskDefinitions: [],
    });
  }

  /** UpdateContainerInstancesState: ACTIVE <-> DRAINING (src/api/update-container-instances-state.ts). */
  updateContainerInstancesState(
    input: UpdateContainerInstancesStateInput,
  ): UpdateContainerInstancesStateOutput {
    const output = updateContainerInstancesState(this.account, input);
    this.reportInstances(input.cluster, 'updateContainerInstancesState', output.containerInstances);
    return output;
  }

  /**
   * StartTask: one task on each named container instance (up to 10), with RunTask's checks
   * and no strategy; failures per instance (src/api/start-task.ts).
   */
  startTask(input: StartTaskInput, options: ClusterRunTaskOptions = {}): StartTaskOutput {
    const output = startTask(this.account, this.context, input, {
      seed: options.seed ?? DEFAULT_SEED,
      now: options.now,
    });
    if (this.feed.active && output.tasks.length > 0) {
      const model = this.model(resolveCluster(this.snapshot, input.cluster));
      this.feed.emit(runTaskChange(model, output.tasks, 'startTask'));
    }
    return output;
  }

  /** DeregisterContainerInstance, with or without force (src/api/deregister-container-instance.ts). */
  deregisterContainerInstance(
    input: DeregisterContainerInstanceInput,
  ): DeregisterContainerInstanceOutput {
    const output = deregisterContainerInstance(this.account, input);
    if (this.feed.active) {
      const model = this.model(resolveCluster(this.snapshot, input.cluster));
      const body = emptyChange(model.clusterName, 'deregisterContainerInstance');
      body.instancesDeregistered.push(output.containerInstance.containerInstanceArn);
      this.feed.emit(body);
    }
    return output;
  }

  /** DescribeContainerInstances: up to 100, unknown ones as MISSING failures. */
  describeContainerInstances(
    input: DescribeContainerInstancesInput,
  ): DescribeContainerInstancesOutput {
    return describeContainerInstances(this.account, input);
  }

  /** PutAttributes (src/api/attribute-operations.ts). */
  putAttributes(input: AttributesInput): AttributesOutput {
    const output = putAttributes(this.account, input);
    this.reportAttributeTargets(input.cluster, 'putAttribute', output);
    return output;
  }

  /** DeleteAttributes (src/api/attribute-operations.ts). */
  deleteAttributes(input: AttributesInput): AttributesOutput {
    const output = deleteAttributes(this.account, input);
    this.reportAttributeTargets(input.cluster, 'deleteAttributes', output);
    return output;
  }

  /** Reports container instances whose record a call changed (when someone listens). */
  private reportInstances(
    cluster: string | undefined,
    cause: ChangeCause,
    instances: readonly { containerInstanceArn: string }[],
  ): void {
    if (!this.feed.active || instances.length === 0) return;
    const body = emptyChange(resolveCluster(this.snapshot, cluster).clusterName, cause);
    body.instancesChanged.push(...new Set(instances.map((i) => i.containerInstanceArn)));
    this.feed.emit(body);
  }

  private reportAttributeTargets(
    cluster: string | undefined,
    cause: ChangeCause,
    output: AttributesOutput,
  ): void {
    const targets = output.attributes.flatMap((a) =>
      a.targetId !== undefined ? [{ containerInstanceArn: a.targetId }] : [],
    );
    this.reportInstances(cluster, cause, targets);
  }

  /** ListAttributes of the cluster's container instances. */
  listAttributes(input: ListAttributesInput): ListAttributesOutput {
    return listAttributes(this.account, input);
  }

  /** ListTasks (RUNNING by default; src/api/task-operations.ts). */
  listTasks(input: ListTasksInput = {}): { taskArns: string[]; nextToken?: string } {
    return listTasks(this.account, input);
  }

  /** DescribeTasks: up to 100, unknown ones as MISSING failures. */
  describeTasks(input: DescribeTasksInput): { tasks: Task[]; failures: Failure[] } {
    return describeTasks(this.account, input);
  }

  /** DescribeTaskDefinition: family (latest ACTIVE), family:revision or ARN. */
  describeTaskDefinition(input: DescribeTaskDefinitionInput): TaskDefinitionOutput {
    return describeTaskDefinition(this.account, input);
  }

  /** ListTaskDefinitions (ACTIVE by default, family then revision). */
  listTaskDefinitions(input: ListTaskDefinitionsInput = {}): {
    taskDefinitionArns: string[];
    nextToken?: string;
  } {
    return listTaskDefinitions(this.account, input);
  }

  /** RegisterTaskDefinition: the family's next revision (src/api/task-definition-operations.ts). */
  registerTaskDefinition(
    input: RegisterTaskDefinitionInput,
    options: { now?: number | Date } = {},
  ): TaskDefinitionOutput {
    return registerTaskDefinition(this.account, input, new Date(options.now ?? Date.now()));
  }

  /** DeregisterTaskDefinition: the revision becomes INACTIVE (RunTask refuses it). */
  deregisterTaskDefinition(input: DeregisterTaskDefinitionInput): TaskDefinitionOutput {
    return deregisterTaskDefinition(this.account, input);
  }

  /** DescribeClusters (`default` when none is named; unknown ones as MISSING failures). */
  describeClusters(input: DescribeClustersInput = {}): {
    clusters: ClusterDescription[];
    failures: Failure[];
  } {
    return describeClusters(this.account, input);
  }

  /** ListClusters. */
  listClusters(input: ListClustersInput = {}): { clusterArns: string[]; nextToken?: string } {
    return listClusters(this.account, input);
  }

  /** CreateCluster (returns the existing cluster of that name unchanged). */
  createCluster(input: CreateClusterInput = {}): { cluster: ClusterDescription } {
    return createCluster(this.account, input);
  }

  /** DeleteCluster: only without container instances and tasks (src/api/cluster-operations.ts). */
  deleteCluster(input: DeleteClusterInput): { cluster: ClusterDescription } {
    return deleteCluster(this.account, input);
  }

  /** PutClusterCapacityProviders: the cluster's providers and default strategy. */
  putClusterCapacityProviders(input: PutClusterCapacityProvidersInput): {
    cluster: ClusterDescription;
  } {
    return putClusterCapacityProviders(this.account, input);
  }

  /** DescribeCapacityProviders (FARGATE and FARGATE_SPOT included). */
  describeCapacityProviders(input: DescribeCapacityProvidersInput = {}): {
    capacityProviders: CapacityProvider[];
    failures: Failure[];
    nextToken?: string;
  } {
    return describeCapacityProviders(this.account, input);
  }

  /** CreateCapacityProvider (an Auto Scaling group provider, by name). */
  createCapacityProvider(input: CreateCapacityProviderInput): {
    capacityProvider: CapacityProvider;
  } {
    return createCapacityProvider(this.account, input);
  }

  /** TagResource (src/api/tag-operations.ts). */
  tagResource(input: TagResourceInput): Record<string, never> {
    return tagResource(this.account, input);
  }

  /** ListTagsForResource. */
  listTagsForResource(input: ListTagsForResourceInput): { tags: Tag[] } {
    return listTagsForResource(this.account, input);
  }

  /**
   * RegisterContainerInstance as the container agent calls it (the API's
   * RegisterContainerInstance: the instance identity document, totalResources, attributes,
   * versionInfo); what ECS derives from them is derived (src/api/register-container-instance.ts).
   * `registerContainerInstance` takes a snapshot's instance instead.
   */
  registerAgentInstance(
    input: RegisterContainerInstanceInput,
    options: ClusterRunTaskOptions = {},
  ): { containerInstance: ContainerInstance } {
    const cluster = resolveCluster(this.snapshot, (input as { cluster?: string }).cluster);
    const model = this.model(cluster);
    const instance = containerInstanceOf(input, {
      arns: this.account.arns,
      clusterName: cluster.clusterName,
      seed: options.seed ?? DEFAULT_SEED,
      ordinal: model.instances.length,
      now: new Date(options.now ?? Date.now()),
    });
    const state = this.registerInstance(instance, cluster.clusterName);
    return { containerInstance: model.containerInstanceSnapshot(state) };
  }

  // ---- Embedding: ECS events in, the change feed out (docs/embedding.md) --------------

  private readonly feed = new ChangeFeed();
  private readonly openTransactions: object[] = [];

  /**
   * Applies one ECS EventBridge event ("ECS Container Instance State Change" or "ECS Task
   * State Change") to the cluster its detail names. Never throws for bad input: the result
   * says whether it was applied, ignored (a duplicate, a stale version, another kind of ECS
   * event) or rejected (malformed, unknown cluster, a contradiction), and an event that is
   * not applied changes nothing.
   */
  apply(event: unknown): EventResult {
    if (!this.feed.active) return applyEvent(event, this.lookupCluster, this.ownerOf);
    const ref = instanceArnOf(event);
    let model: ClusterModel | undefined;
    let before: ReturnType<typeof figuresOf>;
    const result = applyEvent(
      event,
      (arn) => {
        model = this.lookupCluster(arn);
        const known = ref !== undefined ? model?.instance(ref) : undefined;
        before = known?.arn === ref ? figuresOf(known) : undefined;
        return model;
      },
      this.ownerOf,
    );
    const body = model !== undefined ? eventChange(model, result, before) : undefined;
    if (body) this.feed.emit(body);
    return result;
  }

  /** Applies events in order, each as `apply` does; one result per event and the counts. */
  applyAll(events: Iterable<unknown>): ApplyAllResult {
    if (typeof (events as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] !== 'function') {
      throw new InvalidParameterException('applyAll takes a list (any iterable) of events.');
    }
    const all: ApplyAllResult = { applied: 0, ignored: 0, rejected: 0, results: [] };
    for (const event of events) {
      const result = this.apply(event);
      all[result.result]++;
      all.results.push(result);
    }
    return all;
  }

  /**
   * Calls `listener` after every change made through this object (runTask, stopTask,
   * registerContainerInstance, putAttribute, apply, and the rollback of a transaction or a
   * whatIf), each with its own copy. Returns the function that stops it.
   */
  onChange(listener: ChangeListener): () => void {
    if (typeof listener !== 'function') {
      throw new InvalidParameterException('onChange takes a function, called with each change.');
    }
    return this.feed.subscribe(listener);
  }

  /** The change feed as an async iterator (unread changes wait in memory; `return()` ends it). */
  changes(): AsyncIterableIterator<ClusterChange> {
    return this.feed.iterate();
  }

  /**
   * Starts a transaction on one cluster: every change until `keep()` or `rollback()` (runTask,
   * stopTask, events, ...) can be undone at once, e.g. when the real StartTask of a decision
   * fails. Transactions end innermost first.
   */
  transaction(clusterName?: string): ClusterTransaction {
    const cluster = resolveCluster(this.snapshot, clusterName);
    const model = this.model(cluster);
    const mark = model.begin();
    const restoreTokens = this.tokens.get(cluster.clusterName)?.checkpoint();
    this.feed.enter();
    const handle = {};
    this.openTransactions.push(handle);
    const end = () => {
      if (this.openTransactions.at(-1) !== handle) {
        throw new Error(
          this.openTransactions.includes(handle)
            ? 'A transaction started inside this one is still open: end it first.'
            : 'This transaction has ended already.',
        );
      }
      this.openTransactions.pop();
    };
    return {
      keep: () => {
        end();
        model.keep();
        this.feed.keep();
      },
      rollback: () => {
        end();
        model.rollback(mark);
        restoreTokens?.();
        this.feed.rollback(cluster.clusterName);
      },
    };
  }

  /**
   * After a decision's real StartTask succeeded: the task runTask placed (`taskArn`) is the
   * task ECS started for it (`task`, from the StartTask response), so the mirror counts it
   * once. The record replaces the placed task under ECS's ARN (later events update it by
   * version); what it holds on its instance stays taken until the instance's next event
   * accounts for it. Call it when StartTask returns, before applying further events.
   */
  confirmTask(taskArn: string, task: Task, cluster?: string): void {
    const model = this.model(resolveCluster(this.snapshot, cluster));
    const placed = model.findTask(taskArn);
    if (placed === undefined)
      throw new InvalidParameterException('The referenced task was not found.');
    let record: Task;
    try {
      record = validateTaskRecord(task, 'task');
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      throw new InvalidParameterException(`Invalid ${error.message}.`);
    }
    if (record.containerInstanceArn !== placed.containerInstanceArn) {
      throw new InvalidParameterException(
        `Task ${record.taskArn} runs on ${record.containerInstanceArn ?? 'no container instance'}, not on ${placed.containerInstanceArn ?? 'no container instance'} where ${taskArn} was placed.`,
      );
    }
    if (record.taskArn !== placed.taskArn && model.findTask(record.taskArn) !== undefined) {
      throw new InvalidParameterException(`Task ${record.taskArn} is already recorded.`);
    }
    if (!model.confirmTask(placed.taskArn, record)) {
      throw new InvalidParameterException(
        `Task ${taskArn} was not placed by runTask on this cluster.`,
      );
    }
    if (this.feed.active) {
      const body = emptyChange(model.clusterName, 'confirmTask');
      body.tasksUpdated.push(record.taskArn);
      this.feed.emit(body);
    }
  }

  /** The model of the cluster holding a container instance or task ARN, if any. */
  private readonly ownerOf = (arn: string): ClusterModel | undefined => {
    for (const cluster of this.snapshot.clusters) {
      const model = this.model(cluster);
      if (model.instance(arn)?.arn === arn || model.findTask(arn)?.taskArn === arn) return model;
    }
    return undefined;
  };

  /** The model of the cluster an event's clusterArn (or name) names; undefined when none. */
  private readonly lookupCluster = (ref: string): ClusterModel | undefined => {
    let found = this.snapshot.clusters.find((c) => c.clusterArn === ref);
    if (!found) {
      try {
        found = resolveCluster(this.snapshot, ref);
      } catch (error) {
        if (error instanceof ClusterNotFoundException) return undefined;
        throw error;
      }
    }
    return this.model(found);
  };

  private model(cluster: ClusterSnapshot): ClusterModel {
    let model = this.models.get(cluster.clusterName);
    if (!model) {
      model = new ClusterModel(cluster);
      this.models.set(cluster.clusterName, model);
    }
    return model;
  }

  /**
   * RunTask as its phases (docs/ARCHITECTURE.md): prepare (validate, resolve, split), place
   * (one placer per share, inside a transaction), respond (kept, or undone for a plan).
   */
  private run(
    input: RunTaskInput,
    options: ClusterRunTaskOptions,
    explanation: PlacementExplanation | undefined,
  ): RunTaskResult {
    const seed = options.seed ?? DEFAULT_SEED;
    const call = prepareRunTask(this.context, input, { seed, now: options.now, explanation });
    if (call.kind === 'replay') return respondWithReplay(call, explanation);
    const mark = call.model.begin();
    let shares: ShareOutcome[];
    try {
      shares = placeTargets(call, call.targets);
    } catch (error) {
      call.model.rollback(mark);
      throw error;
    }
    const result = respond(call, shares, mark, explanation);
    if (explanation === undefined && this.feed.active && result.tasks.length > 0) {
      this.feed.emit(runTaskChange(call.model, result.tasks));
    }
    return result;
  }
}

export interface ClusterTransaction {
  /** Ends the transaction keeping its changes (a transaction around it may still undo them). */
  keep(): void;
  /** Ends the transaction undoing every change made since it started, newest first. */
  rollback(): void;
}

/** The container instance ARN of an instance event's detail, read before it is checked. */
function instanceArnOf(event: unknown): string | undefined {
  const detail = (event as { detail?: { containerInstanceArn?: unknown } } | null)?.detail;
  const arn =
    detail !== null && typeof detail === 'object' ? detail.containerInstanceArn : undefined;
  return typeof arn === 'string' ? arn : undefined;
}
