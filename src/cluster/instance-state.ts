import type { ContainerInstance, ContainerInstanceStatus } from '../kernel/ecs-types.js';
import type { AttributeColumns, InstanceView } from '../kernel/instance-view.js';
import { AttributeMap, type Shape } from './attribute-map.js';
import { MutableInstanceView } from './mutable-instance-view.js';
import { type Figures, NO_PORTS, readResources } from './resources.js';
import { toEpochMillis } from './timestamps.js';

/**
 * What an instance without task groups counts (most instances of a large cluster): one
 * shared empty map, replaced by the instance's own on its first group task (see
 * MutableInstanceState.countActiveGroup). Never written to.
 */
export const NO_GROUPS: ReadonlyMap<string, number> = new Map();

const NO_ATTRIBUTES: readonly never[] = [];

/**
 * What the snapshot loader read of an instance's record while checking it (its
 * InstanceLoad), so that the model does not read the record again: what readResources and
 * AttributeMap.of would give, and the registration time in epoch milliseconds.
 */
export interface InstanceReading {
  remaining: Figures;
  registered: Figures | undefined;
  registeredAt: number | undefined;
  /** Built on the shapes of the model the instance joins; the instance takes it. */
  attributes: AttributeMap;
}

/** The attribute ECS sets on instances registered with ECS Anywhere (EXTERNAL launch type). */
export const EXTERNAL_ATTRIBUTE = 'ecs.capability.external';

/** The last path segment of an ARN (the container instance id), or the text itself. */
export function arnId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * One container instance as placement sees it: what is left of its resources, what it
 * hosts, and the CQL view. Read-only everywhere: only the cluster model changes an
 * instance (its own MutableInstanceState), so every change goes through its journal.
 */
export interface InstanceState {
  /** Position in snapshot order (registration order for later instances); -1 for a copy outside the model. */
  readonly index: number;
  /**
   * The instance's record as checked. For an instance loaded from a snapshot, its
   * `attributes` are not kept there (undefined; `view.attributes` holds them) and its
   * resource lists may be frozen copies shared with other instances (never written to).
   */
  readonly source: ContainerInstance;
  readonly arn: string;
  readonly id: string;
  readonly status: ContainerInstanceStatus;
  readonly capacityProviderName: string | undefined;
  readonly cpu: number;
  readonly memory: number;
  /** registeredResources CPU / MEMORY, when the snapshot gives them. */
  readonly registeredCpu: number | undefined;
  readonly registeredMemory: number | undefined;
  readonly tcpTaken: ReadonlySet<number>;
  readonly udpTaken: ReadonlySet<number>;
  /** Free GPU ids, in the snapshot's order; placement takes from the front. */
  readonly freeGpus: readonly string[];
  readonly view: InstanceView;
  /** Tasks holding a task network interface (awsvpc) whose desiredStatus is not STOPPED (RESOURCE:ENI). */
  readonly eniTasks: number;
  /** Group -> tasks of that group whose desiredStatus is not STOPPED (distinctInstance). */
  readonly activeGroups: ReadonlyMap<string, number>;
  /**
   * Change in PENDING tasks since the snapshot (for `pendingTasksCount`): tasks we recorded
   * (lastStatus PENDING), less PENDING tasks stopped since.
   */
  readonly pendingAdded: number;
  /**
   * Bumped by the cluster model on every change to this instance (resources, tasks,
   * attributes), so results computed from its state can be reused until it changes.
   */
  readonly version: number;
  readonly external: boolean;
  readonly agentConnected: boolean;
  readonly ec2InstanceId: string | undefined;
}

/** How many version changes InstanceColumns remembers (see `changed`). */
export const CHANGE_LOG = 4096;

/**
 * The instances' fields the engine scans most, as typed columns indexed by instance (the
 * cluster model's): the version, the CPU and memory left, whether the agent is connected
 * and the running-task count (the last two are the view's own fields, see
 * MutableInstanceView). A pass over many instances (the feasibility memo's, the binpack
 * keys, a first evaluation of a CQL expression) then reads numbers instead of visiting
 * every instance object. An instance outside a model has columns of its own.
 */
export class InstanceColumns {
  /** Float64: version numbers are drawn from one clock and stay exact integers far past 2^32. */
  versions: Float64Array;
  cpu: Float64Array;
  memory: Float64Array;
  /** 1 when the instance's agent is connected (InstanceView.agentConnected). */
  agentConnected: Uint8Array;
  /** InstanceView.runningTasksCount (Float64: a snapshot may report any safe integer). */
  runningTasks: Float64Array;

  /** The last version number handed out; every instance starts at 1. */
  private clock = 1;
  /**
   * The rows whose version changed, oldest first, as a ring holding the last CHANGE_LOG
   * entries: change n is at `changed[n % CHANGE_LOG]`. A reader that saw `changes` earlier
   * visits only the rows changed since, when it is at most CHANGE_LOG behind.
   */
  readonly changed: Int32Array;
  /** How many version changes there have been. */
  changes = 0;

  /**
   * A model's columns take the defaults; an instance outside a model has columns of one row
   * and a log of one change (nothing follows its log), so that making one, as each instance
   * event does to read its record, allocates bytes rather than 40 kB.
   */
  constructor(rows = 1024, log = CHANGE_LOG) {
    this.versions = new Float64Array(rows);
    this.cpu = new Float64Array(rows);
    this.memory = new Float64Array(rows);
    this.agentConnected = new Uint8Array(rows);
    this.runningTasks = new Float64Array(rows);
    this.changed = new Int32Array(log);
  }

  /** A version number no instance of these columns has had before. */
  nextVersion(): number {
    return ++this.clock;
  }

  /** Sets row's version and logs the change. */
  setVersion(row: number, version: number): void {
    this.versions[row] = version;
    this.changed[this.changes % this.changed.length] = row;
    this.changes++;
  }

  /** Makes room for the instance at `index`, starting at version 1. */
  add(index: number): void {
    if (index >= this.versions.length) {
      const size = Math.max(index + 1, this.versions.length * 2);
      this.versions = grown(this.versions, new Float64Array(size));
      this.cpu = grown(this.cpu, new Float64Array(size));
      this.memory = grown(this.memory, new Float64Array(size));
      this.agentConnected = grown(this.agentConnected, new Uint8Array(size));
      this.runningTasks = grown(this.runningTasks, new Float64Array(size));
    }
    this.versions[index] = 1;
  }
}

function grown<T extends Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The cluster model's own record of an instance, mutated in place by the model alone
 * (src/cluster); every other layer holds it as a read-only InstanceState.
 */
export class MutableInstanceState implements InstanceState {
  readonly arn: string;
  readonly id: string;
  status: ContainerInstanceStatus;
  readonly capacityProviderName: string | undefined;
  readonly registeredCpu: number | undefined;
  readonly registeredMemory: number | undefined;
  /**
   * Taken host ports. An instance without any shares NO_PORTS (and one without groups
   * NO_GROUPS) until it gets its own: a 50,000-instance cluster would otherwise hold
   * 100,000 empty sets and maps. Only the methods below write them.
   */
  tcpTaken: ReadonlySet<number>;
  udpTaken: ReadonlySet<number>;
  freeGpus: readonly string[];
  readonly view: MutableInstanceView;
  eniTasks = 0;
  activeGroups: ReadonlyMap<string, number> = NO_GROUPS;
  pendingAdded = 0;
  private readonly columns: InstanceColumns;
  /** This instance's row in `columns`. */
  private readonly row: number;

  constructor(
    readonly index: number,
    readonly source: ContainerInstance,
    columns?: InstanceColumns,
    /** The model's attribute columns (InstanceView.attributeColumns); with `columns` only. */
    attributeColumns?: AttributeColumns,
    /** The attribute shapes this instance shares (its model's; see AttributeMap). */
    shapes?: Shape,
    /** What the snapshot loader already read of `source` (then not read again). */
    reading?: InstanceReading,
  ) {
    this.columns = columns ?? new InstanceColumns(1, 1);
    this.row = columns ? index : 0;
    this.columns.add(this.row);
    this.arn = source.containerInstanceArn;
    this.id = arnId(this.arn);
    this.status = source.status;
    this.capacityProviderName = source.capacityProviderName;
    // One pass over each resource list (a snapshot's instances are read by the thousand).
    const remaining = reading?.remaining ?? readResources(source.remainingResources, true);
    this.cpu = remaining.cpu;
    this.memory = remaining.memory;
    this.tcpTaken = remaining.tcp;
    this.udpTaken = remaining.udp;
    this.freeGpus = remaining.gpus;
    const registered: Figures | undefined =
      reading !== undefined
        ? reading.registered
        : source.registeredResources === undefined
          ? undefined
          : readResources(source.registeredResources, false);
    this.registeredCpu = registered?.hasCpu ? registered.cpu : undefined;
    this.registeredMemory = registered?.hasMemory ? registered.memory : undefined;
    const attributes =
      reading?.attributes ?? AttributeMap.of(source.attributes ?? NO_ATTRIBUTES, shapes);
    this.view = new MutableInstanceView(
      this.columns,
      this.row,
      source.ec2InstanceId,
      source.agentConnected,
      source.versionInfo?.agentVersion,
      reading !== undefined ? reading.registeredAt : toEpochMillis(source.registeredAt),
      attributes,
      columns ? attributeColumns : undefined,
      columns && attributeColumns ? index : undefined,
    );
  }

  /** Takes (`add`) or frees host ports of one protocol. */
  togglePorts(udp: boolean, ports: readonly number[], add: boolean): void {
    if (ports.length === 0) return;
    const taken = this.ownPorts(udp, add);
    if (add) for (const port of ports) taken.add(port);
    else for (const port of ports) taken.delete(port);
  }

  /** Makes the taken ports of one protocol exactly `values` (a record replacing the instance's). */
  refillPorts(udp: boolean, values: ReadonlySet<number>): void {
    const current = udp ? this.udpTaken : this.tcpTaken;
    if (current === values) return;
    const taken = this.ownPorts(udp, values.size > 0);
    taken.clear();
    for (const value of values) taken.add(value);
  }

  /** Adds `delta` tasks of `group` to the groups counted for distinctInstance. */
  countActiveGroup(group: string, delta: number): void {
    let groups = this.activeGroups as Map<string, number>;
    if (groups === NO_GROUPS) {
      if (delta <= 0) return;
      groups = new Map();
      this.activeGroups = groups;
    }
    const left = (groups.get(group) ?? 0) + delta;
    if (left > 0) groups.set(group, left);
    else groups.delete(group);
  }

  /** This instance's own set of taken ports (created when it has none and `create`). */
  private ownPorts(udp: boolean, create: boolean): Set<number> {
    const current = udp ? this.udpTaken : this.tcpTaken;
    if (current !== NO_PORTS || !create) return current as Set<number>;
    const own = new Set<number>();
    if (udp) this.udpTaken = own;
    else this.tcpTaken = own;
    return own;
  }

  get version(): number {
    return this.columns.versions[this.row]!;
  }

  /**
   * Any assignment (`version++`) marks a change: the instance gets a version number never
   * used before, whatever the value assigned, so that a version always names one state.
   */
  set version(_changed: number) {
    this.columns.setVersion(this.row, this.columns.nextVersion());
  }

  /**
   * After an exact undo of the change that took the version from `before` to `after`: the
   * instance is in its `before` state again, so it gets that version back (results
   * memoised for it stay valid), unless something else changed it since (then it is a new
   * state, with a new version).
   */
  restoreVersion(before: number, after: number): void {
    if (this.version === after) this.columns.setVersion(this.row, before);
    else this.version++;
  }

  get cpu(): number {
    return this.columns.cpu[this.row]!;
  }

  set cpu(value: number) {
    this.columns.cpu[this.row] = value;
  }

  get memory(): number {
    return this.columns.memory[this.row]!;
  }

  set memory(value: number) {
    this.columns.memory[this.row] = value;
  }

  get external(): boolean {
    return this.view.attributes.has(EXTERNAL_ATTRIBUTE);
  }

  get agentConnected(): boolean {
    return this.view.agentConnected;
  }

  get ec2InstanceId(): string | undefined {
    return this.view.ec2InstanceId;
  }
}
