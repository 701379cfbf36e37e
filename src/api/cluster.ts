/**
 * The library's entry point: a cluster snapshot you can run tasks against, plan placements
 * on without changing anything, and list container instances of.
 */
import seedrandom from 'seedrandom';
import { type LaunchTarget, resolveLaunchTargets } from '../capacity/resolve-launch-targets.js';
import { ClusterModel } from '../cluster/cluster-model.js';
import type { ClusterSnapshot, ContainerInstance, Snapshot, Task } from '../cluster/ecs-types.js';
import { cloneData, cloneOthers } from '../cluster/copy-data.js';
import { validateContainerInstance } from '../cluster/validate-container-instance.js';
import { SnapshotError, validateSnapshot } from '../cluster/validate-snapshot.js';
import type { PlacementExplanation, TaskTrace } from '../placement/explanation.js';
import { placeTasks } from '../placement/place-tasks.js';
import { computeTaskNeeds } from '../placement/task-needs.js';
import { capacityProviderArn, clusterArn, taskDefinitionArn } from './arns.js';
import { buildTask, type TaskTemplate } from './build-task.js';
import { compileClusterQuery, compileConstraints } from './compile-constraints.js';
import { InvalidParameterException } from './errors.js';
import { placeFargate } from './place-fargate.js';
import { resolveCluster } from './resolve-cluster.js';
import { subnetZoneMap, subnetZones } from './subnet-zones.js';
import { resolveTaskDefinition } from './resolve-task-definition.js';
import type {
  Failure,
  ListContainerInstancesInput,
  ListContainerInstancesOutput,
  RunTaskInput,
  RunTaskOptions,
  RunTaskOutput,
} from './run-task-types.js';
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
  private readonly subnetZones: ReadonlyMap<string, string>;

  private constructor(private readonly snapshot: Snapshot) {
    this.subnetZones = subnetZoneMap(snapshot.subnets);
  }

  /** Validates the snapshot (throws SnapshotError with a JSON path) and loads a copy of it. */
  static fromSnapshot(snapshot: unknown): Cluster {
    return new Cluster(validateSnapshot(snapshot));
  }

  /** Places and records the tasks. Throws the ECS exceptions; a task that cannot be placed is a failure entry. */
  runTask(input: RunTaskInput | unknown, options: ClusterRunTaskOptions = {}): RunTaskOutput {
    return this.run(input, options, undefined);
  }

  /** The same response as `runTask` with the same seed, plus the explanation; changes nothing. */
  planRunTask(input: RunTaskInput | unknown, options: ClusterRunTaskOptions = {}): RunTaskPlan {
    const seed = options.seed ?? DEFAULT_SEED;
    const explanation: PlacementExplanation = { seed, tasks: [], summary: '' };
    const output = this.run(input, options, explanation);
    return { ...output, explanation };
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
        clusters: this.snapshot.clusters.map((c) => this.model(c).toClusterSnapshot()),
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
    const model = this.model(resolveCluster(this.snapshot, clusterName));
    const mark = model.begin();
    try {
      return scenario(this);
    } finally {
      model.rollback(mark);
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
  ): RunTaskOutput {
    const request = parseRunTaskInput(input);
    // count (and the other launch-independent scalars) must hold before the capacity split
    // uses count; validateRunTaskRequest repeats this microsecond check per launch type.
    validateScalars(request);
    const clusterSnapshot = resolveCluster(this.snapshot, request.cluster);
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
    const onInstances = targets.some((t) => t.kind !== 'FARGATE');
    if (onInstances && !model.instances.some((i) => i.status !== 'INACTIVE')) {
      throw new InvalidParameterException(NO_INSTANCES);
    }

    const seed = options.seed ?? DEFAULT_SEED;
    const random = seedrandom(seed);
    const now = options.now ?? Date.now();
    const createdAt = new Date(now).toISOString();
    const tasks: Task[] = [];
    const failures: Failure[] = [];
    const reported = new Set<string>();

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
      model.rollback(mark);
      explanation.summary = summarizeCall(tasks.length, count, explanation.tasks, failures);
    } else {
      model.keep();
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
    kind: 'EC2' | 'EXTERNAL',
    target: LaunchTarget,
    definition: ReturnType<typeof resolveTaskDefinition>,
    seed: string,
    random: () => number,
    createdAt: string,
    explanation: PlacementExplanation | undefined,
    firstTaskIndex: number,
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
    if (candidates.length === 0)
      return { tasks: [], failures: [this.noActiveInstances(model, target)] };
    return placeTasks({
      model,
      candidates,
      needs,
      group,
      constraints: compileConstraints(definition, request.placementConstraints),
      strategies: request.placementStrategy ?? [],
      count: target.count,
      random,
      buildTask: (instance, gpuIds) => buildTask(template, instance, gpuIds, model.tasks.length),
      ...(trace ? { trace } : {}),
    });
  }
}

function summarizeCall(
  placed: number,
  count: number,
  traces: readonly TaskTrace[],
  failures: readonly Failure[],
): string {
  const head = `placed ${placed}/${count} task${count === 1 ? '' : 's'}`;
  const failed = traces.find((t) => t.chosen === undefined && t.fargate === undefined);
  if (failed) return `${head}; task ${failed.taskIndex + 1} could not be placed: ${failed.summary}`;
  const empty = failures.find((f) => f.reason === 'NO ACTIVE INSTANCES');
  return empty ? `${head}; ${empty.detail}` : head;
}
