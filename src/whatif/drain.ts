/**
 * Drain: an instance set to DRAINING, and its running tasks started again elsewhere, as a
 * service would replace them. Standalone tasks carry no placement strategy, so each
 * replacement is a RunTask of the task's definition, group and overrides with the caller's
 * strategies, or DRAIN_DEFAULT_STRATEGY (docs/what-if.md, "Drain"). A replacement is placed
 * before its task is stopped; a task no instance can take keeps running on the draining
 * instance (a failure of the drain, as in ECS, where standalone tasks are not stopped).
 */
import type {
  Snapshot,
  ContainerInstance,
  PlacementStrategy,
  Task,
  TaskOverride,
} from '../kernel/ecs-types.js';
import { EcsServiceException, InvalidParameterException } from '../kernel/errors.js';
import type { Failure, NetworkConfiguration, RunTaskInput } from '../kernel/run-task-types.js';
import { groupOfTask } from '../cluster/task-group.js';
import { countInto, type InstanceUsage } from './instance-inventory.js';
import type { WhatIfCallOptions, WhatIfHost } from './what-if-host.js';

/** The service scheduler's default: spread over Availability Zones, then over instances. */
export const DRAIN_DEFAULT_STRATEGY: readonly PlacementStrategy[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];

export interface DrainHost extends WhatIfHost {
  updateContainerInstancesState(input: {
    cluster?: string;
    containerInstances: string[];
    status: 'ACTIVE' | 'DRAINING';
  }): { containerInstances: ContainerInstance[]; failures: Failure[] };
  stopTask(task: string, cluster?: string): void;
}

/** What a drain needs to know of a running task to start it again. */
export interface RunningTask {
  taskArn: string;
  containerInstanceArn: string;
  group: string;
  taskDefinitionArn: string;
  capacityProviderName?: string;
  launchType?: string;
  overrides?: TaskOverride;
  startedBy?: string;
  /** The subnet of its task network interface (awsvpc), when the task records one. */
  subnet?: string;
  /** Its task definition uses the awsvpc network mode. */
  awsvpc?: boolean;
}

/**
 * The snapshot tasks that hold an instance (desiredStatus not STOPPED), for a drain;
 * `awsvpcDefinitions`: the ARNs of the task definitions in the awsvpc network mode.
 */
export function runningTasksOf(
  tasks: readonly Task[],
  awsvpcDefinitions: ReadonlySet<string>,
): RunningTask[] {
  return tasks.flatMap((task) => {
    const running = runningTaskOf(task);
    if (running === undefined) return [];
    return awsvpcDefinitions.has(running.taskDefinitionArn)
      ? [{ ...running, awsvpc: true }]
      : [running];
  });
}

/** A snapshot task that holds an instance (desiredStatus not STOPPED), for a drain. */
export function runningTaskOf(task: Task): RunningTask | undefined {
  if (task.desiredStatus === 'STOPPED' || task.containerInstanceArn === undefined) return undefined;
  if (task.taskDefinitionArn === undefined) return undefined;
  const subnet = task.attachments
    ?.find((a) => a.type === 'ElasticNetworkInterface')
    ?.details?.find((d) => d.name === 'subnetId')?.value;
  return {
    taskArn: task.taskArn,
    containerInstanceArn: task.containerInstanceArn,
    group: groupOfTask(task),
    taskDefinitionArn: task.taskDefinitionArn,
    ...(task.capacityProviderName !== undefined
      ? { capacityProviderName: task.capacityProviderName }
      : {}),
    ...(task.launchType !== undefined ? { launchType: task.launchType } : {}),
    ...(task.overrides !== undefined ? { overrides: task.overrides } : {}),
    ...(task.startedBy !== undefined ? { startedBy: task.startedBy } : {}),
    ...(subnet !== undefined ? { subnet } : {}),
  };
}

export interface DrainMove {
  taskArn: string;
  group: string;
  /** The replacement, when one was placed. */
  newTaskArn?: string;
  to?: string;
  availabilityZone?: string;
  /** Why no instance took it (the RunTask failure reasons), when none did. */
  failure?: string;
}

/** Running tasks per Availability Zone and per instance, at one moment. */
export interface TaskDistribution {
  perAvailabilityZone: Record<string, number>;
  perInstance: {
    containerInstanceArn: string;
    ec2InstanceId?: string;
    availabilityZone: string;
    status: string;
    tasks: number;
  }[];
}

export interface DrainOutcome {
  containerInstanceArn: string;
  ec2InstanceId?: string;
  strategy: PlacementStrategy[];
  /** Tasks of the instance started elsewhere, and those no instance took. */
  replaced: number;
  failed: number;
  moves: DrainMove[];
  before: TaskDistribution;
  after: TaskDistribution;
}

export interface DrainRequest extends WhatIfCallOptions {
  cluster?: string;
  /** Container instance ARN or id. */
  containerInstance: string;
  /** The instance's running tasks (those on other instances are ignored). */
  tasks: readonly RunningTask[];
  strategy?: readonly PlacementStrategy[];
  /**
   * For replacements in the awsvpc network mode whose task records no network interface:
   * the network configuration of their RunTask (default: every subnet of `subnets`).
   */
  networkConfiguration?: NetworkConfiguration;
  /** The snapshot's subnets, the default above. */
  subnets?: readonly string[];
}

/** Drains on `host` (changes it). Unknown or not-ACTIVE instance: InvalidParameterException. */
export function drainInstance(host: DrainHost, request: DrainRequest): DrainOutcome {
  const usage = host
    .instanceUsage(request.cluster)
    .find(
      (u) =>
        u.containerInstanceArn === request.containerInstance ||
        u.containerInstanceArn.endsWith(`/${request.containerInstance}`) ||
        u.ec2InstanceId === request.containerInstance,
    );
  if (usage === undefined) {
    throw new InvalidParameterException(
      `Container instance ${request.containerInstance} not found in the cluster (give its ARN, id or EC2 instance id).`,
    );
  }
  if (usage.status !== 'ACTIVE') {
    throw new InvalidParameterException(
      `Container instance ${request.containerInstance} is ${usage.status}: only an ACTIVE instance can be drained.`,
    );
  }
  const arn = usage.containerInstanceArn;
  host.updateContainerInstancesState({
    ...(request.cluster !== undefined ? { cluster: request.cluster } : {}),
    containerInstances: [arn],
    status: 'DRAINING',
  });
  const strategy = [...(request.strategy ?? DRAIN_DEFAULT_STRATEGY)].map((s) => ({ ...s }));
  const moves: DrainMove[] = [];
  const seed = request.seed ?? 'ecs-placement';
  for (const task of request.tasks) {
    if (task.containerInstanceArn !== arn) continue;
    const input: RunTaskInput = {
      taskDefinition: task.taskDefinitionArn,
      group: task.group,
      count: 1,
      placementStrategy: strategy,
      ...(request.cluster !== undefined ? { cluster: request.cluster } : {}),
      ...(task.capacityProviderName !== undefined
        ? { capacityProviderStrategy: [{ capacityProvider: task.capacityProviderName, weight: 1 }] }
        : { launchType: task.launchType === 'EXTERNAL' ? 'EXTERNAL' : 'EC2' }),
      ...(task.overrides !== undefined ? { overrides: task.overrides } : {}),
      ...(task.startedBy !== undefined ? { startedBy: task.startedBy } : {}),
      ...networkOf(task, request),
    };
    const now = request.now !== undefined ? { now: request.now } : {};
    let response: { tasks: Task[]; failures: Failure[] };
    try {
      response = host.runTask(input, { seed: `${seed}#drain-${moves.length}`, ...now });
    } catch (error) {
      // A replacement RunTask refuses (awsvpc without a known subnet, ...): this task stays.
      if (!(error instanceof EcsServiceException)) throw error;
      moves.push({
        taskArn: task.taskArn,
        group: task.group,
        failure: `${error.name}: ${error.message}`,
      });
      continue;
    }
    const placed = response.tasks.find((t) => t.containerInstanceArn !== undefined);
    if (placed !== undefined && placed.containerInstanceArn !== undefined) {
      host.stopTask(task.taskArn, request.cluster);
      moves.push({
        taskArn: task.taskArn,
        group: task.group,
        newTaskArn: placed.taskArn,
        to: placed.containerInstanceArn,
        ...(placed.availabilityZone !== undefined
          ? { availabilityZone: placed.availabilityZone }
          : {}),
      });
    } else {
      // A task left PROVISIONING (managed scaling) is not a move: stop it again.
      for (const waiting of response.tasks) host.stopTask(waiting.taskArn, request.cluster);
      const reasons = [...new Set(response.failures.map((f) => f.reason ?? 'unknown'))];
      moves.push({
        taskArn: task.taskArn,
        group: task.group,
        failure:
          reasons.length > 0
            ? reasons.join(', ')
            : 'no instance can take it now (managed scaling would have to launch one)',
      });
    }
  }
  const replaced = moves.filter((m) => m.to !== undefined).length;
  const counts = new Map<string, number>();
  for (const task of request.tasks) {
    counts.set(task.containerInstanceArn, (counts.get(task.containerInstanceArn) ?? 0) + 1);
  }
  const before = distributionOf(host.instanceUsage(request.cluster), counts);
  for (const move of moves) {
    if (move.to === undefined) continue;
    counts.set(arn, (counts.get(arn) ?? 0) - 1);
    counts.set(move.to, (counts.get(move.to) ?? 0) + 1);
  }
  const after = distributionOf(host.instanceUsage(request.cluster), counts);
  return {
    containerInstanceArn: arn,
    ...(usage.ec2InstanceId !== undefined ? { ec2InstanceId: usage.ec2InstanceId } : {}),
    strategy,
    replaced,
    failed: moves.length - replaced,
    moves,
    before,
    after,
  };
}

function distributionOf(
  instances: readonly InstanceUsage[],
  counts: ReadonlyMap<string, number>,
): TaskDistribution {
  const perAvailabilityZone: Record<string, number> = {};
  const perInstance = instances.map((i) => {
    const tasks = counts.get(i.containerInstanceArn) ?? 0;
    countInto(perAvailabilityZone, i.availabilityZone, tasks);
    return {
      containerInstanceArn: i.containerInstanceArn,
      ...(i.ec2InstanceId !== undefined ? { ec2InstanceId: i.ec2InstanceId } : {}),
      availabilityZone: i.availabilityZone,
      status: i.status,
      tasks,
    };
  });
  return { perAvailabilityZone, perInstance };
}

/** An awsvpc replacement's network: its task's own subnet, else the given one, else every subnet. */
function networkOf(
  task: RunningTask,
  request: DrainRequest,
): { networkConfiguration?: NetworkConfiguration } {
  if (task.subnet !== undefined) {
    return { networkConfiguration: { awsvpcConfiguration: { subnets: [task.subnet] } } };
  }
  if (task.awsvpc !== true) return {};
  if (request.networkConfiguration !== undefined) {
    return { networkConfiguration: request.networkConfiguration };
  }
  const subnets = [...(request.subnets ?? [])].slice(0, 16);
  return subnets.length > 0 ? { networkConfiguration: { awsvpcConfiguration: { subnets } } } : {};
}

/** `cluster.drain(...)`: what a caller gives. */
export interface DrainCall {
  cluster?: string;
  /** Container instance ARN, id or EC2 instance id. */
  containerInstance: string;
  placementStrategy?: PlacementStrategy[];
  networkConfiguration?: NetworkConfiguration;
  seed?: string;
  now?: number | Date;
}

/** The ARNs of a snapshot's task definitions in the awsvpc network mode. */
export function awsvpcDefinitions(snapshot: Snapshot): Set<string> {
  return new Set(
    snapshot.taskDefinitions
      .filter((d) => d.networkMode === 'awsvpc')
      .flatMap((d) => d.taskDefinitionArn ?? []),
  );
}
