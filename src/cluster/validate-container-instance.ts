/**
 * One container instance of a snapshot (DescribeContainerInstances shape): checked, with
 * its resources and attributes, and returned as a fresh copy (see validate-snapshot.ts).
 */
import type { Attribute, ContainerInstance, Resource } from '../kernel/ecs-types.js';
import { isAssociated } from './capacity-provider-association.js';
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
 * `associated`: the cluster's capacityProviders when it lists them (the instance's
 * capacityProviderName must be one). `level`: the instance object's nesting level.
 */
export function validateContainerInstance(
  value: unknown,
  path: string,
  level: number,
  associated: readonly string[] | undefined,
  /** Shares equal attribute copies between the instances of one snapshot (AttributeCopies). */
  copies?: AttributeCopies,
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
  const left = new Figures();
  copy['remainingResources'] = resources(
    source['remainingResources'],
    `${path}.remainingResources`,
    level + 1,
    left,
  );
  if (left.cpuAt < 0) fail(`${path}.remainingResources`, 'expected a CPU resource');
  if (left.memoryAt < 0) fail(`${path}.remainingResources`, 'expected a MEMORY resource');
  if (source['registeredResources'] !== undefined) {
    const registered = new Figures();
    copy['registeredResources'] = resources(
      source['registeredResources'],
      `${path}.registeredResources`,
      level + 1,
      registered,
    );
    notAboveRegistered(left, registered, path);
  }
  if (source['attributes'] !== undefined) {
    copy['attributes'] = attributes(source['attributes'], path, level + 1, copies);
  }
  if (source['registeredAt'] !== undefined) {
    copy['registeredAt'] = timestamp(source['registeredAt'], `${path}.registeredAt`);
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

/** The CPU and MEMORY figures of a resource list and where they are (-1: absent). */
class Figures {
  cpu = 0;
  cpuAt = -1;
  memory = 0;
  memoryAt = -1;
}

function resources(value: unknown, path: string, level: number, figures: Figures): Resource[] {
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
        for (let p = 0; p < set.length; p++) {
          const port = set[p]!;
          if (!PORT.test(port) || Number(port) > 65535) {
            fail(
              `${path}[${i}].stringSetValue[${p}]`,
              `expected a port number 0..65535, got ${show(port)}`,
            );
          }
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
      }
      copy['stringSetValue'] = set;
    } else if (type === 'STRINGSET') {
      copy['stringSetValue'] = [];
    }
    if (name === 'CPU') {
      figures.cpu = cpuOrMemory(source, name, path, i);
      figures.cpuAt = i;
    } else if (name === 'MEMORY') {
      figures.memory = cpuOrMemory(source, name, path, i);
      figures.memoryAt = i;
    }
    copies[i] = copy as unknown as Resource;
  }
  return copies;
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

/**
 * Copies of plain attributes (`name`, and a text `value` or none) shared between the
 * instances of one snapshot: most attributes (the instance type, the zone, every capability)
 * repeat on thousands of instances, and one frozen copy each instead of one per instance is
 * most of an instance's share of the validated snapshot. The copies are the validator's
 * own (never the caller's objects) and nothing writes to them: the cluster model keeps an
 * instance's attributes in its own map and writes fresh objects out.
 */
export class AttributeCopies {
  private readonly named = new Map<string, Attribute>();
  private readonly valued = new Map<string, Map<string, Attribute>>();

  /** The shared copy of `{ name }` or `{ name, value }`. */
  get(name: string, value: string | undefined): Attribute {
    if (value === undefined) {
      let copy = this.named.get(name);
      if (copy === undefined) {
        copy = Object.freeze({ name });
        this.named.set(name, copy);
      }
      return copy;
    }
    let values = this.valued.get(name);
    if (values === undefined) {
      values = new Map();
      this.valued.set(name, values);
    }
    let copy = values.get(value);
    if (copy === undefined) {
      copy = Object.freeze({ name, value });
      values.set(value, copy);
    }
    return copy;
  }
}

/** `{ name }` or `{ name, value }` and nothing else (those copies may be shared). */
function plainAttribute(source: Json): boolean {
  let members = 0;
  for (const key in source) {
    if (key !== 'name' && key !== 'value') return false;
    members++;
  }
  return members === 1 || source['value'] !== undefined;
}

/** `owner`: the path of the object holding the list (the list is its `.attributes`). */
export function attributes(
  value: unknown,
  owner: string,
  level: number,
  copies?: AttributeCopies,
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
    copied[i] =
      copies !== undefined && plainAttribute(source)
        ? copies.get(name, attributeValue as string | undefined)
        : (copyMembers(
            { ...source },
            `${owner}.${member}`,
            level + 1,
            NONE,
            i,
          ) as unknown as Attribute);
  }
  return copied;
}
