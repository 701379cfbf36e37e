/**
 * Copying the parts of a snapshot the validator does not know member by member (a task's
 * `attachments`, a container definition's `logConfiguration`, members ECS may add later):
 * they are kept, but as fresh copies, so the caller can change its own objects afterwards
 * without reaching into the cluster. The copy is also where the nesting limit holds, so no
 * input, however deep (or cyclic), can exhaust the stack.
 */
import { fail, show } from './snapshot-error.js';

/**
 * The deepest nesting of objects and lists a snapshot may hold, counting the root object
 * as level 1. Real DescribeContainerInstances / DescribeTasks data is under 12 levels deep.
 */
export const MAX_SNAPSHOT_DEPTH = 100;

export type Json = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `path.key`, or `path["odd key"]` when the key is not a plain name. */
export function memberPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A plain object: `{}` or JSON.parse output (of any realm), or one without a prototype. */
export function isPlainObject(value: unknown): value is Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

/** Sets a member even when it is called `__proto__` (plain assignment would set the prototype). */
export function setMember(target: Json, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

function itemPath(path: string, index: number | undefined): string {
  return index === undefined ? path : `${path}[${index}]`;
}

function tooDeep(path: string): never {
  fail(path, `nested more than ${MAX_SNAPSHOT_DEPTH} levels of objects and lists deep`);
}

/**
 * A fresh deep copy of JSON data found at `path`; `level` is the nesting level `value` has
 * when it is an object or a list. Refuses anything JSON cannot hold (functions, symbols,
 * bigints, class instances such as Date or Map) and anything nested too deep.
 */
export function copyData(value: unknown, path: string, level: number): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      fail(
        path,
        `expected JSON data (text, numbers, true/false, null, lists, objects), got ${show(value)}`,
      );
    }
    return value;
  }
  if (level > MAX_SNAPSHOT_DEPTH) tooDeep(path);
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyData(value[i], `${path}[${i}]`, level + 1);
    return copy;
  }
  if (!isPlainObject(value)) {
    const kind = (value as object).constructor?.name ?? 'object';
    fail(
      path,
      `expected JSON data (text, numbers, true/false, null, lists, objects), got a ${kind}`,
    );
  }
  const copy: Json = {};
  for (const key of Object.keys(value)) {
    setMember(copy, key, copyData(value[key], memberPath(path, key), level + 1));
  }
  return copy;
}

/**
 * Deep-copies, in place, the members of `copy` that hold objects or lists, except the
 * `checked` members: those keep the caller's value for the moment, in their place in the
 * member order, and the validator must overwrite each one present with its own checked
 * copy. `copy` is a fresh spread of the caller's object (`{ ...source }`), made by the
 * caller: a spread at each call site stays one fast copy per kind of object, where a
 * shared one would see every kind and fall back to a slower, larger copy.
 */
export function copyMembers(
  copy: Json,
  path: string,
  level: number,
  checked: ReadonlySet<string>,
  /** When given, the object is item `index` of the list at `path` (the path is built lazily). */
  index?: number,
): Json {
  if (level > MAX_SNAPSHOT_DEPTH) tooDeep(itemPath(path, index));
  for (const key in copy) {
    const value = copy[key];
    if (value === null) continue;
    const type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined') {
      continue;
    }
    if (checked.has(key) || !Object.hasOwn(copy, key)) continue;
    setMember(copy, key, copyData(value, memberPath(itemPath(path, index), key), level + 1));
  }
  return copy;
}
