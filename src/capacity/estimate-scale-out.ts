/**
 * How many instances managed scaling would launch for the tasks waiting in PROVISIONING on
 * one Auto Scaling group capacity provider (docs/capacity.md, section 6). ECS does not
 * report this; we follow how it documents its scale-out:
 *
 * 1. Each waiting task is checked against the group's smallest instance (the smallest value
 *    of each resource over the group's instances). A task it cannot hold is "not
 *    compatible" and left out, as ECS leaves it out of the calculation.
 * 2. The others are binpacked (first fit, in task order) onto new instances as large as the
 *    group's largest (the largest value of each resource): K instances.
 * 3. The step: the minimum scaling step size when K is below it, else the lower of K and
 *    the maximum scaling step size.
 * 4. With N instances running, M = N + step, and CapacityProviderReservation = M / N x 100
 *    (200 when N is 0). Target tracking on `targetCapacity` then asks for
 *    ceil(M x 100 / targetCapacity) instances, so the step launches that less N (from
 *    zero instances ECS always launches two).
 * 5. Steps repeat, each after the instance warm-up period, until K instances are running.
 */

export interface ManagedScalingLike {
  targetCapacity: number;
  minimumScalingStepSize: number;
  maximumScalingStepSize: number;
  instanceWarmupPeriod: number;
}

/** What one new, empty instance of the group offers. */
export interface InstanceShape {
  instanceType: string | undefined;
  cpu: number;
  memory: number;
  gpus: number;
  /** awsvpc tasks it can hold; undefined when unknown (then it does not limit). */
  enis: number | undefined;
  /** Host ports taken on an empty instance (the agent's reserved ports). */
  tcpPorts: ReadonlySet<number>;
  udpPorts: ReadonlySet<number>;
}

/** What one waiting task needs of an instance. */
export interface WaitingTask {
  cpu: number;
  memory: number;
  gpus: number;
  eni: boolean;
  tcpPorts: readonly number[];
  udpPorts: readonly number[];
  /** Set when the task must not share an instance with another task of this group. */
  distinctGroup?: string;
}

export interface ScaleOutInput {
  capacityProvider: string;
  settings: ManagedScalingLike;
  /** The group's instances as new empty ones would be; empty when the group has none to learn from. */
  instances: readonly InstanceShape[];
  /** N: instances of the group running now. */
  runningInstances: number;
  waiting: readonly WaitingTask[];
}

export interface ScaleOutEstimate {
  capacityProvider: string;
  /** Tasks of the provider in PROVISIONING, this call's and earlier ones. */
  waitingTasks: number;
  /** Waiting tasks the group's smallest instance cannot hold: left out, as ECS does. */
  incompatibleTasks: number;
  /** The instance types seen in the group, sorted. */
  instanceTypes: string[];
  /** The new instance the tasks were binpacked onto; absent when the group has no instance. */
  largestInstance?: { cpu: number; memory: number; gpus: number; enis?: number };
  /** N. */
  runningInstances: number;
  /** K: new instances the compatible waiting tasks fill; absent when the group's instances are unknown. */
  instancesNeeded?: number;
  /** The metric ECS would publish now, in percent. */
  capacityProviderReservation: number;
  targetCapacity: number;
  minimumScalingStepSize: number;
  maximumScalingStepSize: number;
  instanceWarmupPeriod: number;
  /** Instances the next scale-out step launches (0: no scale-out). */
  instancesToLaunch: number;
  /** Steps until K instances run, and their total; absent when K is unknown. */
  scaleOutSteps?: number;
  totalInstancesLaunched?: number;
  /** (steps - 1) x instance warm-up period. */
  secondsUntilLastStep?: number;
  summary: string;
}

interface Bin {
  cpu: number;
  memory: number;
  gpus: number;
  enis: number;
  tcp: Set<number>;
  udp: Set<number>;
  groups: Set<string>;
}

function envelope(
  instances: readonly InstanceShape[],
  pick: 'largest' | 'smallest',
): InstanceShape {
  const best = pick === 'largest' ? Math.max : Math.min;
  const enis = instances.map((i) => i.enis).filter((e): e is number => e !== undefined);
  const ports = (of: (i: InstanceShape) => ReadonlySet<number>): Set<number> => {
    // Reserved ports: the largest instance keeps those all have, the smallest those any has.
    const sets = instances.map(of);
    const all = new Set(sets.flatMap((s) => [...s]));
    return pick === 'largest' ? new Set([...all].filter((p) => sets.every((s) => s.has(p)))) : all;
  };
  return {
    instanceType: undefined,
    cpu: best(...instances.map((i) => i.cpu)),
    memory: best(...instances.map((i) => i.memory)),
    gpus: best(...instances.map((i) => i.gpus)),
    enis: enis.length > 0 ? best(...enis) : undefined,
    tcpPorts: ports((i) => i.tcpPorts),
    udpPorts: ports((i) => i.udpPorts),
  };
}

function emptyBin(shape: InstanceShape): Bin {
  return {
    cpu: shape.cpu,
    memory: shape.memory,
    gpus: shape.gpus,
    enis: shape.enis ?? Number.POSITIVE_INFINITY,
    tcp: new Set(shape.tcpPorts),
    udp: new Set(shape.udpPorts),
    groups: new Set(),
  };
}

function fits(bin: Bin, task: WaitingTask): boolean {
  return (
    task.cpu <= bin.cpu &&
    task.memory <= bin.memory &&
    task.gpus <= bin.gpus &&
    (!task.eni || bin.enis >= 1) &&
    task.tcpPorts.every((p) => !bin.tcp.has(p)) &&
    task.udpPorts.every((p) => !bin.udp.has(p)) &&
    (task.distinctGroup === undefined || !bin.groups.has(task.distinctGroup))
  );
}

function take(bin: Bin, task: WaitingTask): void {
  bin.cpu -= task.cpu;
  bin.memory -= task.memory;
  bin.gpus -= task.gpus;
  if (task.eni) bin.enis -= 1;
  for (const p of task.tcpPorts) bin.tcp.add(p);
  for (const p of task.udpPorts) bin.udp.add(p);
  if (task.distinctGroup !== undefined) bin.groups.add(task.distinctGroup);
}

/** First fit in task order onto new instances of `shape`. */
function binpack(tasks: readonly WaitingTask[], shape: InstanceShape): number {
  const bins: Bin[] = [];
  for (const task of tasks) {
    let bin = bins.find((b) => fits(b, task));
    if (!bin) {
      bin = emptyBin(shape);
      bins.push(bin);
    }
    take(bin, task);
  }
  return bins.length;
}

/** One scale-out step from `running` instances with `needed` still to come. */
function step(settings: ManagedScalingLike, running: number, needed: number) {
  if (running === 0) return { reservation: 200, launch: 2 };
  const stepped =
    needed < settings.minimumScalingStepSize
      ? settings.minimumScalingStepSize
      : Math.min(settings.maximumScalingStepSize, needed);
  const wanted = running + stepped;
  const desired = Math.ceil((wanted * 100) / settings.targetCapacity);
  return { reservation: (wanted / running) * 100, launch: Math.max(0, desired - running) };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Steps until `needed` new instances run: how many, how many instances in all. */
function stepsUntil(settings: ManagedScalingLike, running: number, needed: number) {
  let launched = 0;
  let steps = 0;
  while (launched < needed && steps < 10_000) {
    const next = step(settings, running + launched, needed - launched);
    if (next.launch === 0) break;
    steps++;
    launched += next.launch;
  }
  return { steps, launched };
}

export function estimateScaleOut(input: ScaleOutInput): ScaleOutEstimate {
  const { settings, instances, waiting } = input;
  const N = input.runningInstances;
  const known = instances.length > 0;
  const smallest = known ? envelope(instances, 'smallest') : undefined;
  const largest = known ? envelope(instances, 'largest') : undefined;
  const compatible = smallest ? waiting.filter((t) => fits(emptyBin(smallest), t)) : waiting;
  const K = largest ? binpack(compatible, largest) : undefined;
  // ECS: when no waiting task is compatible, the metric stays at 100% and nothing launches.
  const scaling = compatible.length > 0;
  const first = scaling ? step(settings, N, K ?? 1) : { reservation: 100, launch: 0 };
  const steps = scaling && K !== undefined ? stepsUntil(settings, N, K) : undefined;
  const estimate: ScaleOutEstimate = {
    capacityProvider: input.capacityProvider,
    waitingTasks: waiting.length,
    incompatibleTasks: waiting.length - compatible.length,
    instanceTypes: [
      ...new Set(instances.map((i) => i.instanceType).filter((t): t is string => !!t)),
    ].sort(),
    ...(largest
      ? {
          largestInstance: {
            cpu: largest.cpu,
            memory: largest.memory,
            gpus: largest.gpus,
            ...(largest.enis !== undefined ? { enis: largest.enis } : {}),
          },
        }
      : {}),
    runningInstances: N,
    ...(K !== undefined ? { instancesNeeded: K } : {}),
    capacityProviderReservation: round1(first.reservation),
    targetCapacity: settings.targetCapacity,
    minimumScalingStepSize: settings.minimumScalingStepSize,
    maximumScalingStepSize: settings.maximumScalingStepSize,
    instanceWarmupPeriod: settings.instanceWarmupPeriod,
    instancesToLaunch: first.launch,
    ...(steps
      ? {
          scaleOutSteps: steps.steps,
          totalInstancesLaunched: steps.launched,
          secondsUntilLastStep: Math.max(0, steps.steps - 1) * settings.instanceWarmupPeriod,
        }
      : {}),
    summary: '',
  };
  estimate.summary = scaling
    ? summarize(estimate, compatible.length)
    : `${input.capacityProvider}: ${waiting.length} task(s) wait in PROVISIONING, none fits the group's smallest instance: no scale-out (CapacityProviderReservation stays 100%)`;
  return estimate;
}

function summarize(e: ScaleOutEstimate, compatible: number): string {
  const head = `${e.capacityProvider}: ${e.waitingTasks} task(s) wait in PROVISIONING`;
  const left =
    e.incompatibleTasks > 0
      ? ` (${e.incompatibleTasks} left out: too large for the group's smallest instance)`
      : '';
  const large = e.largestInstance;
  const packed =
    large && e.instancesNeeded !== undefined
      ? `; ${compatible} binpacked onto new instances of ${large.cpu} CPU, ${large.memory} MiB${large.gpus > 0 ? `, ${large.gpus} GPU` : ''}${large.enis !== undefined ? `, ${large.enis} task ENIs` : ''}: ${e.instancesNeeded} instance(s)`
      : '; the group has no instance to learn its instance types from';
  const metric =
    e.runningInstances === 0
      ? 'no instance running: CapacityProviderReservation 200%'
      : `CapacityProviderReservation ${e.capacityProviderReservation}% (target ${e.targetCapacity}%)`;
  const steps =
    e.scaleOutSteps !== undefined && e.scaleOutSteps > 1
      ? `; ${e.totalInstancesLaunched} in ${e.scaleOutSteps} steps, the last after ${e.secondsUntilLastStep} s of warm-up`
      : '';
  return `${head}${left}${packed}; ${metric}: launch ${e.instancesToLaunch} instance(s)${steps}`;
}
