/**
 * One container instance of a snapshot (DescribeContainerInstances shape): checked, with
 * its resources and attributes, and returned as a fresh copy (see validate-snapshot.ts).
 */
import type { Attribute, ContainerInstance, Resource } from '../kernel/ecs-types.js';
import { AttributeMap, type Shape } from './attribute-map.js';
import { isAssociated } from './capacity-provider-association.js';
import type { InstanceReading } from './instance-state.js';
import { type Figures as ResourceFigures, NO_GPUS, NO_PORTS } from './resources.js';
import { copyMembers, type Json } from './snapshot-data.js';
import { fail, show } from './snapshot-error.js';
import {
  boolean,
  list,
  object,
  oneOf,
  optionalCount,
  optionalNumber,
  optionalString,
  string,
  stringList,
  timestamp,
} from './snapshot-fields.js';
import { epochMillisOfNormalised } from './timestamps.js';

const INSTANCE_STATUSES = [
  'ACTIVE',
  'DRAINING',
  'REGISTERING',
  'DEREGISTERING',
  'REGISTRATION_FAILED',
  'INACTIVE',
] as const;
const RESOURCE_TYPES = ['INTEGER', 'DOUBLE', 'LONG', 'STRINGSET'] as const;
const PORT = /^(0|[1-9][0-9]{0,4})$/;

/** Members the instance check copies itself (see copyMembers). */
const INSTANCE_CHECKED = new Set([
  'versionInfo',
  'remainingResources',
  'registeredResources',
  'attributes',
  'registeredAt',
]);
const RESOURCE_CHECKED = new Set(['stringSetValue']);
const NONE = new Set<string>();

/**
 * What the snapshot loader (src/cluster/load-snapshot.ts) asks of the instance check besides
 * the copy: the instance as its cluster model reads it (InstanceReading), read in the same
 * pass, so the model never walks the record again. One per cluster, reused for each instance:
 * `reading` describes the instance checked last.
 */
export class InstanceLoad {
  readonly reading: InstanceReading;
  /**
   * The last RECENT_VALUES value texts met at each position of an attribute list: an
   * instance's value equal to one of them is kept as that same string. Most attributes
   * (zone, instance type, operating system, capabilities) take a few values, listed at the
   * same position on every instance, so most equal values become one string, as the
   * model's attribute columns and the CQL memos like them (they recognise a value by
   * identity before hashing it); comparing texts costs less than hashing each instance's.
   */
  private readonly recent: string[] = [];
  private readonly nextRecent: number[] = [];
  /** The remaining and registered resource lists kept once (see ResourceLists). */
  readonly remainingLists = new ResourceLists(true);
  readonly registeredLists = new ResourceLists(false);
  constructor(
    /** The attribute shapes of the cluster's model (see AttributeMap). */
    private readonly shapes: Shape,
  ) {
    this.reading = {
      remaining: emptyFigures(),
      registered: undefined,
      registeredAt: undefined,
      attributes: new AttributeMap(shapes),
    };
  }

  /** Starts the reading of the next instance, whose remaining resources fill `remaining`. */
  reset(remaining: ResourceFigures): void {
    const reading = this.reading;
    reading.remaining = remaining;
    reading.registered = undefined;
    reading.registeredAt = undefined;
  }

  /** `text`, or an equal string met before at `position` of an attribute list. */
  shared(text: string, position: number): string {
    const recent = this.recent;
    const from = position * RECENT_VALUES;
    for (let k = from; k < from + RECENT_VALUES; k++) {
      const known = recent[k];
      if (known === undefined) break;
      if (known === text) return known;
    }
    const next = this.nextRecent[position] ?? 0;
    recent[from + next] = text;
    this.nextRecent[position] = (next + 1) % RECENT_VALUES;
    return text;
  }

  /** The empty shape of the model's attribute maps. */
  get root(): Shape {
    return this.shapes;
  }
}

/** How many value texts InstanceLoad remembers per attribute position. */
const RECENT_VALUES = 8;

/**
 * `associated`: the cluster's capacityProviders when it lists them (the instance's
 * capacityProviderName must be one). `level`: the instance object's nesting level.
 */
export function validateContainerInstance(
  value: unknown,
  path: string,
  level: number,
  associated: readonly string[] | undefined,
  /**
   * For a snapshot a Cluster keeps: the instance as the model reads it. The copy then keeps
   * no attribute list (its `attributes` member, when given, is undefined, in its place):
   * the model's attribute map holds them (see loadAttributes).
   */
  load?: InstanceLoad,
): ContainerInstance {
  const source = object(value, path);
  const arn = string(source, 'containerInstanceArn', path);
  if (!arn.startsWith('arn:')) {
    fail(`${path}.containerInstanceArn`, `expected a container-instance ARN, got ${show(arn)}`);
  }
  oneOf(source, 'status', path, INSTANCE_STATUSES, true);
  boolean(source, 'agentConnected', path);
  optionalString(source, 'ec2InstanceId', path);
  optionalString(source, 'capacityProviderName', path);
  optionalCount(source, 'runningTasksCount', path);
  optionalCount(source, 'pendingTasksCount', path);
  optionalCount(source, 'version', path);
  const copy = copyMembers({ ...source }, path, level, INSTANCE_CHECKED);

  const provider = source['capacityProviderName'];
  if (
    provider !== undefined &&
    associated !== undefined &&
    !isAssociated(provider as string, associated)
  ) {
    fail(
      `${path}.capacityProviderName`,
      `${show(provider)} is not one of the cluster's capacityProviders (${associated.join(', ') || 'none'})`,
    );
  }
  if (source['versionInfo'] !== undefined) {
    const infoPath = `${path}.versionInfo`;
    const info = object(source['versionInfo'], infoPath);
    optionalString(info, 'agentVersion', infoPath);
    copy['versionInfo'] = copyMembers({ ...info }, infoPath, level + 1, NONE);
  }
  if (source['remainingResources'] === undefined) {
    fail(
      `${path}.remainingResources`,
      'expected the list of remaining resources (CPU, MEMORY, ...), got nothing',
    );
  }
  const left = emptyFigures();
  load?.reset(left);
  const remaining = source['remainingResources'];
  const sharedRemaining = load?.remainingLists.find(remaining, left);
  if (sharedRemaining !== undefined) {
    copy['remainingResources'] = sharedRemaining;
  } else {
    const copies = resources(remaining, `${path}.remainingResources`, level + 1, left, !!load);
    copy['remainingResources'] = load?.remainingLists.remember(remaining, copies, left) ?? copies;
  }
  if (left.cpuAt < 0) fail(`${path}.remainingResources`, 'expected a CPU resource');
  if (left.memoryAt < 0) fail(`${path}.remainingResources`, 'expected a MEMORY resource');
  if (source['registeredResources'] !== undefined) {
    const registered = emptyFigures();
    const given = source['registeredResources'];
    const shared = load?.registeredLists.find(given, registered);
    if (shared !== undefined) {
      copy['registeredResources'] = shared;
    } else {
      const copies = resources(given, `${path}.registeredResources`, level + 1, registered, false);
      copy['registeredResources'] =
        load?.registeredLists.remember(given, copies, registered) ?? copies;
    }
    notAboveRegistered(left, registered, path);
    if (load) load.reading.registered = registered;
  }
  if (load !== undefined) {
    if (source['attributes'] !== undefined) {
      loadAttributes(source['attributes'], path, level + 1, load);
      copy['attributes'] = undefined;
    } else {
      load.reading.attributes = new AttributeMap(load.root);
    }
  } else if (source['attributes'] !== undefined) {
    copy['attributes'] = attributes(source['attributes'], path, level + 1);
  }
  if (source['registeredAt'] !== undefined) {
    const iso = timestamp(source['registeredAt'], `${path}.registeredAt`);
    copy['registeredAt'] = iso;
    if (load) load.reading.registeredAt = epochMillisOfNormalised(source['registeredAt'], iso);
  }
  return copy as unknown as ContainerInstance;
}

/**
 * An instance never has more left than it registered: remaining CPU and MEMORY above the
 * registered figures would let placement hand out capacity the instance does not have.
 */
function notAboveRegistered(left: Figures, registered: Figures, path: string): void {
  const over = (name: string, at: number, amount: number, total: number) =>
    fail(
      `${path}.remainingResources[${at}]`,
      `remaining ${name} ${amount} is more than the registered ${total}`,
    );
  if (registered.cpuAt >= 0 && left.cpu > registered.cpu)
    over('CPU', left.cpuAt, left.cpu, registered.cpu);
  if (registered.memoryAt >= 0 && left.memory > registered.memory)
    over('MEMORY', left.memoryAt, left.memory, registered.memory);
}

/**
 * What a resource list says as the model reads it (readResources: CPU and MEMORY, and the
 * port and GPU sets when they are read), and where CPU and MEMORY are (-1: absent).
 */
interface Figures extends ResourceFigures {
  cpuAt: number;
  memoryAt: number;
}

function emptyFigures(): Figures {
  return {
    cpu: 0,
    memory: 0,
    hasCpu: false,
    hasMemory: false,
    tcp: NO_PORTS,
    udp: NO_PORTS,
    gpus: NO_GPUS,
    cpuAt: -1,
    memoryAt: -1,
  };
}

/**
 * Checks and copies a resource list, filling `figures` (with `withSets`, its ports and
 * GPUs too, as readResources reads them: every entry is checked, so each names a port).
 */
function resources(
  value: unknown,
  path: string,
  level: number,
  figures: Figures,
  withSets: boolean,
): Resource[] {
  const items = list(value, path);
  const copies = new Array<Resource>(items.length);
  const names = new Set<string>();
  // Paths are built only for a problem: a large snapshot has hundreds of thousands of these.
  for (let i = 0; i < items.length; i++) {
    let source = items[i] as Json;
    if (!plainResource(source, names)) {
      const itemPath = `${path}[${i}]`;
      source = object(items[i], itemPath);
      const name = string(source, 'name', itemPath);
      if (names.has(name)) fail(`${itemPath}.name`, `duplicate resource ${show(name)}`);
      oneOf(source, 'type', itemPath, RESOURCE_TYPES, false);
      optionalNumber(source, 'doubleValue', itemPath);
      optionalCount(source, 'longValue', itemPath, Number.MIN_SAFE_INTEGER);
      optionalCount(source, 'integerValue', itemPath, Number.MIN_SAFE_INTEGER);
    }
    const name = source['name'] as string;
    names.add(name);
    const type = source['type'];
    const copy = copyMembers({ ...source }, path, level + 1, RESOURCE_CHECKED, i);
    if (source['stringSetValue'] !== undefined) {
      const set = stringSet(source['stringSetValue'], path, i);
      if (name === 'PORTS' || name === 'PORTS_UDP') {
        const ports = withSets && set.length > 0 ? new Set<number>() : undefined;
        for (let p = 0; p < set.length; p++) {
          const port = set[p]!;
          const number = Number(port);
          if (!PORT.test(port) || number > 65535) {
            fail(
              `${path}[${i}].stringSetValue[${p}]`,
              `expected a port number 0..65535, got ${show(port)}`,
            );
          }
          ports?.add(number);
        }
        if (ports !== undefined) {
          if (name === 'PORTS') figures.tcp = ports;
          else figures.udp = ports;
        }
      } else if (name === 'GPU') {
        // Free GPU ids are handed out one task each: an id listed twice would go to two tasks.
        const seen = new Set<string>();
        set.forEach((id, g) => {
          if (seen.has(id)) {
            fail(`${path}[${i}].stringSetValue[${g}]`, `duplicate GPU id ${show(id)}`);
          }
          seen.add(id);
        });
        if (withSets && set.length > 0) figures.gpus = set.slice();
      }
      copy['stringSetValue'] = set;
    } else if (type === 'STRINGSET') {
      copy['stringSetValue'] = [];
    }
    if (name === 'CPU') {
      figures.cpu = cpuOrMemory(source, name, path, i);
      figures.cpuAt = i;
      figures.hasCpu = true;
    } else if (name === 'MEMORY') {
      figures.memory = cpuOrMemory(source, name, path, i);
      figures.memoryAt = i;
      figures.hasMemory = true;
    }
    copies[i] = copy as unknown as Resource;
  }
  return copies;
}

/** A checked resource list kept once, with what it said (see ResourceLists). */
interface SharedList {
  /** The frozen copy every instance listing the same keeps. */
  copies: readonly Resource[];
  /** The own members of each listed resource as given, in order. */
  keys: readonly (readonly string[])[];
  /** What the list said (ports and GPUs as the first instance's, never handed out). */
  figures: Figures;
}

/** How many different lists are kept per first figure before the rest are copied as usual. */
const LISTS_PER_FIGURE = 8;

/**
 * The resource lists of one load, each kept once: the instances of one type list the same
 * registered resources, idle ones the same remaining resources. A list equal, member for
 * member and in the same order, to one checked before passes every check the same way
 * with the same figures: it is not checked again, and the instance keeps the first one's
 * copy, frozen (nothing writes to an instance's resource lists: the model writes fresh
 * ones out). Only lists of plain resources (the members DescribeContainerInstances writes,
 * SHARED_MEMBERS) are kept once; any other list is checked and copied on its own.
 */
export class ResourceLists {
  private readonly byFirstFigure = new Map<number, SharedList[]>();

  /** `withSets`: the lists' port and GPU sets are read (remaining resources). */
  constructor(private readonly withSets: boolean) {}

  /** The kept copy of a list equal to `value`, with its figures written to `figures`. */
  find(value: unknown, figures: Figures): readonly Resource[] | undefined {
    const key = firstFigure(value);
    if (key === undefined) return undefined;
    const candidates = this.byFirstFigure.get(key);
    if (candidates === undefined) return undefined;
    for (const shared of candidates) {
      if (!sameList(shared, value as unknown[])) continue;
      copyFigures(shared.figures, figures, this.withSets);
      return shared.copies;
    }
    return undefined;
  }

  /**
   * After `value` was checked into `copies` (and `figures`): keeps the copies, frozen, for
   * the lists equal to it, and returns them; leaves them as they are (and returns
   * undefined) when the list cannot be kept once.
   */
  remember(value: unknown, copies: Resource[], figures: Figures): readonly Resource[] | undefined {
    const key = firstFigure(value);
    if (key === undefined) return undefined;
    const keys = keysOfPlainList(value as unknown[]);
    if (keys === undefined) return undefined;
    let candidates = this.byFirstFigure.get(key);
    if (candidates === undefined) {
      candidates = [];
      this.byFirstFigure.set(key, candidates);
    }
    if (candidates.length >= LISTS_PER_FIGURE) return undefined;
    for (const copy of copies) {
      if (copy.stringSetValue !== undefined) Object.freeze(copy.stringSetValue);
      Object.freeze(copy);
    }
    const kept = Object.freeze(copies);
    const own = emptyFigures();
    copyFigures(figures, own, this.withSets);
    candidates.push({ copies: kept, keys, figures: own });
    return kept;
  }
}

/** The numeric figure of a list's first resource: the key its equals are found by. */
function firstFigure(value: unknown): number | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const first = value[0] as Json | null;
  if (first === null || typeof first !== 'object') return undefined;
  const figure = first['integerValue'] ?? first['longValue'] ?? first['doubleValue'] ?? 0;
  return typeof figure === 'number' ? figure : undefined;
}

/** The members a resource kept once may have (the ones DescribeContainerInstances writes). */
const SHARED_MEMBERS = new Set([
  'name',
  'type',
  'doubleValue',
  'longValue',
  'integerValue',
  'stringSetValue',
]);

/** Each item's own members in order, when every item can be kept once; else undefined. */
function keysOfPlainList(items: readonly unknown[]): string[][] | undefined {
  const keys = new Array<string[]>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Json;
    if (Object.getPrototypeOf(item) !== Object.prototype) return undefined;
    const own: string[] = [];
    for (const key in item) {
      if (!SHARED_MEMBERS.has(key) || !Object.hasOwn(item, key)) return undefined;
      own.push(key);
    }
    keys[i] = own;
  }
  return keys;
}

/**
 * Whether `items` holds, member for member and in order, what the kept list was made of.
 * The members are read by name, not by a computed key: this runs for every instance.
 */
function sameList(shared: SharedList, items: readonly unknown[]): boolean {
  const copies = shared.copies;
  if (items.length !== copies.length) return false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Resource | null;
    if (item === null || typeof item !== 'object') return false;
    if (Object.getPrototypeOf(item) !== Object.prototype) return false;
    const copy = copies[i]!;
    if (
      item.name !== copy.name ||
      item.type !== copy.type ||
      !Object.is(item.integerValue, copy.integerValue) ||
      !Object.is(item.longValue, copy.longValue) ||
      !Object.is(item.doubleValue, copy.doubleValue)
    ) {
      return false;
    }
    const set = item.stringSetValue;
    if (set !== undefined && !sameStrings(copy.stringSetValue!, set)) return false;
    // The same members, in the same order (which also rules out any other member).
    const keys = shared.keys[i]!;
    let n = 0;
    for (const key in item) if (keys[n++] !== key) return false;
    if (n !== keys.length) return false;
  }
  return true;
}

function sameStrings(kept: readonly string[], value: unknown): boolean {
  if (!Array.isArray(value) || value.length !== kept.length) return false;
  for (let i = 0; i < kept.length; i++) if (value[i] !== kept[i]) return false;
  return true;
}

/** `from`'s figures into `to`, with sets of its own (the model changes an instance's sets). */
function copyFigures(from: Figures, to: Figures, withSets: boolean): void {
  to.cpu = from.cpu;
  to.memory = from.memory;
  to.hasCpu = from.hasCpu;
  to.hasMemory = from.hasMemory;
  to.cpuAt = from.cpuAt;
  to.memoryAt = from.memoryAt;
  if (!withSets) return;
  to.tcp = from.tcp === NO_PORTS ? NO_PORTS : new Set(from.tcp);
  to.udp = from.udp === NO_PORTS ? NO_PORTS : new Set(from.udp);
  to.gpus = from.gpus === NO_GPUS ? NO_GPUS : from.gpus.slice();
}

/**
 * Whether a resource passes every check of its own members (object, a new non-empty name,
 * type, numbers) as the checks in `resources` would: then they are skipped, with their paths.
 */
function plainResource(source: Json, names: ReadonlySet<string>): boolean {
  if (source === null || typeof source !== 'object' || Array.isArray(source)) return false;
  const name = source['name'];
  if (typeof name !== 'string' || name === '' || names.has(name)) return false;
  const type = source['type'];
  if (type !== undefined && !RESOURCE_TYPES.includes(type as never)) return false;
  const double = source['doubleValue'];
  if (double !== undefined && (typeof double !== 'number' || !Number.isFinite(double))) {
    return false;
  }
  const long = source['longValue'];
  if (long !== undefined && !Number.isSafeInteger(long)) return false;
  const integer = source['integerValue'];
  return integer === undefined || Number.isSafeInteger(integer);
}

/** A resource's stringSetValue, copied (stringList, the path built only for a problem). */
function stringSet(value: unknown, path: string, index: number): string[] {
  if (Array.isArray(value)) {
    let strings = true;
    for (let s = 0; s < value.length && strings; s++) strings = typeof value[s] === 'string';
    if (strings) return value.slice() as string[];
  }
  return stringList(value, `${path}[${index}].stringSetValue`);
}

/**
 * CPU units and MiB are whole, non-negative figures (ECS reports them as INTEGER). Returns
 * the figure as the model reads it (numericResource).
 */
function cpuOrMemory(source: Json, name: string, list: string, index: number): number {
  let given = false;
  for (const key of AMOUNT_KEYS) {
    const amount = source[key];
    if (amount === undefined) continue;
    given = true;
    if (!Number.isSafeInteger(amount) || (amount as number) < 0) {
      fail(
        `${list}[${index}].${key}`,
        `expected a whole number >= 0 of ${name === 'CPU' ? 'CPU units' : 'MiB'}, got ${show(amount)}`,
      );
    }
  }
  if (!given) {
    fail(`${list}[${index}]`, `resource ${name} has no integerValue, longValue or doubleValue`);
  }
  // As numericResource reads it.
  return (
    (source['integerValue'] as number | undefined) ||
    (source['longValue'] as number | undefined) ||
    (source['doubleValue'] as number | undefined) ||
    0
  );
}

const AMOUNT_KEYS = ['integerValue', 'longValue', 'doubleValue'] as const;

/** `owner`: the path of the object holding the list (the list is its `.attributes`). */
export function attributes(
  value: unknown,
  owner: string,
  level: number,
  member = 'attributes',
): Attribute[] {
  const items = Array.isArray(value) ? value : list(value, `${owner}.${member}`);
  const copied = new Array<Attribute>(items.length);
  const names = new Set<string>();
  // The hottest loop of a large snapshot (dozens per instance): paths are built only on failure.
  for (let i = 0; i < items.length; i++) {
    const source = items[i] as Json;
    if (source === null || typeof source !== 'object' || Array.isArray(source)) {
      object(source, `${owner}.${member}[${i}]`);
    }
    const name = source['name'];
    if (typeof name !== 'string' || name === '' || names.has(name)) {
      const itemPath = `${owner}.${member}[${i}]`;
      string(source, 'name', itemPath);
      fail(`${itemPath}.name`, `duplicate attribute ${show(name)}`);
    }
    names.add(name);
    const attributeValue = source['value'];
    if (attributeValue !== undefined && typeof attributeValue !== 'string') {
      optionalString(source, 'value', `${owner}.${member}[${i}]`);
    }
    copied[i] = copyMembers(
      { ...source },
      `${owner}.${member}`,
      level + 1,
      NONE,
      i,
    ) as unknown as Attribute;
  }
  return copied;
}

/**
 * `attributes` for an instance a Cluster keeps: the same checks and messages, in the same
 * order, but the list is read into the model's attribute map (`load.reading.attributes`, as
 * AttributeMap.of would read the checked copy, equal values as one string) instead of
 * being copied. The map's shape is
 * the set of names seen so far, so it also finds a name listed twice. Members of an
 * attribute other than `name` and `value` (ECS's targetType and targetId) are checked as
 * JSON data, as in the copy, though the map (like the snapshot the Cluster writes) keeps
 * only the name and value.
 */
function loadAttributes(value: unknown, owner: string, level: number, load: InstanceLoad): void {
  const items = Array.isArray(value) ? value : list(value, `${owner}.attributes`);
  const values = new Array<string | null>(items.length);
  let shape = load.root;
  for (let i = 0; i < items.length; i++) {
    const source = items[i] as Json;
    if (source === null || typeof source !== 'object' || Array.isArray(source)) {
      object(source, `${owner}.attributes[${i}]`);
    }
    const name = source['name'];
    if (typeof name !== 'string' || name === '') {
      string(source, 'name', `${owner}.attributes[${i}]`);
    }
    // A remembered step adds a name the shape does not hold; otherwise look the name up.
    let next = shape.step(name as string);
    if (next === undefined) {
      if (shape.slot(name as string) !== undefined) {
        fail(`${owner}.attributes[${i}].name`, `duplicate attribute ${show(name)}`);
      }
      next = shape.with(name as string);
    }
    shape = next;
    const attributeValue = source['value'];
    if (attributeValue !== undefined && typeof attributeValue !== 'string') {
      optionalString(source, 'value', `${owner}.attributes[${i}]`);
    }
    if (!nameAndValueOnly(source)) {
      copyMembers({ ...source }, `${owner}.attributes`, level + 1, NONE, i);
    }
    values[i] = attributeValue === undefined ? null : load.shared(attributeValue as string, i);
  }
  load.reading.attributes = AttributeMap.withShape(load.root, shape, values);
}

/** Whether an attribute has no members but `name` and `value` (nothing else to check). */
function nameAndValueOnly(source: Json): boolean {
  for (const key in source) if (key !== 'name' && key !== 'value') return false;
  return true;
}
