/**
 * The library's entry point: a cluster snapshot you can run tasks against, plan placements
 * on without changing anything, and list container instances of.
 */
import type { InstanceLaunchType } from '../kernel/ecs-enums.js';
import seedrandom from 'seedrandom';
import { managedScalingOf } from '../capacity/managed-scaling.js';
import {
  PROVISIONING_TASKS_PER_CLUSTER,
  provisioningQuotaReached,
  provisioningTaskCount,
  waitsForCapacity,
} from '../capacity/provisioning-quota.js';
import { type LaunchTarget, resolveLaunchTargets } from '../capacity/resolve-launch-targets.js';
import { ClusterModel } from '../cluster/cluster-model.js';
import { emptyCopyOf } from '../cluster/empty-copy.js';
import type { InstanceState } from '../cluster/instance-state.js';
import type { ClusterSnapshot, ContainerInstance, Snapshot, Task } from '../kernel/ecs-types.js';
import { cloneData, cloneOthers } from '../cluster/copy-data.js';
import { validateContainerInstance } from '../cluster/validate-container-instance.js';
import { SnapshotError, validateSnapshot } from '../cluster/validate-snapshot.js';
import type { PlacementExplanation } from '../placement/explanation.js';
import { placeTasks } from '../placement/place-tasks.js';
import { computeTaskNeeds } from '../placement/task-needs.js';
import { capacityProviderArn, clusterArn, taskDefinitionArn } from './arns.js';
import { buildTask, type TaskTemplate } from './build-task.js';
import { ClientTokens } from './client-tokens.js';
import { compileClusterQuery, compileConstraints } from './compile-constraints.js';
import { InvalidParameterException } from '../kernel/errors.js';
import { placeFargate } from './place-fargate.js';
import { resolveCluster } from './resolve-cluster.js';
import { subnetZoneMap, subnetZones } from './subnet-zones.js';
import { resolveTaskDefinition } from './resolve-task-definition.js';
import { scaleOutEstimates, type WaitingShare, waitingTaskOf } from './scale-out-report.js';
import type {
  Failure,
  ListContainerInstancesInput,
  ListContainerInstancesOutput,
  RunTaskInput,
  RunTaskOptions,
  RunTaskOutput,
} from '../kernel/run-task-types.js';
import { echoOverrides, taskTags } from './task-echo.js';
import { parseRunTaskInput, validateRunTaskRequest } from './validate-run-task.js';
import { validateScalars } from './validate-scalars.js';
import { invalidParameter } from './validate-shape.js';

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

const NO_INSTANCES = 'No Container Instances were found in your cluster.';
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
  private readonly subnetZones: ReadonlyMap<string, string>;

  private constructor(private readonly snapshot: Snapshot) {
    this.subnetZones = subnetZoneMap(snapshot.subnets);
    snapshot.clusters.forEach((cluster, i) => {
      this.tokens.set(cluster.clusterName, new ClientTokens(cluster, `$.clusters[${i}]`));
    });
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
   */
  runTask(input: RunTaskInput | unknown, options: ClusterRunTaskOptions = {}): RunTaskOutput {
    const { replayOf: _replay, ...output } = this.run(input, options, undefined);
    return output;
  }

  /**
   * The same response as `runTask` with the same seed, plus the explanation; changes nothing
   * (a plan never records a clientToken; a known one shows the response a retry would get).
   */
  planRunTask(input: RunTaskInput | unknown, options: ClusterRunTaskOptions = {}): RunTaskPlan {
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
   * RegisterContainerInstance, for simulations and tests: the instance becomes a candidate
   * at once. It is checked as a snapshot's instances are (InvalidParameterException naming
   * the member) and a copy is kept.
   */
  registerContainerInstance(instance: ContainerInstance | unknown, cluster?: string): void {
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
    this.model(clusterSnapshot).registerInstance(checked);
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
  stopTask(task: string, cluster?: string): void {
    const model = this.model(resolveCluster(this.snapshot, cluster));
    if (!model.stopTask(task))
      throw new InvalidParameterException('The referenced task was not found.');
  }

  private model(cluster: ClusterSnapshot): ClusterModel {
    let model = this.models.get(cluster.clusterName);
    if (!model) {
      model = new ClusterModel(cluster);
      this.models.set(cluster.clusterName, model);
    }
    return model;
  }

  private run(
    input: unknown,
    options: ClusterRunTaskOptions,
    explanation: PlacementExplanation | undefined,
  ): RunTaskOutput & Pick<RunTaskPlan, 'replayOf'> {
    const request = parseRunTaskInput(input);
    // count (and the other launch-independent scalars) must hold before the capacity split
    // uses count; validateRunTaskRequest repeats this microsecond check per launch type.
    validateScalars(request);
    const clusterSnapshot = resolveCluster(this.snapshot, request.cluster);
    const nowMs = new Date(options.now ?? Date.now()).getTime();
    const tokens = this.tokens.get(clusterSnapshot.clusterName);
    const replayed = tokens?.replay(request, nowMs);
    if (replayed) {
      if (explanation) {
        explanation.summary = `clientToken '${request.clientToken}' repeats an earlier call in cluster ${clusterSnapshot.clusterName}: its response is returned again and nothing is placed`;
      }
      return { ...replayed.response, replayOf: replayed.replayOf };
    }
    const model = this.model(clusterSnapshot);
    const definition = resolveTaskDefinition(
      this.snapshot.taskDefinitions,
      request.taskDefinition,
      this.snapshot,
    );
    const count = request.count ?? 1;
    const targets = resolveLaunchTargets(request, clusterSnapshot, this.snapshot, count);
    // The request rules depend on the launch type only: once per kind, not once per share.
    for (const kind of new Set(targets.map((t) => t.kind))) {
      validateRunTaskRequest(request, definition, kind);
    }
    // A managed-scaling share needs no instance yet: its tasks can wait for the group to grow.
    const onInstances = targets.some(
      (t) => t.kind !== 'FARGATE' && !managedScalingOf(this.snapshot, t.capacityProvider),
    );
    if (onInstances && !model.instances.some((i) => i.status !== 'INACTIVE')) {
      throw new InvalidParameterException(NO_INSTANCES);
    }

    const seed = options.seed ?? DEFAULT_SEED;
    const random = seedrandom(seed);
    const createdAt = new Date(nowMs).toISOString();
    const tasks: Task[] = [];
    const failures: Failure[] = [];
    const reported = new Set<string>();
    const waitingShares = new Map<string, WaitingShare>();

    // Tasks of earlier shares, placed or not: the explanation numbers tasks across the call.
    let tasksBefore = 0;
    const mark = model.begin();
    try {
      for (const target of targets) {
        const firstTaskIndex = tasksBefore;
        tasksBefore += target.count;
        if (target.kind === 'FARGATE') {
          tasks.push(
            ...placeFargate({
              request,
              taskDefinition: definition,
              target,
              model,
              snapshot: this.snapshot,
              seed,
              random,
              createdAt,
              ...(explanation ? { trace: { tasks: explanation.tasks, firstTaskIndex } } : {}),
            }),
          );
          continue;
        }
        const outcome = this.placeOnInstances(
          model,
          request,
          target.kind,
          target,
          definition,
          seed,
          random,
          createdAt,
          explanation,
          firstTaskIndex,
          waitingShares,
        );
        tasks.push(...outcome.tasks);
        for (const failure of outcome.failures) {
          if (reported.has(failure.arn)) continue; // at most one entry per instance per call
          reported.add(failure.arn);
          failures.push(failure);
        }
      }
    } catch (error) {
      model.rollback(mark);
      throw error;
    }
    if (explanation) {
      if (waitingShares.size > 0) {
        explanation.scaleOut = scaleOutEstimates(model, this.snapshot, waitingShares);
      }
      model.rollback(mark);
      explanation.summary = summarizeCall(tasks, count, explanation, failures);
    } else {
      model.keep();
      tokens?.record(request, { tasks, failures }, nowMs);
    }
    // The model keeps the task objects (stopTask, toSnapshot): the caller gets copies.
    return { tasks: tasks.map(cloneData), failures };
  }

  /**
   * A share whose scope has no ACTIVE instance (a capacity provider without instances, every
   * instance DRAINING, EXTERNAL without external instances) fails as a whole; ECS reports
   * this state as "NO ACTIVE INSTANCES". The entry names the provider, else the cluster.
   */
  private noActiveInstances(
    model: ClusterModel,
    target: LaunchTarget,
  ): { arn: string; reason: string; detail: string } {
    const arns = { region: this.snapshot.region, accountId: this.snapshot.accountId };
    const provider = target.capacityProvider;
    if (provider !== undefined) {
      const described = this.snapshot.capacityProviders?.find((p) => p.name === provider);
      return {
        arn: described?.capacityProviderArn ?? capacityProviderArn(arns, provider),
        reason: 'NO ACTIVE INSTANCES',
        detail: `Capacity provider ${provider} has no ACTIVE container instances in cluster ${model.clusterName} for ${target.count} task(s).`,
      };
    }
    return {
      arn: model.source.clusterArn ?? clusterArn(arns, model.clusterName),
      reason: 'NO ACTIVE INSTANCES',
      detail: `Cluster ${model.clusterName} has no ACTIVE ${target.kind === 'EXTERNAL' ? 'external ' : ''}container instances for ${target.count} task(s) of launch type ${target.kind}.`,
    };
  }

  private placeOnInstances(
    model: ClusterModel,
    request: RunTaskInput,
    kind: InstanceLaunchType,
    target: LaunchTarget,
    definition: ReturnType<typeof resolveTaskDefinition>,
    seed: string,
    random: () => number,
    createdAt: string,
    explanation: PlacementExplanation | undefined,
    firstTaskIndex: number,
    waitingShares: Map<string, WaitingShare>,
  ) {
    const needs = computeTaskNeeds(
      definition,
      request.overrides,
      subnetZones(request.networkConfiguration, this.subnetZones),
    );
    const group = request.group ?? `family:${definition.family}`;
    const arns = { region: this.snapshot.region, accountId: this.snapshot.accountId };
    const template: TaskTemplate = {
      arns,
      seed,
      clusterName: model.clusterName,
      clusterArn: model.source.clusterArn ?? clusterArn(arns, model.clusterName),
      taskDefinitionArn:
        definition.taskDefinitionArn ??
        taskDefinitionArn(arns, definition.family, definition.revision),
      request,
      needs,
      group,
      launchType: kind,
      capacityProvider: target.capacityProvider,
      overrides: echoOverrides(definition, request.overrides),
      tags: taskTags(request, definition, model.clusterName),
      createdAt,
      subnets: this.subnetZones,
    };
    const scope =
      target.capacityProvider !== undefined
        ? { kind, capacityProvider: target.capacityProvider }
        : { kind };
    const trace = explanation
      ? {
          tasks: explanation.tasks,
          firstTaskIndex,
          ...(target.capacityProvider !== undefined
            ? { capacityProvider: target.capacityProvider }
            : {}),
        }
      : undefined;
    const candidates = model.candidates(scope);
    const provider = target.capacityProvider;
    const scaling = managedScalingOf(this.snapshot, provider);
    if (candidates.length === 0 && !scaling)
      return { tasks: [], failures: [this.noActiveInstances(model, target)] };
    const constraints = compileConstraints(definition, request.placementConstraints);
    let copies: readonly InstanceState[] | undefined;
    const outcome = placeTasks({
      model,
      candidates,
      needs,
      group,
      constraints,
      strategies: request.placementStrategy ?? [],
      count: target.count,
      random,
      buildTask: (instance, gpuIds) => buildTask(template, instance, gpuIds, model.tasks.length),
      ...(trace ? { trace } : {}),
      ...(scaling && provider !== undefined
        ? {
            scaleOut: {
              capacityProvider: provider,
              groupInstances: () =>
                (copies ??= model.instances
                  .filter((i) => i.capacityProviderName === provider)
                  .map(emptyCopyOf)),
            },
          }
        : {}),
    });
    const waiting = outcome.waiting ?? 0;
    if (waiting === 0 || !scaling || provider === undefined) {
      if (candidates.length === 0 && outcome.tasks.length === 0)
        return { tasks: [], failures: [this.noActiveInstances(model, target)] };
      return outcome;
    }
    // The tasks that fit nowhere wait in PROVISIONING for the group to grow, within the quota.
    let provisioning = provisioningTaskCount(model.tasks);
    const share = waitingShares.get(provider) ?? { settings: scaling, tasks: new Map() };
    waitingShares.set(provider, share);
    const distinct = constraints.distinctInstance ? group : undefined;
    const tasks = [...outcome.tasks];
    for (let w = 0; w < waiting; w++) {
      if (provisioning >= PROVISIONING_TASKS_PER_CLUSTER)
        throw provisioningQuotaReached(model.clusterName);
      const task = buildTask(template, undefined, [], model.tasks.length);
      model.recordTask(task);
      provisioning++;
      share.tasks.set(task.taskArn, waitingTaskOf(needs, distinct));
      tasks.push(task);
    }
    return { tasks, failures: [] };
  }
}

function summarizeCall(
  tasks: readonly Task[],
  count: number,
  explanation: PlacementExplanation,
  failures: readonly Failure[],
): string {
  const traces = explanation.tasks;
  const waiting = tasks.filter(waitsForCapacity).length;
  const placed = tasks.length - waiting;
  let head = `placed ${placed}/${count} task${count === 1 ? '' : 's'}`;
  if (waiting > 0) {
    const launches = (explanation.scaleOut ?? [])
      .map((e) => `${e.capacityProvider}: launch ${e.instancesToLaunch} instance(s)`)
      .join(', ');
    head += `; ${waiting} wait${waiting === 1 ? 's' : ''} in PROVISIONING for scale-out (${launches})`;
  }
  const failed = traces.find(
    (t) => t.chosen === undefined && t.fargate === undefined && t.provisioning === undefined,
  );
  if (failed) return `${head}; task ${failed.taskIndex + 1} could not be placed: ${failed.summary}`;
  const empty = failures.find((f) => f.reason === 'NO ACTIVE INSTANCES');
  return empty ? `${head}; ${empty.detail}` : head;
}
