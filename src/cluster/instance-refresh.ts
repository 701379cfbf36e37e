/**
 * Replacing an instance's fields from a newer full record (an ECS container instance state
 * change event), in place: the model keeps the same MutableInstanceState object, so the
 * indexes keyed by it (group hosts, candidate lists, memos keyed by its version) stay valid.
 */
import type { ContainerInstance, ContainerInstanceStatus } from '../kernel/ecs-types.js';
import { AttributeMap, type Shape } from './attribute-map.js';
import { MutableInstanceState } from './instance-state.js';

/** What a container instance record decides about its instance (not what its tasks do). */
export interface InstanceFields {
  source: ContainerInstance;
  status: ContainerInstanceStatus;
  capacityProviderName: string | undefined;
  cpu: number;
  memory: number;
  registeredCpu: number | undefined;
  registeredMemory: number | undefined;
  tcpTaken: ReadonlySet<number>;
  udpTaken: ReadonlySet<number>;
  freeGpus: readonly string[];
  ec2InstanceId: string | undefined;
  agentConnected: boolean;
  agentVersion: string | undefined;
  registeredAt: number | undefined;
  /** Undefined: the attributes are not written (they did not change). */
  attributes: ReadonlyMap<string, string | null> | undefined;
  pendingAdded: number;
}

/**
 * The fields `instance` has now (copies of its sets and maps); its attributes only when
 * `withAttributes` (an instance's attribute values are kept, not rewritten, when a record
 * does not change them: the CQL memos recognise a value by identity first).
 */
export function captureInstanceFields(
  instance: MutableInstanceState,
  withAttributes = true,
): InstanceFields {
  const view = instance.view;
  return {
    source: instance.source,
    status: instance.status,
    capacityProviderName: instance.capacityProviderName,
    cpu: instance.cpu,
    memory: instance.memory,
    registeredCpu: instance.registeredCpu,
    registeredMemory: instance.registeredMemory,
    tcpTaken: new Set(instance.tcpTaken),
    udpTaken: new Set(instance.udpTaken),
    freeGpus: instance.freeGpus,
    ec2InstanceId: view.ec2InstanceId,
    agentConnected: view.agentConnected,
    agentVersion: view.agentVersion,
    registeredAt: view.registeredAt,
    attributes: withAttributes ? new Map(view.attributes) : undefined,
    pendingAdded: instance.pendingAdded,
  };
}

/**
 * The fields a record gives an instance, read the way a snapshot's instance is read (the
 * same constructor), so an instance refreshed from a record equals one loaded from it.
 */
export function fieldsOfRecord(
  index: number,
  source: ContainerInstance,
  /** The model's attribute shapes: reading a record then builds no shapes of its own. */
  shapes: Shape,
): InstanceFields {
  const fresh = new MutableInstanceState(index, source, undefined, undefined, shapes);
  const view = fresh.view;
  // The fresh record's own sets and map: nothing else holds them.
  return {
    source,
    status: fresh.status,
    capacityProviderName: fresh.capacityProviderName,
    cpu: fresh.cpu,
    memory: fresh.memory,
    registeredCpu: fresh.registeredCpu,
    registeredMemory: fresh.registeredMemory,
    tcpTaken: fresh.tcpTaken,
    udpTaken: fresh.udpTaken,
    freeGpus: fresh.freeGpus,
    ec2InstanceId: view.ec2InstanceId,
    agentConnected: view.agentConnected,
    agentVersion: view.agentVersion,
    registeredAt: view.registeredAt,
    attributes: view.attributes,
    pendingAdded: 0,
  };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Writes `fields` into `instance` (the model's own record; only the model calls this). */
export function writeInstanceFields(instance: MutableInstanceState, fields: InstanceFields): void {
  const target = instance as Writable<MutableInstanceState>;
  target.source = fields.source;
  target.status = fields.status;
  target.capacityProviderName = fields.capacityProviderName;
  target.cpu = fields.cpu;
  target.memory = fields.memory;
  target.registeredCpu = fields.registeredCpu;
  target.registeredMemory = fields.registeredMemory;
  instance.refillPorts(false, fields.tcpTaken);
  instance.refillPorts(true, fields.udpTaken);
  target.freeGpus = fields.freeGpus;
  target.pendingAdded = fields.pendingAdded;
  const view = instance.view;
  // Equal texts keep the strings the instance has (the CQL memos compare by identity first).
  if (view.ec2InstanceId !== fields.ec2InstanceId) view.ec2InstanceId = fields.ec2InstanceId;
  view.agentConnected = fields.agentConnected;
  if (view.agentVersion !== fields.agentVersion) view.agentVersion = fields.agentVersion;
  view.registeredAt = fields.registeredAt;
  if (fields.attributes === undefined) return;
  view.attributes.clear();
  for (const [name, value] of fields.attributes) view.attributes.set(name, value);
}

/** Whether two attribute maps agree (true when either is not given, as changedAttributes). */
export function sameAttributes(
  before: ReadonlyMap<string, string | null> | undefined,
  after: ReadonlyMap<string, string | null> | undefined,
): boolean {
  if (before === undefined || after === undefined) return true;
  if (before instanceof AttributeMap) return before.sameAs(after);
  return changedAttributes(before, after).length === 0;
}

/** Attribute names whose presence or value differs between two attribute maps. */
export function changedAttributes(
  before: ReadonlyMap<string, string | null> | undefined,
  after: ReadonlyMap<string, string | null> | undefined,
): string[] {
  if (before === undefined || after === undefined) return [];
  const changed: string[] = [];
  for (const [name, value] of before) {
    if (!after.has(name) || after.get(name) !== value) changed.push(name);
  }
  for (const name of after.keys()) if (!before.has(name)) changed.push(name);
  return changed;
}

/**
 * Whether two sets of fields agree on everything placement reads of an instance (a record's
 * attributes are `undefined` when they did not change).
 */
export function samePlacementFields(a: InstanceFields, b: InstanceFields): boolean {
  return (
    a.status === b.status &&
    a.capacityProviderName === b.capacityProviderName &&
    a.cpu === b.cpu &&
    a.memory === b.memory &&
    a.registeredCpu === b.registeredCpu &&
    a.registeredMemory === b.registeredMemory &&
    a.ec2InstanceId === b.ec2InstanceId &&
    a.agentConnected === b.agentConnected &&
    a.agentVersion === b.agentVersion &&
    a.registeredAt === b.registeredAt &&
    a.attributes === undefined &&
    b.attributes === undefined &&
    sameSet(a.tcpTaken, b.tcpTaken) &&
    sameSet(a.udpTaken, b.udpTaken) &&
    sameList(a.freeGpus, b.freeGpus)
  );
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const value of a) if (!b.has(value)) return false;
  return true;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
