/**
 * The typed-array floor: a hand-written RunTask for the reference workload only (see
 * bench/placement-cases.ts), over plain typed arrays, to show what the machine allows for
 * the same work. It is not the engine and supports nothing else: the bench reports the
 * engine's time as a multiple of the floor's (`ratio.vs-floor.*`).
 *
 * Per call it does what any exact implementation must, and nothing is kept between calls:
 * each memberOf comparison evaluated once per distinct value of its attribute column (a
 * truth table), one pass over the instances (fit, required attribute, the truth tables,
 * runningTasksCount, distinctInstance from a per-call host stamp) that lists the feasible
 * ones with their zone and memory side by side, then per task one scan of that list for the
 * lowest key `zone load, memory left` and a seeded draw among the ties in snapshot order.
 * It rescans per task; the engine does not (it keeps each spread bucket's best candidates,
 * src/placement/ranked-groups.ts), so on large clusters it can go below the floor. The
 * seeded generator (seedrandom, built per call) is paid by both.
 * With the same seed it picks the same instances as the engine
 * (test/bench/typed-array-floor.test.ts checks it).
 *
 * Rules the reference workload needs, as the engine applies them: candidates are the ACTIVE
 * non-EXTERNAL instances in snapshot order; the agent must be connected; the task's
 * `requiresAttributes` must be present; its CPU and memory reservation must fit;
 * runningTasksCount counts the RUNNING-desired tasks (or the instance's reported figure when
 * higher) and grows with every placement; distinctInstance counts the group's tasks whose
 * desiredStatus is not STOPPED; the spread load of a zone counts the group's RUNNING-desired
 * tasks on ACTIVE instances of that zone. An instance lacking a compared attribute fails the
 * comparison (the generated clusters always carry them).
 */
import type { Snapshot } from '../src/kernel/ecs-types.js';
import { BENCH_TASK_DEFINITION } from './generate-cluster.js';

/** The expression the floor hard-codes below; a test checks it is still the reference one. */
export const FLOOR_EXPRESSION =
  'attribute:ecs.instance-type =~ "(m5|r5|c5).*" and attribute:stack != dev and attribute:ecs.cpu-architecture == x86_64 and runningTasksCount < 8';

/** The attribute comparisons of FLOOR_EXPRESSION (CQL `=~` matches the whole value). */
const COMPARISONS: readonly { attribute: string; matches: (value: string) => boolean }[] = [
  { attribute: 'ecs.instance-type', matches: (v) => /^(?:(m5|r5|c5).*)$/.test(v) },
  { attribute: 'stack', matches: (v) => v !== 'dev' },
  { attribute: 'ecs.cpu-architecture', matches: (v) => v === 'x86_64' },
];
const RUNNING_BELOW = 8;
const SPREAD_ATTRIBUTE = 'ecs.availability-zone';
/** Selection keys are `load * KEY_SHIFT + memory left`: small integers, one compare each. */
const KEY_SHIFT = 0x8000;
/** The load of the dead bucket: its keys lose to every live instance's. */
const DEAD_LOAD = 0x7fff;
const DEAD_KEY = DEAD_LOAD * KEY_SHIFT;

/** An attribute as a column of interned value ids; id 0 means the instance lacks it. */
interface Column {
  ids: Int32Array;
  /** values[id]; values[0] is unused, null for a name-only attribute. */
  values: (string | null)[];
}

/** Instance indexes of one group's tasks (one entry per task). */
interface GroupHosts {
  /** desiredStatus not STOPPED: distinctInstance. */
  active: number[];
  /** desiredStatus RUNNING: spread loads. */
  running: number[];
}

function column(snapshot: Snapshot, name: string): Column {
  const instances = snapshot.clusters[0]!.containerInstances;
  const ids = new Int32Array(instances.length);
  const values: (string | null)[] = [null];
  const interned = new Map<string | null, number>();
  instances.forEach((instance, i) => {
    const attribute = instance.attributes?.find((a) => a.name === name);
    if (!attribute) return;
    const value = attribute.value ?? null;
    let id = interned.get(value);
    if (id === undefined) {
      id = values.length;
      values.push(value);
      interned.set(value, id);
    }
    ids[i] = id;
  });
  return { ids, values };
}

/** A task without a group belongs to `family:<its task definition's family>`. */
function familyGroup(taskDefinitionArn: string): string {
  const name = taskDefinitionArn.slice(taskDefinitionArn.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return `family:${colon < 0 ? name : name.slice(0, colon)}`;
}

function resource(list: { name: string; integerValue?: number }[] | undefined, name: string) {
  return list?.find((r) => r.name === name)?.integerValue ?? 0;
}

export class TypedArrayFloor {
  /** The instances' ARNs in snapshot order (an index below is a position in this list). */
  readonly arns: string[];
  /** The indexes the last runTask placed on, in placement order (its return value says how many). */
  readonly placed: Int32Array;
  private readonly active: Uint8Array;
  private readonly eligible: Uint8Array;
  private readonly cpu: Int32Array;
  private readonly memory: Int32Array;
  private readonly runningCount: Int32Array;
  private readonly zone: Int32Array;
  private readonly zoneLoad: Int32Array;
  private readonly compared: Column[];
  private readonly truth: Uint8Array[];
  private readonly hostStamp: Uint32Array;
  private stamp = 0;
  private readonly feasible: Int32Array;
  private readonly feasibleZone: Int32Array;
  private readonly feasibleMemory: Int32Array;
  /** A bucket no zone uses, with an unbeatable load: where a used feasible instance goes. */
  private readonly deadZone: number;
  private readonly ties: Int32Array;
  private readonly groups = new Map<string, GroupHosts>();
  private readonly needCpu: number;
  private readonly needMemory: number;

  constructor(snapshot: Snapshot) {
    const cluster = snapshot.clusters[0]!;
    const instances = cluster.containerInstances;
    const n = instances.length;
    this.arns = instances.map((i) => i.containerInstanceArn);
    this.active = new Uint8Array(n);
    this.eligible = new Uint8Array(n);
    this.cpu = new Int32Array(n);
    this.memory = new Int32Array(n);
    this.runningCount = new Int32Array(n);
    this.hostStamp = new Uint32Array(n);
    this.feasible = new Int32Array(n);
    this.feasibleZone = new Int32Array(n);
    this.feasibleMemory = new Int32Array(n);
    this.ties = new Int32Array(n);
    this.placed = new Int32Array(n);
    const required = (BENCH_TASK_DEFINITION.requiresAttributes ?? []).map((a) => a.name);
    const requiredColumns = required.map((name) => column(snapshot, name));
    instances.forEach((instance, i) => {
      const external = instance.attributes?.some((a) => a.name === 'ecs.capability.external');
      this.active[i] = instance.status === 'ACTIVE' ? 1 : 0;
      // Candidacy, agent and required attributes do not change during a run: one flag.
      const present = requiredColumns.every((c) => c.ids[i] !== 0);
      this.eligible[i] =
        instance.status === 'ACTIVE' && !external && instance.agentConnected && present ? 1 : 0;
      this.cpu[i] = resource(instance.remainingResources, 'CPU');
      this.memory[i] = resource(instance.remainingResources, 'MEMORY');
      if (this.memory[i]! >= KEY_SHIFT) throw new Error('the floor handles up to 32,767 MiB');
    });
    const zones = column(snapshot, SPREAD_ATTRIBUTE);
    this.zone = zones.ids;
    this.deadZone = zones.values.length;
    this.zoneLoad = new Int32Array(zones.values.length + 1);
    this.compared = COMPARISONS.map((c) => column(snapshot, c.attribute));
    this.truth = this.compared.map((c) => new Uint8Array(c.values.length));

    const index = new Map(this.arns.map((arn, i) => [arn, i]));
    for (const task of cluster.tasks ?? []) {
      const i =
        task.containerInstanceArn === undefined ? undefined : index.get(task.containerInstanceArn);
      if (i === undefined || task.desiredStatus === 'STOPPED') continue;
      const hosts = this.groupHosts(task.group ?? familyGroup(task.taskDefinitionArn ?? ''));
      hosts.active.push(i);
      if (task.desiredStatus === 'RUNNING') {
        hosts.running.push(i);
        this.runningCount[i]!++;
      }
    }
    instances.forEach((instance, i) => {
      const reported = instance.runningTasksCount ?? 0;
      if (reported > this.runningCount[i]!) this.runningCount[i] = reported;
    });

    let cpu = 0;
    let memory = 0;
    for (const c of BENCH_TASK_DEFINITION.containerDefinitions) {
      cpu += c.cpu ?? 0;
      memory += c.memoryReservation ?? c.memory ?? 0;
    }
    this.needCpu = cpu;
    this.needMemory = memory;
  }

  private groupHosts(group: string): GroupHosts {
    let hosts = this.groups.get(group);
    if (!hosts) {
      hosts = { active: [], running: [] };
      this.groups.set(group, hosts);
    }
    return hosts;
  }

  /**
   * Places up to `count` tasks of `group` (stopping at the first that cannot be placed, as
   * RunTask does), drawing once per placed task; returns how many were placed, their
   * instances in `placed`.
   */
  runTask(group: string, random: () => number, count = 10): number {
    const hosts = this.groupHosts(group);
    const stamp = ++this.stamp;
    const { hostStamp, zone, zoneLoad, feasible, feasibleZone, feasibleMemory, ties } = this;
    const { eligible, cpu, memory, runningCount, needCpu, needMemory } = this;
    for (const i of hosts.active) hostStamp[i] = stamp;
    zoneLoad.fill(0);
    zoneLoad[this.deadZone] = DEAD_LOAD;
    for (const i of hosts.running) if (this.active[i] === 1) zoneLoad[zone[i]!]!++;
    const [typeTruth, stackTruth, archTruth] = this.truthTables() as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const types = this.compared[0]!.ids;
    const stacks = this.compared[1]!.ids;
    const archs = this.compared[2]!.ids;

    // One pass: the feasible instances, with their zone and memory side by side for the scans.
    let feasibleCount = 0;
    const n = eligible.length;
    for (let i = 0; i < n; i++) {
      if (
        eligible[i] === 1 &&
        cpu[i]! >= needCpu &&
        memory[i]! >= needMemory &&
        typeTruth[types[i]!] === 1 &&
        stackTruth[stacks[i]!] === 1 &&
        archTruth[archs[i]!] === 1 &&
        runningCount[i]! < RUNNING_BELOW &&
        hostStamp[i] !== stamp
      ) {
        feasible[feasibleCount] = i;
        feasibleZone[feasibleCount] = zone[i]!;
        feasibleMemory[feasibleCount++] = memory[i]!;
      }
    }

    let placedCount = 0;
    for (let t = 0; t < count; t++) {
      // One key per instance: zone load, then memory left (both below 2^15 here), lower first.
      let tied = 0;
      let best = DEAD_KEY;
      for (let k = 0; k < feasibleCount; k++) {
        const key = zoneLoad[feasibleZone[k]!]! * KEY_SHIFT + feasibleMemory[k]!;
        if (key > best) continue;
        if (key < best) {
          best = key;
          tied = 0;
        }
        ties[tied++] = k;
      }
      if (best >= DEAD_KEY) break;
      const k = ties[Math.floor(random() * tied)]!;
      const i = feasible[k]!;
      if (++zoneLoad[feasibleZone[k]!]! >= DEAD_LOAD) throw new Error('zone load out of range');
      feasibleZone[k] = this.deadZone; // distinctInstance: no second task of the group here
      cpu[i]! -= needCpu;
      memory[i]! -= needMemory;
      runningCount[i]!++;
      hosts.active.push(i);
      hosts.running.push(i);
      this.placed[placedCount++] = i;
    }
    return placedCount;
  }

  /** Takes back the `placedCount` tasks the last runTask of `group` placed. */
  undo(group: string, placedCount: number): void {
    const hosts = this.groupHosts(group);
    for (let p = 0; p < placedCount; p++) {
      const i = this.placed[p]!;
      this.cpu[i]! += this.needCpu;
      this.memory[i]! += this.needMemory;
      this.runningCount[i]!--;
      hosts.active.pop();
      hosts.running.pop();
    }
  }

  /** Each comparison once per distinct value of its column. */
  private truthTables(): Uint8Array[] {
    COMPARISONS.forEach((comparison, c) => {
      const { values } = this.compared[c]!;
      const truth = this.truth[c]!;
      for (let id = 1; id < values.length; id++) {
        const value = values[id];
        truth[id] = typeof value === 'string' && comparison.matches(value) ? 1 : 0;
      }
    });
    return this.truth;
  }
}
