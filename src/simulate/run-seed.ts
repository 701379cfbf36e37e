/**
 * One seed of a simulation: the scenario's steps on a cluster, each RunTask call with a
 * seed derived from the run's seed, the step and the repeat, so that a seed's outcome
 * depends on nothing else (not on the other seeds, nor on the worker that runs it).
 */
import seedrandom from 'seedrandom';
import { Cluster } from '../api/cluster.js';
import type { ContainerInstance, PlacementStrategy, Snapshot } from '../kernel/ecs-types.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import { EcsServiceException } from '../kernel/errors.js';
import {
  awsvpcDefinitions,
  drainInstance,
  type RunningTask,
  runningTaskOf,
  runningTasksOf,
} from '../whatif/drain.js';
import { countInto, NONE } from '../whatif/instance-inventory.js';
import type { Scenario, ScenarioStep, StepKind } from './scenario.js';
import { ScenarioError } from './scenario.js';
import { type Distribution, distributionOf } from './statistics.js';

export interface StepOutcome {
  /** 1-based, as in the scenario file. */
  step: number;
  kind: StepKind;
  name?: string;
  /** Tasks placed on an instance (run-task; drain: replacements). */
  placed: number;
  /** Tasks not placed (run-task: asked less placed; drain: tasks no instance took). */
  failed: number;
  /** run-task: tasks left in PROVISIONING for managed scaling. */
  provisioning: number;
  /** stop-task: tasks stopped. */
  stopped: number;
  /** Failure reasons (RESOURCE:MEMORY, ...), each counted once per call that reported it. */
  reasons: Record<string, number>;
}

export interface SeedResult {
  seed: string;
  steps: StepOutcome[];
  placed: number;
  failed: number;
  /** The scenario's tasks still running at the end, per Availability Zone. */
  perAvailabilityZone: Record<string, number>;
  /** The scenario's tasks still running at the end on each ACTIVE instance. */
  perInstance: Distribution;
}

export interface SeedContext {
  snapshot: Snapshot;
  scenario: Scenario;
  /** The clock of every call (epoch ms). */
  now: number;
}

/**
 * Runs seeds one after the other on one cluster: each seed runs inside a what-if
 * transaction, which undoes every change of every step kind (placements, stopped tasks,
 * registrations, statuses, attributes), so the next seed starts from the loaded state.
 */
export class SeedRunner {
  private shared: Cluster | undefined;
  private readonly initialTasks: RunningTask[];
  private readonly instances: readonly ContainerInstance[];
  private readonly subnets: readonly string[];

  constructor(private readonly context: SeedContext) {
    const wanted = context.scenario.cluster ?? 'default';
    const cluster = context.snapshot.clusters.find(
      (c) => c.clusterName === wanted || c.clusterArn === wanted,
    );
    if (cluster === undefined) {
      throw new ScenarioError(`the snapshot has no cluster ${wanted}`);
    }
    this.initialTasks = runningTasksOf(cluster.tasks ?? [], awsvpcDefinitions(context.snapshot));
    this.subnets = Object.keys(context.snapshot.subnets ?? {});
    this.instances = cluster.containerInstances;
  }

  run(seed: string): SeedResult {
    this.shared ??= Cluster.fromSnapshot(this.context.snapshot);
    return this.shared.whatIf((c) => this.runOn(c, seed), this.context.scenario.cluster);
  }

  private runOn(cluster: Cluster, seed: string): SeedResult {
    const { scenario, now } = this.context;
    const run = new SeedRun(
      cluster,
      scenario.cluster,
      seed,
      now,
      this.initialTasks,
      this.instances,
      this.subnets,
    );
    const steps = scenario.steps.map((step, i) => {
      try {
        return run.step(step, i + 1);
      } catch (error) {
        if (error instanceof EcsServiceException) {
          throw new ScenarioError(`step ${i + 1} (${step.kind}): ${error.name}: ${error.message}`);
        }
        throw error;
      }
    });
    return {
      seed,
      steps,
      placed: steps.reduce((sum, s) => sum + s.placed, 0),
      failed: steps.reduce((sum, s) => sum + s.failed, 0),
      ...run.spread(),
    };
  }
}

/** The state of one seed's run: the tasks that hold instances, and those the scenario placed. */
class SeedRun {
  private readonly running = new Map<string, RunningTask>();
  /** Tasks the scenario placed (still running), with their zone. */
  private readonly ours = new Map<string, string>();

  constructor(
    private readonly cluster: Cluster,
    private readonly clusterName: string | undefined,
    private readonly seed: string,
    private readonly now: number,
    initial: readonly RunningTask[],
    private readonly instances: readonly ContainerInstance[],
    private readonly subnets: readonly string[],
  ) {
    for (const task of initial) this.running.set(task.taskArn, task);
  }

  step(step: ScenarioStep, n: number): StepOutcome {
    const outcome: StepOutcome = {
      step: n,
      kind: step.kind,
      ...(step.name !== undefined ? { name: step.name } : {}),
      placed: 0,
      failed: 0,
      provisioning: 0,
      stopped: 0,
      reasons: {},
    };
    for (let k = 0; k < step.repeat; k++) {
      const seed = `${this.seed}#${n}.${k}`;
      switch (step.kind) {
        case 'run-task':
          this.runTask(step.request, seed, outcome);
          break;
        case 'stop-task':
          this.stopTasks(step.group, step.count, seed, outcome);
          break;
        case 'drain-instance':
          this.drain(step.containerInstance, step.strategy, seed, outcome);
          break;
        case 'register-instance':
          this.register(step, n, k);
          break;
        case 'put-attribute':
          this.cluster.putAttribute(
            step.containerInstance,
            step.attribute,
            step.value,
            this.clusterName,
          );
          break;
      }
    }
    return outcome;
  }

  private runTask(request: RunTaskInput, seed: string, outcome: StepOutcome): void {
    const call =
      this.clusterName !== undefined ? { ...request, cluster: this.clusterName } : request;
    const response = this.cluster.runTask(call, { seed, now: this.now });
    for (const task of response.tasks) {
      if (task.containerInstanceArn === undefined) {
        outcome.provisioning++;
        continue;
      }
      outcome.placed++;
      const running = runningTaskOf(task);
      if (running !== undefined) this.running.set(task.taskArn, running);
      this.ours.set(task.taskArn, task.availabilityZone ?? NONE);
    }
    outcome.failed += (request.count ?? 1) - response.tasks.length;
    for (const reason of new Set(response.failures.map((f) => f.reason ?? 'unknown'))) {
      countInto(outcome.reasons, reason);
    }
  }

  /** Stops `count` tasks of the group (all without a count), chosen at random by the seed. */
  private stopTasks(
    group: string,
    count: number | undefined,
    seed: string,
    outcome: StepOutcome,
  ): void {
    const tasks = [...this.running.values()].filter((t) => t.group === group);
    const random = seedrandom(seed);
    const n = Math.min(count ?? tasks.length, tasks.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(random() * (tasks.length - i));
      [tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!];
      const task = tasks[i]!;
      this.cluster.stopTask(task.taskArn, this.clusterName);
      this.running.delete(task.taskArn);
      this.ours.delete(task.taskArn);
      outcome.stopped++;
    }
  }

  private drain(
    containerInstance: string,
    strategy: PlacementStrategy[] | undefined,
    seed: string,
    outcome: StepOutcome,
  ): void {
    const result = drainInstance(this.cluster, {
      ...(this.clusterName !== undefined ? { cluster: this.clusterName } : {}),
      containerInstance,
      tasks: [...this.running.values()],
      subnets: this.subnets,
      ...(strategy !== undefined ? { strategy } : {}),
      seed,
      now: this.now,
    });
    for (const move of result.moves) {
      if (move.to === undefined || move.newTaskArn === undefined) {
        outcome.failed++;
        countInto(outcome.reasons, move.failure ?? 'unknown');
        continue;
      }
      outcome.placed++;
      const old = this.running.get(move.taskArn)!;
      this.running.delete(move.taskArn);
      this.running.set(move.newTaskArn, {
        ...old,
        taskArn: move.newTaskArn,
        containerInstanceArn: move.to,
      });
      if (this.ours.delete(move.taskArn))
        this.ours.set(move.newTaskArn, move.availabilityZone ?? NONE);
    }
  }

  private register(step: ScenarioStep & { kind: 'register-instance' }, n: number, k: number): void {
    if (step.instance !== undefined) {
      this.cluster.registerContainerInstance(step.instance, this.clusterName);
      return;
    }
    const like = step.like!;
    const source = this.instances.find(
      (i) =>
        i.containerInstanceArn === like ||
        i.containerInstanceArn.endsWith(`/${like}`) ||
        i.ec2InstanceId === like,
    );
    if (source === undefined) {
      throw new ScenarioError(
        `step ${n} (register-instance): \`like\`: no container instance ${like} in the snapshot`,
      );
    }
    this.cluster.registerContainerInstance(
      newInstanceLike(source, n, k, step.availabilityZone),
      this.clusterName,
    );
  }

  spread(): { perAvailabilityZone: Record<string, number>; perInstance: Distribution } {
    const perAvailabilityZone: Record<string, number> = {};
    for (const zone of this.ours.values()) countInto(perAvailabilityZone, zone);
    const perInstance = new Map<string, number>();
    for (const usage of this.cluster.instanceUsage(this.clusterName)) {
      if (usage.status === 'ACTIVE') perInstance.set(usage.containerInstanceArn, 0);
    }
    for (const arn of this.ours.keys()) {
      const host = this.running.get(arn)?.containerInstanceArn;
      if (host !== undefined && perInstance.has(host))
        perInstance.set(host, perInstance.get(host)! + 1);
    }
    return { perAvailabilityZone, perInstance: distributionOf([...perInstance.values()]) };
  }
}

/** A new, empty instance registered like `source`: its resources all free, new ids. */
function newInstanceLike(
  source: ContainerInstance,
  n: number,
  k: number,
  zone: string | undefined,
): ContainerInstance {
  const suffix = `sim${String(n).padStart(3, '0')}x${k}`;
  const arn = source.containerInstanceArn;
  const registered = source.registeredResources ?? source.remainingResources ?? [];
  const copy = structuredClone(source);
  copy.containerInstanceArn = `${arn.slice(0, arn.lastIndexOf('/') + 1)}${suffix}`;
  copy.ec2InstanceId = `i-${suffix}`;
  copy.status = 'ACTIVE';
  copy.agentConnected = true;
  copy.remainingResources = structuredClone(registered).map((r) =>
    r.name === 'PORTS' || r.name === 'PORTS_UDP' ? { ...r, stringSetValue: [] } : r,
  );
  copy.runningTasksCount = 0;
  copy.pendingTasksCount = 0;
  if (zone !== undefined) {
    copy.attributes = (copy.attributes ?? []).filter((a) => a.name !== 'ecs.availability-zone');
    copy.attributes.push({ name: 'ecs.availability-zone', value: zone });
  }
  return copy;
}
