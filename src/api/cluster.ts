/**
 * The library's entry point: a cluster snapshot you can run tasks against, plan placements
 * on without changing anything, and list container instances of.
 */
import { ClusterModel } from '../cluster/cluster-model.js';
import { cloneOthers } from '../cluster/copy-data.js';
import { validateContainerInstance } from '../cluster/validate-container-instance.js';
import { SnapshotError, validateSnapshot } from '../cluster/validate-snapshot.js';
import type {
  CapacityProvider,
  ClusterSnapshot,
  ContainerInstance,
  Snapshot,
  Tag,
  Task,
} from '../kernel/ecs-types.js';
import type { InstanceState } from '../cluster/instance-state.js';
import { InvalidParameterException } from '../kernel/errors.js';
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
 * copied on the way in (validateSnapshot, parseRunTaskInput), and everything it returns is
 * a fresh copy (cloneData), so changing either side's objects never reaches the other.
 */
export class Cluster {
  private readonly models = new Map<string, ClusterModel>();
  /** RunTask client tokens per cluster name, read from the snapshot when it is loaded. */
  private readonly tokens = new Map<string, ClientTokens>();
  /** What the RunTask prepare phase reads of this cluster. */
  private readonly context: RunTaskContext;
  /** What the other ECS operations read and change (src/api/account.ts). */
  private readonly account: Account;

  private constructor(private readonly snapshot: Snapshot) {
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
    return new Cluster(validateSnapshot(snapshot));
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
   * What-if: runs `scenario` (any runTask calls on this cluster) and then undoes every
   * placement it made, in one cluster. Registrations, attribute changes and stopped tasks
   * inside the scenario are not undone.
   */
  whatIf<T>(scenario: (cluster: Cluster) => T, clusterName?: string): T {
    const cluster = resolveCluster(this.snapshot, clusterName);
    const model = this.model(cluster);
    const mark = model.begin();
    const restoreTokens = this.tokens.get(cluster.clusterName)?.checkpoint();
    try {
      return scenario(this);
    } finally {
      model.rollback(mark);
      restoreTokens?.();
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
    return this.model(clusterSnapshot).registerInstance(checked);
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
  }

  /** StopTask: desiredStatus STOPPED and its resources released. */
  stopTask(task: string, cluster?: string): void;
  /** StopTask in the API's form: the stopped task in the response. */
  stopTask(input: StopTaskInput): { task: Task };
  stopTask(task: string | StopTaskInput, cluster?: string): { task: Task } | undefined {
    if (typeof task !== 'string') return stopTask(this.account, task);
    const model = this.model(resolveCluster(this.snapshot, cluster));
    if (!model.stopTask(task))
      throw new InvalidParameterException('The referenced task was not found.');
    return undefined;
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
    return updateContainerInstancesState(this.account, input);
  }

  /**
   * StartTask: one task on each named container instance (up to 10), with RunTask's checks
   * and no strategy; failures per instance (src/api/start-task.ts).
   */
  startTask(input: StartTaskInput, options: ClusterRunTaskOptions = {}): StartTaskOutput {
    return startTask(this.account, this.context, input, {
      seed: options.seed ?? DEFAULT_SEED,
      now: options.now,
    });
  }

  /** DeregisterContainerInstance, with or without force (src/api/deregister-container-instance.ts). */
  deregisterContainerInstance(
    input: DeregisterContainerInstanceInput,
  ): DeregisterContainerInstanceOutput {
    return deregisterContainerInstance(this.account, input);
  }

  /** DescribeContainerInstances: up to 100, unknown ones as MISSING failures. */
  describeContainerInstances(
    input: DescribeContainerInstancesInput,
  ): DescribeContainerInstancesOutput {
    return describeContainerInstances(this.account, input);
  }

  /** PutAttributes (src/api/attribute-operations.ts). */
  putAttributes(input: AttributesInput): AttributesOutput {
    return putAttributes(this.account, input);
  }

  /** DeleteAttributes (src/api/attribute-operations.ts). */
  deleteAttributes(input: AttributesInput): AttributesOutput {
    return deleteAttributes(this.account, input);
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
    return respond(call, shares, mark, explanation);
  }
}
