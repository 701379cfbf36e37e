import type { InstanceLaunchType } from '../kernel/ecs-enums.js';
import { buildAttributeColumn, type AttributeColumn } from './attribute-column.js';
import { Shape } from './attribute-map.js';
import { cloneData, cloneOthers } from './copy-data.js';
import type {
  ClusterSnapshot,
  ContainerInstance,
  ContainerInstanceStatus,
  Resource,
  Task,
} from '../kernel/ecs-types.js';
import type { AttributeColumns, InstanceViewTable } from '../kernel/instance-view.js';
import {
  EXTERNAL_ATTRIBUTE,
  type InstanceReading,
  type InstanceState,
  MutableInstanceState,
  InstanceColumns,
  arnId,
} from './instance-state.js';
import { ModelViewTable } from './instance-view-table.js';
import { hasResource, withNumeric, withStringSet } from './resources.js';
import {
  captureInstanceFields,
  changedAttributes,
  fieldsOfRecord,
  sameAttributes,
  type InstanceFields,
  samePlacementFields,
  writeInstanceFields,
} from './instance-refresh.js';
import { footprintOfTask, type TaskFootprint } from './task-footprint.js';
import { groupOfTask } from './task-group.js';

/** Which instances a share of tasks may use: a launch type, or a capacity provider's own. */
export interface InstanceScope {
  kind: InstanceLaunchType;
  capacityProvider?: string;
}

/**
 * A kind of state another layer keeps per cluster model (the placement engine's workspace):
 * created by `create` on first use, owned by the model, dropped with it.
 */
export class ModelSlot<T> {
  constructor(readonly create: (model: ClusterModel) => T) {}
}

/** Members of the snapshot copies that toClusterSnapshot builds anew (see cloneOthers). */
const CLUSTER_FRESH = new Set(['containerInstances', 'tasks']);
const INSTANCE_FRESH = new Set(['remainingResources', 'attributes']);

interface PlacedTask {
  instance: MutableInstanceState;
  footprint: TaskFootprint;
  ours: boolean;
}

/** A task's hold on its instance, as `apply` takes or gives it back. */
interface Hold {
  instance: MutableInstanceState;
  footprint: TaskFootprint;
  group: string;
  /** desiredStatus RUNNING: counted in the view's task groups and runningTasksCount too. */
  running: boolean;
  /** Counted in the instance's pendingTasksCount. */
  pending: boolean;
}

const NOTHING: readonly never[] = [];

/**
 * The mutable model of one cluster: instances with their remaining resources and views,
 * the tasks, and the indexes placement reads (candidates per scope, group hosts, interned
 * attribute columns). Every change is incremental; a transaction journal lets plan mode
 * roll a placement back exactly.
 */
export class ClusterModel {
  private readonly states: MutableInstanceState[] = [];
  /** The instances in snapshot order (registration order for later ones); read-only views. */
  readonly instances: readonly InstanceState[] = this.states;
  private readonly taskList: Task[] = [];
  /** Every task of the cluster, in snapshot order then in the order they were recorded. */
  readonly tasks: readonly Task[] = this.taskList;
  private readonly byRef = new Map<string, MutableInstanceState>();
  private readonly placed = new Map<string, PlacedTask>();
  /** Task ARN and task id -> task, for taskList[0 .. indexedTasks); see taskByRef. */
  private readonly taskIndex = new Map<string, Task>();
  private indexedTasks = 0;
  /** Group -> instance -> tasks of the group with desiredStatus RUNNING. */
  private readonly groupHosts = new Map<string, Map<InstanceState, number>>();
  /** Group -> instance -> tasks of the group whose desiredStatus is not STOPPED. */
  private readonly activeGroupHosts = new Map<string, Map<InstanceState, number>>();
  private readonly scopes = new Map<string, InstanceState[]>();
  private readonly columns = new Map<string, AttributeColumn>();
  private readonly slots = new Map<ModelSlot<unknown>, unknown>();
  /** Every instance's version, CPU and memory left, by instance index (read-only outside the model). */
  readonly instanceColumns = new InstanceColumns();
  /** What the instances' views offer compiled CQL (InstanceView.attributeColumns). */
  private readonly viewColumns: AttributeColumns = { column: (name) => this.attributeColumn(name) };
  /** The instances' views as one table, rows by instance index (CompiledExpression.filter). */
  readonly viewTable: InstanceViewTable = new ModelViewTable(
    this.states,
    this.instanceColumns,
    this.viewColumns,
  );
  /** The attribute shapes the instances share (see AttributeMap). */
  private readonly shapes = Shape.root();
  private journal: (() => void)[] | undefined;
  private depth = 0;

  constructor(
    readonly source: ClusterSnapshot,
    /** Filled by the snapshot loader instead (see `loading`). */
    empty = false,
  ) {
    if (empty) return;
    for (const instance of source.containerInstances) this.addInstance(instance);
    for (const task of source.tasks) this.loadTask({ ...task });
    this.loaded();
  }

  // ---- Built while the snapshot is checked (src/cluster/load-snapshot.ts) ---------------

  /**
   * A model the snapshot loader fills in the same pass that checks the snapshot: each
   * checked instance (`loadInstance`) and task (`loadTaskRecord`) in snapshot order, then
   * `loaded()`. `source`'s instance and task lists are not read.
   */
  static loading(source: ClusterSnapshot): ClusterModel {
    return new ClusterModel(source, true);
  }

  /** The empty shape of this model's attribute maps (an InstanceReading's map is built on it). */
  get attributeShapes(): Shape {
    return this.shapes;
  }

  /** A checked instance copy and what the loader read of it (see InstanceReading). */
  loadInstance(source: ContainerInstance, reading: InstanceReading): void {
    this.addInstance(source, reading);
  }

  /**
   * A checked task copy, which the model takes as its own record (the loader's copy is
   * nobody else's: the snapshot the Cluster keeps lists the same records).
   */
  loadTaskRecord(task: Task): void {
    this.loadTask(task);
  }

  /** After the last instance and task. */
  loaded(): void {
    for (const instance of this.states) adoptReportedRunningCount(instance);
  }

  get clusterName(): string {
    return this.source.clusterName;
  }

  /** This model's state of the kind `slot` (see ModelSlot), created on first use. */
  slot<T>(slot: ModelSlot<T>): T {
    let state = this.slots.get(slot) as T | undefined;
    if (state === undefined) {
      state = slot.create(this);
      this.slots.set(slot, state);
    }
    return state;
  }

  /** An instance by full ARN, container instance id, or EC2 instance id. */
  instance(ref: string): InstanceState | undefined {
    return this.byRef.get(ref);
  }

  /** ACTIVE instances of a scope, in snapshot order; cached until instances or attributes change. */
  candidates(scope: InstanceScope): readonly InstanceState[] {
    const key = scope.capacityProvider !== undefined ? `cp:${scope.capacityProvider}` : scope.kind;
    let found = this.scopes.get(key);
    if (!found) {
      found = this.states.filter(
        (i) =>
          i.status === 'ACTIVE' &&
          (scope.capacityProvider !== undefined
            ? i.capacityProviderName === scope.capacityProvider
            : i.external === (scope.kind === 'EXTERNAL')),
      );
      this.scopes.set(key, found);
    }
    return found;
  }

  /** Instances hosting tasks of `group` with desiredStatus RUNNING, with how many each. */
  groupHostsOf(group: string): ReadonlyMap<InstanceState, number> | undefined {
    return this.groupHosts.get(group);
  }

  /** Instances hosting tasks of `group` whose desiredStatus is not STOPPED (distinctInstance). */
  activeHostsOf(group: string): ReadonlyMap<InstanceState, number> | undefined {
    return this.activeGroupHosts.get(group);
  }

  attributeColumn(name: string): AttributeColumn {
    let column = this.columns.get(name);
    if (!column) {
      column = buildAttributeColumn(
        this.states.map((i) => i.view.attributes),
        name,
      );
      this.columns.set(name, column);
    }
    return column;
  }

  /** Records a newly placed task (desiredStatus RUNNING, lastStatus PENDING) and takes its footprint. */
  commit(on: InstanceState, task: Task, footprint: TaskFootprint): void {
    const instance = this.own(on);
    const hold = { instance, footprint, group: groupOfTask(task), running: true, pending: true };
    this.applyJournaled(hold, 1);
    this.taskList.push(task);
    this.indexTask(task);
    this.placed.set(task.taskArn, { instance, footprint, ours: true });
    this.journal?.push(() => {
      this.placed.delete(task.taskArn);
      this.unindexTask(task);
      this.taskList.pop();
    });
  }

  /** Records a task that holds no container instance (Fargate, or PROVISIONING waiting for scale-out). */
  recordTask(task: Task): void {
    this.taskList.push(task);
    this.indexTask(task);
    this.journal?.push(() => {
      this.unindexTask(task);
      this.taskList.pop();
    });
  }

  /**
   * Starts recording changes so that `rollback` can undo them; returns the mark to roll
   * back to. Transactions nest: recording stops when the outermost one ends.
   */
  begin(): number {
    this.journal ??= [];
    this.depth++;
    return this.journal.length;
  }

  /** Ends the innermost transaction, keeping its changes (the outer ones may still undo them). */
  keep(): void {
    if (--this.depth === 0) this.journal = undefined;
  }

  /** Undoes every change made since `mark` (from `begin`), newest first, and ends that transaction. */
  rollback(mark: number): void {
    const journal = this.journal ?? [];
    for (let i = journal.length - 1; i >= mark; i--) journal[i]!();
    journal.length = Math.min(journal.length, mark);
    if (--this.depth === 0) this.journal = undefined;
  }

  /** StopTask: desiredStatus STOPPED, its resources released. Returns false for an unknown task. */
  stopTask(ref: string): boolean {
    const task = this.taskByRef.get(ref);
    if (!task) return false;
    const desired = task.desiredStatus;
    if (desired === 'STOPPED') return true;
    const placed = this.placed.get(task.taskArn);
    if (placed) {
      const { instance, footprint } = placed;
      // A snapshot task whose reservation the captured remainingResources do not show (the
      // two were read moments apart) gives back no more than brings the instance to its
      // registered figures, and no GPU that is already free (see apply).
      const released: TaskFootprint = {
        ...footprint,
        cpu: releasable(footprint.cpu, instance.cpu, instance.registeredCpu),
        memory: releasable(footprint.memory, instance.memory, instance.registeredMemory),
      };
      const hold: Hold = {
        instance,
        footprint: released,
        group: groupOfTask(task),
        running: desired === 'RUNNING',
        // A stopped task no longer counts as pending, whether we placed it or the snapshot did.
        pending: placed.ours || task.lastStatus === 'PENDING',
      };
      this.applyJournaled(hold, -1);
      this.placed.delete(task.taskArn);
      this.journal?.push(() => this.placed.set(task.taskArn, placed));
    }
    task.desiredStatus = 'STOPPED';
    this.journal?.push(() => {
      task.desiredStatus = desired;
    });
    return true;
  }

  /**
   * RegisterContainerInstance: appended after the existing instances. A rollback removes it
   * like a registration from an event: the model's instances are indexed by position, so
   * the journal must take registrations off in the reverse order they were made.
   */
  registerInstance(source: ContainerInstance): InstanceState {
    const state = this.appendRegistered(source);
    adoptReportedRunningCount(state);
    return state;
  }

  /** PutAttributes (value given) / DeleteAttributes (value `undefined` and `remove`). */
  putAttribute(on: InstanceState, name: string, value: string | null, remove = false): void {
    const instance = this.own(on);
    if (this.journal) {
      // The whole map, so that the undo gives the attributes back in their order too.
      const before = new Map(instance.view.attributes);
      this.journal.push(() => this.restoreAttributes(instance, name, before));
    }
    instance.version++;
    if (remove) instance.view.attributes.delete(name);
    else instance.view.attributes.set(name, value);
    // The column stays (ids keep their values): only this instance's entry changes.
    this.columns.get(name)?.set(instance.index, remove ? undefined : value);
    if (name === EXTERNAL_ATTRIBUTE) this.scopes.clear();
  }

  /** Undoes `putAttribute(instance, name, ...)`: the attributes as they were before it. */
  private restoreAttributes(
    instance: MutableInstanceState,
    name: string,
    before: ReadonlyMap<string, string | null>,
  ): void {
    instance.version++;
    const { attributes } = instance.view;
    attributes.clear();
    for (const [key, value] of before) attributes.set(key, value);
    this.columns.get(name)?.set(instance.index, before.get(name));
    if (name === EXTERNAL_ATTRIBUTE) this.scopes.clear();
  }

  // --- Container-instance lifecycle for the ECS operations (src/api/*-container-instance*.ts) ---

  /**
   * UpdateContainerInstancesState / DeregisterContainerInstance: a new status. Only ACTIVE
   * instances are candidates, so the candidate lists are rebuilt; the version bump makes the
   * feasibility memo look at the instance again.
   */
  setStatus(on: InstanceState, status: ContainerInstanceStatus): void {
    const instance = this.own(on);
    const before = instance.status;
    if (before === status) return;
    instance.status = status;
    instance.version++;
    this.scopes.clear();
    this.journal?.push(() => {
      instance.status = before;
      instance.version++;
      this.scopes.clear();
    });
  }

  /** One instance as DescribeContainerInstances describes it: a fresh copy. */
  containerInstanceSnapshot(on: InstanceState): ContainerInstance {
    return this.instanceSnapshot(this.own(on));
  }

  /** A task by ARN or task id (the model's own record: copy it before handing it out). */
  task(ref: string): Task | undefined {
    return this.taskByRef.get(ref);
  }

  /**
   * The cluster in snapshot format, with remaining resources, counts and tasks brought up to
   * date: all of it a fresh copy, sharing no object with the model.
   */
  toClusterSnapshot(): ClusterSnapshot {
    return cloneOthers(
      {
        ...this.source,
        containerInstances: this.states.map((i) => this.instanceSnapshot(i)),
        tasks: this.tasks.map(cloneData),
      },
      CLUSTER_FRESH,
    );
  }

  private instanceSnapshot(instance: InstanceState): ContainerInstance {
    const source = instance.source;
    const remaining: Resource[] = [];
    const seen = new Set<string>();
    for (const resource of source.remainingResources ?? []) {
      seen.add(resource.name);
      remaining.push(this.rewriteResource(instance, resource.name, resource));
    }
    const required: [string, boolean][] = [
      ['CPU', true],
      ['MEMORY', true],
      ['PORTS', instance.tcpTaken.size > 0],
      ['PORTS_UDP', instance.udpTaken.size > 0],
      ['GPU', instance.freeGpus.length > 0],
    ];
    for (const [name, wanted] of required) {
      if (wanted && !seen.has(name) && !hasResource(source.remainingResources, name)) {
        remaining.push(this.rewriteResource(instance, name, undefined));
      }
    }
    const attributes = [...instance.view.attributes].map(([name, value]) =>
      value === null ? { name } : { name, value },
    );
    const written = cloneOthers(
      { ...source, status: instance.status, remainingResources: remaining, attributes },
      INSTANCE_FRESH,
    );
    const running = instance.view.runningTasksCount;
    if (running !== 0 || source.runningTasksCount !== undefined) {
      written.runningTasksCount = running;
    }
    if (instance.pendingAdded !== 0 || source.pendingTasksCount !== undefined) {
      written.pendingTasksCount = Math.max(
        0,
        (source.pendingTasksCount ?? 0) + instance.pendingAdded,
      );
    }
    return written;
  }

  private rewriteResource(
    instance: InstanceState,
    name: string,
    original: Resource | undefined,
  ): Resource {
    switch (name) {
      case 'CPU':
        return withNumeric(original, 'CPU', instance.cpu);
      case 'MEMORY':
        return withNumeric(original, 'MEMORY', instance.memory);
      case 'PORTS':
        return withStringSet(original, 'PORTS', [...instance.tcpTaken].map(String));
      case 'PORTS_UDP':
        return withStringSet(original, 'PORTS_UDP', [...instance.udpTaken].map(String));
      case 'GPU':
        return withStringSet(original, 'GPU', [...instance.freeGpus]);
      default:
        return original ? cloneData(original) : { name };
    }
  }

  /** The model's own record of `instance`; refuses an instance of another model or a copy. */
  private own(instance: InstanceState): MutableInstanceState {
    const own = this.states[instance.index];
    if (own === undefined || own !== instance) {
      throw new Error(`${instance.arn} is not an instance of cluster ${this.clusterName}'s model`);
    }
    return own;
  }

  /**
   * Takes (+1) or gives back (-1) a task's hold on its instance: CPU, memory, host ports,
   * GPUs, the network interface, the group counts and the pending count, in this one place
   * so that placing and stopping a task cannot drift apart. Returns the free GPU ids as they
   * were, for `unapply`.
   */
  /**
   * apply(hold, sign) with its undo in the journal: the hold taken back and the instance's
   * version restored (see restoreVersion), so a rolled-back change leaves no trace.
   */
  private applyJournaled(hold: Hold, sign: 1 | -1): void {
    const { instance } = hold;
    const versionBefore = instance.version;
    const gpusBefore = this.apply(hold, sign);
    const versionAfter = instance.version;
    this.journal?.push(() => {
      this.unapply(hold, sign, gpusBefore);
      instance.restoreVersion(versionBefore, versionAfter);
    });
  }

  private apply(hold: Hold, sign: 1 | -1): readonly string[] {
    const { instance, footprint } = hold;
    const gpusBefore = instance.freeGpus;
    instance.version++;
    instance.cpu -= sign * footprint.cpu;
    instance.memory -= sign * footprint.memory;
    instance.togglePorts(false, footprint.tcpPorts, sign > 0);
    instance.togglePorts(true, footprint.udpPorts, sign > 0);
    instance.eniTasks += sign * footprint.eni;
    if (footprint.gpuIds.length > 0) {
      instance.freeGpus =
        sign > 0
          ? withoutGpus(gpusBefore, footprint.gpuIds)
          : withGpus(gpusBefore, footprint.gpuIds);
    }
    if (sign > 0) this.addGroupTask(instance, hold.group, hold.running);
    else this.removeGroupTask(instance, hold.group, hold.running);
    if (hold.pending) instance.pendingAdded += sign;
    return gpusBefore;
  }

  /**
   * Undoes `apply(hold, sign)` exactly, for the journal (GPU ids back in their former
   * order); the journal entry then gives the instance its version back (restoreVersion).
   */
  private unapply(hold: Hold, sign: 1 | -1, gpusBefore: readonly string[]): void {
    const { instance, footprint } = hold;
    if (hold.pending) instance.pendingAdded -= sign;
    if (sign > 0) this.removeGroupTask(instance, hold.group, hold.running);
    else this.addGroupTask(instance, hold.group, hold.running);
    instance.freeGpus = gpusBefore;
    instance.eniTasks -= sign * footprint.eni;
    instance.togglePorts(true, footprint.udpPorts, sign < 0);
    instance.togglePorts(false, footprint.tcpPorts, sign < 0);
    instance.memory += sign * footprint.memory;
    instance.cpu += sign * footprint.cpu;
  }

  private addInstance(source: ContainerInstance, reading?: InstanceReading): MutableInstanceState {
    const state = new MutableInstanceState(
      this.states.length,
      source,
      this.instanceColumns,
      this.viewColumns,
      this.shapes,
      reading,
    );
    this.states.push(state);
    this.byRef.set(state.arn, state);
    if (!this.byRef.has(state.id)) this.byRef.set(state.id, state);
    // An EC2 instance id names the live registration; an INACTIVE record of an earlier
    // registration of the same EC2 instance gives way to it.
    const ec2 = state.ec2InstanceId;
    const holder = ec2 !== undefined ? this.byRef.get(ec2) : undefined;
    if (
      ec2 !== undefined &&
      (holder === undefined ||
        (holder.status === 'INACTIVE' &&
          state.status !== 'INACTIVE' &&
          holder.ec2InstanceId === ec2))
    ) {
      this.byRef.set(ec2, state);
    }
    return state;
  }

  /**
   * A task from the snapshot: its reservation is already in `remainingResources` (CPU,
   * memory, ports, GPUs); only what the snapshot does not count is taken (group counts and
   * the network interface).
   */
  private loadTask(task: Task): void {
    this.taskList.push(task);
    this.indexTask(task);
    if (task.desiredStatus === 'STOPPED' || task.containerInstanceArn === undefined) return;
    const instance = this.byRef.get(task.containerInstanceArn);
    if (!instance) return;
    const footprint = footprintOfTask(task);
    this.apply(loadedHold(instance, task, footprint), 1);
    this.placed.set(task.taskArn, { instance, footprint, ours: false });
  }

  /**
   * Task ARN and task id -> task. Tasks appended to the list are indexed on the first
   * lookup after them, not when recorded: a placement that is rolled back (a plan, a
   * whatIf) never touches the map.
   */
  private get taskByRef(): Map<string, Task> {
    const list = this.taskList;
    for (; this.indexedTasks < list.length; this.indexedTasks++) {
      const task = list[this.indexedTasks]!;
      this.taskIndex.set(task.taskArn, task);
      this.taskIndex.set(arnId(task.taskArn), task);
    }
    return this.taskIndex;
  }

  /** After `task` was appended to taskList (the newest waits for the next lookup) or replaced in it. */
  private indexTask(task: Task): void {
    const last = this.taskList.length - 1;
    if (this.taskList[last] === task && this.indexedTasks <= last) return;
    const index = this.taskByRef;
    index.set(task.taskArn, task);
    index.set(arnId(task.taskArn), task);
  }

  /** Before `task` leaves taskList (rollback pops the newest). */
  private unindexTask(task: Task): void {
    const last = this.taskList.length - 1;
    if (this.taskList[last] === task && this.indexedTasks <= last) return;
    const index = this.taskByRef;
    index.delete(task.taskArn);
    index.delete(arnId(task.taskArn));
    if (this.taskList[last] === task) this.indexedTasks = last;
  }

  private addGroupTask(instance: MutableInstanceState, group: string, running: boolean): void {
    instance.countActiveGroup(group, 1);
    countHost(this.activeGroupHosts, group, instance, 1);
    if (!running) return;
    instance.view.addGroupTask(group);
    countHost(this.groupHosts, group, instance, 1);
  }

  private removeGroupTask(instance: MutableInstanceState, group: string, running: boolean): void {
    instance.countActiveGroup(group, -1);
    countHost(this.activeGroupHosts, group, instance, -1);
    if (!running) return;
    instance.view.removeGroupTask(group);
    countHost(this.groupHosts, group, instance, -1);
  }

  private invalidate(): void {
    this.scopes.clear();
    this.columns.clear();
  }

  // ---- Full records from ECS events (src/events/) and what the change feed reads -------
  // Every change below is journaled, so a transaction (begin/rollback) undoes it exactly.
  // An instance record replaces the instance's fields in place and bumps its version, so
  // the engine's per-instance caches stay valid for every other instance; only a change of
  // status, capacity provider or launch type rebuilds the candidate lists, and only the
  // attribute columns whose values changed are rebuilt.

  /** Tasks naming a container instance the model does not know yet, by that instance's ARN. */
  private readonly waiting = new Map<string, Set<Task>>();

  /** The model's own record of a task (ARN or id), to read its version; never hand it out. */
  findTask(ref: string): Readonly<Task> | undefined {
    return this.taskByRef.get(ref);
  }

  /** The instance a task holds and what it holds there, while its desiredStatus is not STOPPED. */
  holdOf(taskArn: string): { instance: InstanceState; footprint: TaskFootprint } | undefined {
    const placed = this.placed.get(taskArn);
    return placed ? { instance: placed.instance, footprint: placed.footprint } : undefined;
  }

  /**
   * A container instance from its full record (a copy the model may keep): an unknown ARN is
   * registered (appended, and the tasks already recorded for it attach to it); a known one
   * takes every field of the record, remaining resources included, as if loaded from it.
   */
  upsertInstance(source: ContainerInstance): 'registered' | 'updated' {
    const known = this.byRef.get(source.containerInstanceArn);
    if (known === undefined || known.arn !== source.containerInstanceArn) {
      this.registerFromRecord(source);
      return 'registered';
    }
    const after = fieldsOfRecord(known.index, source, this.shapes);
    const attributesChange = !sameAttributes(known.view.attributes, after.attributes);
    if (!attributesChange) after.attributes = undefined;
    const before = captureInstanceFields(known, attributesChange);
    this.replaceFields(known, before, after);
    // Undone from the fields the instance has then, not from `after`, so that the version,
    // candidate lists and attribute columns follow what is written.
    this.journal?.push(() =>
      this.replaceFields(
        known,
        captureInstanceFields(known, before.attributes !== undefined),
        before,
      ),
    );
    if (before.status !== 'INACTIVE' && after.status === 'INACTIVE') this.handOverEc2Id(known);
    this.recountRunning(known);
    return 'updated';
  }

  /**
   * A deregistered instance gives its EC2 instance id to a live registration of the same EC2
   * instance that arrived before it went INACTIVE (events out of order), as a snapshot does.
   */
  private handOverEc2Id(instance: MutableInstanceState): void {
    const ec2 = instance.ec2InstanceId;
    if (ec2 === undefined || this.byRef.get(ec2) !== instance) return;
    const live = this.states.find(
      (other) => other !== instance && other.ec2InstanceId === ec2 && other.status !== 'INACTIVE',
    );
    if (live === undefined) return;
    this.byRef.set(ec2, live);
    this.journal?.push(() => this.byRef.set(ec2, instance));
  }

  /**
   * A task from its full record (a copy the model may keep): recorded when unknown, else its
   * record is replaced in place (same position in `tasks`). Like a snapshot's task, it takes
   * no CPU, memory, ports or GPUs: ECS reports those in the instance's own record (its state
   * change event); it counts in its instance's task groups and network interfaces.
   */
  upsertTask(task: Task): 'recorded' | 'updated' {
    const known = this.taskByRef.get(task.taskArn);
    if (known === undefined) {
      this.taskList.push(task);
      this.indexTask(task);
      this.journal?.push(() => {
        this.unindexTask(task);
        this.taskList.pop();
      });
      this.attachTask(task);
      return 'recorded';
    }
    const previous = { ...known };
    const placed = this.placed.get(known.taskArn);
    const footprint = placed !== undefined && !placed.ours ? footprintOfTask(task) : undefined;
    if (
      placed !== undefined &&
      footprint !== undefined &&
      sameHold(known, task, placed.footprint, footprint)
    ) {
      // Nothing placement reads moved (a lastStatus PENDING -> RUNNING, say): the record is
      // replaced and the instance keeps its version, so no cached verdict is lost.
      replaceContents(known, task);
      this.placed.set(known.taskArn, { ...placed, footprint });
      this.journal?.push(() => {
        this.placed.set(known.taskArn, placed);
        replaceContents(known, previous);
      });
      return 'updated';
    }
    const formerInstance = placed?.instance;
    this.detachTask(known);
    replaceContents(known, task);
    this.journal?.push(() => replaceContents(known, previous));
    this.attachTask(known);
    if (formerInstance !== undefined) this.recountRunning(formerInstance);
    return 'updated';
  }

  /**
   * A task placed by runTask (`ref`) is the task ECS started for it (`record`, e.g. from the
   * StartTask response): the record replaces it under its own ARN, and what the task holds
   * on its instance stays taken until the instance's next record accounts for it. Returns
   * false when `ref` is not a task of this model placed by runTask.
   */
  confirmTask(ref: string, record: Task): boolean {
    const known = this.taskByRef.get(ref);
    if (known === undefined || this.placed.get(known.taskArn)?.ours !== true) return false;
    const previous = { ...known };
    this.detachTask(known);
    this.unindexTask(known);
    replaceContents(known, record);
    this.indexTask(known);
    this.journal?.push(() => {
      this.unindexTask(known);
      replaceContents(known, previous);
      this.indexTask(known);
    });
    this.attachTask(known);
    return true;
  }

  private registerFromRecord(source: ContainerInstance): void {
    const state = this.appendRegistered(source);
    const waiting = this.waiting.get(state.arn);
    if (waiting !== undefined) {
      for (const task of [...waiting]) {
        this.detachTask(task);
        this.attachTask(task);
      }
    }
    this.recountRunning(state);
  }

  /** Appends a newly registered instance; inside a transaction, records how to take it off. */
  private appendRegistered(source: ContainerInstance): MutableInstanceState {
    const ec2 = source.status !== 'INACTIVE' ? source.ec2InstanceId : undefined;
    const ec2Holder = ec2 !== undefined ? this.byRef.get(ec2) : undefined;
    const idHolder = this.byRef.get(arnId(source.containerInstanceArn));
    const state = this.addInstance(source);
    this.invalidate();
    this.journal?.push(() => {
      this.states.pop();
      this.byRef.delete(state.arn);
      if (idHolder === undefined) this.byRef.delete(state.id);
      if (ec2 !== undefined) {
        if (ec2Holder !== undefined) this.byRef.set(ec2, ec2Holder);
        else if (this.byRef.get(ec2) === state) this.byRef.delete(ec2);
      }
      this.invalidate();
    });
    return state;
  }

  private replaceFields(
    instance: MutableInstanceState,
    from: InstanceFields,
    to: InstanceFields,
  ): void {
    writeInstanceFields(instance, to);
    // A record that moves nothing placement reads (a new version with the same figures)
    // keeps the instance's cached verdicts.
    if (!samePlacementFields(from, to)) instance.version++;
    for (const name of changedAttributes(from.attributes, to.attributes)) this.columns.delete(name);
    if (
      from.status !== to.status ||
      from.capacityProviderName !== to.capacityProviderName ||
      from.attributes?.has(EXTERNAL_ATTRIBUTE) !== to.attributes?.has(EXTERNAL_ATTRIBUTE)
    ) {
      this.scopes.clear();
    }
  }

  /** Takes a recorded task's hold as a snapshot's task does, or waits for its instance. */
  private attachTask(task: Task): void {
    const ref = task.containerInstanceArn;
    if (task.desiredStatus === 'STOPPED' || ref === undefined) return;
    const instance = this.byRef.get(ref);
    if (instance === undefined || instance.arn !== ref) {
      let waiting = this.waiting.get(ref);
      if (waiting === undefined) {
        waiting = new Set();
        this.waiting.set(ref, waiting);
      }
      const set = waiting;
      set.add(task);
      this.journal?.push(() => set.delete(task));
      return;
    }
    const footprint = footprintOfTask(task);
    const hold = loadedHold(instance, task, footprint);
    this.applyJournaled(hold, 1);
    const placed: PlacedTask = { instance, footprint, ours: false };
    this.placed.set(task.taskArn, placed);
    this.journal?.push(() => this.placed.delete(task.taskArn));
    this.recountRunning(instance);
  }

  /** Gives back exactly the hold the task took (or stops it waiting for its instance). */
  private detachTask(task: Task): void {
    const ref = task.containerInstanceArn;
    const waiting = ref !== undefined ? this.waiting.get(ref) : undefined;
    if (waiting?.delete(task)) {
      this.journal?.push(() => waiting.add(task));
      return;
    }
    const placed = this.placed.get(task.taskArn);
    if (placed === undefined) return;
    // A task placed by runTask keeps its CPU, memory, ports and GPUs taken: from now on
    // the instance's own records account for them (see upsertTask).
    const hold: Hold = placed.ours
      ? { ...loadedHold(placed.instance, task, placed.footprint), pending: true }
      : loadedHold(placed.instance, task, placed.footprint);
    this.applyJournaled(hold, -1);
    this.placed.delete(task.taskArn);
    this.journal?.push(() => this.placed.set(task.taskArn, placed));
  }

  /**
   * CQL `runningTasksCount` after a record: the larger of the instance record's own figure
   * and its listed tasks with desiredStatus RUNNING, as when a snapshot is loaded.
   */
  private recountRunning(instance: MutableInstanceState): void {
    let listed = 0;
    for (const count of instance.view.taskGroups.values()) listed += count;
    const wanted = Math.max(listed, instance.source.runningTasksCount ?? 0);
    const was = instance.view.runningTasksCount;
    if (wanted === was) return;
    instance.view.runningTasksCount = wanted;
    instance.version++;
    this.journal?.push(() => {
      instance.view.runningTasksCount = was;
      instance.version++;
    });
  }
}

/** Whether two records of a task take the same hold (instance, group, counts, ENI). */
function sameHold(
  before: Task,
  after: Task,
  held: TaskFootprint,
  footprint: TaskFootprint,
): boolean {
  return (
    before.containerInstanceArn === after.containerInstanceArn &&
    before.desiredStatus === after.desiredStatus &&
    groupOfTask(before) === groupOfTask(after) &&
    held.eni === footprint.eni
  );
}

/** A recorded task's hold: only what an instance record does not count (groups, ENI). */
function loadedHold(instance: MutableInstanceState, task: Task, footprint: TaskFootprint): Hold {
  return {
    instance,
    footprint: {
      cpu: 0,
      memory: 0,
      tcpPorts: NOTHING,
      udpPorts: NOTHING,
      gpuIds: NOTHING,
      eni: footprint.eni,
    },
    group: groupOfTask(task),
    running: task.desiredStatus === 'RUNNING',
    pending: false,
  };
}

/** Makes `target` hold exactly the members of `source` (a task record replaced in place). */
function replaceContents(target: Task, source: Task): void {
  const writable = target as unknown as Record<string, unknown>;
  for (const key of Object.keys(writable)) delete writable[key];
  Object.assign(target, source);
}

/**
 * CQL `runningTasksCount` when the snapshot carries the instance's own figure
 * (DescribeContainerInstances) but lists fewer of its tasks (instances exported without
 * their tasks): the figure wins, and the incremental count then moves it with every task
 * placed or stopped since, so it stays exact. A figure below the listed RUNNING-desired
 * tasks is stale and the listed tasks win.
 */
function adoptReportedRunningCount(instance: MutableInstanceState): void {
  const reported = instance.source.runningTasksCount;
  if (reported !== undefined && reported > instance.view.runningTasksCount) {
    instance.view.runningTasksCount = reported;
  }
}

/** The free GPU ids less `taken`, in their order. */
function withoutGpus(free: readonly string[], taken: readonly string[]): string[] {
  const gone = new Set(taken);
  return free.filter((id) => !gone.has(id));
}

/** The free GPU ids, then those of `released` that are not free already. */
function withGpus(free: readonly string[], released: readonly string[]): string[] {
  const known = new Set(free);
  return [...free, ...released.filter((id) => !known.has(id))];
}

/** How much of `amount` an instance with `left` can take back without passing `registered`. */
function releasable(amount: number, left: number, registered: number | undefined): number {
  return registered === undefined ? amount : Math.max(0, Math.min(amount, registered - left));
}

function countHost(
  index: Map<string, Map<InstanceState, number>>,
  group: string,
  instance: InstanceState,
  delta: number,
): void {
  let hosts = index.get(group);
  if (!hosts) {
    hosts = new Map();
    index.set(group, hosts);
  }
  const count = (hosts.get(instance) ?? 0) + delta;
  if (count > 0) hosts.set(instance, count);
  else hosts.delete(instance);
}
