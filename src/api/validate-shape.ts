/**
 * A tiny description language for the shape of an API request, and a walker that checks an
 * untyped value against it. Hand-written (no JSON-schema library) because the request is
 * small and the messages must name the parameter path, the value and the rule.
 */
import { InvalidParameterException } from '../kernel/errors.js';

export type Shape =
  | { kind: 'string' }
  | { kind: 'integer' }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; of: Shape }
  | { kind: 'structure'; members: Readonly<Record<string, Shape>>; required?: readonly string[] };

export const str: Shape = { kind: 'string' };
export const int: Shape = { kind: 'integer' };
export const bool: Shape = { kind: 'boolean' };
export const oneOf = (...values: string[]): Shape => ({ kind: 'enum', values });
export const listOf = (of: Shape): Shape => ({ kind: 'list', of });
export const structure = (
  members: Record<string, Shape>,
  required: readonly string[] = [],
): Shape => ({ kind: 'structure', members, required });

/** A short, readable rendering of an offending value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

function fail(path: string, value: unknown, rule: string): never {
  throw new InvalidParameterException(
    `Invalid type for parameter ${path}, value: ${describeValue(value)}, ${rule}.`,
  );
}

/**
 * Checks `value` against `shape` and returns a fresh copy built only from the known members,
 * so the caller's object is never aliased. A member whose value is `undefined` counts as
 * absent (the AWS SDK skips such members too); JSON never produces one.
 */
export function checkShape(value: unknown, shape: Shape, path: string): unknown {
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') fail(path, value, 'expected a string');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        fail(path, value, 'expected an integer');
      }
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, value, 'expected true or false');
      return value;
    case 'enum':
      if (typeof value !== 'string' || !shape.values.includes(value)) {
        fail(path, value, `expected one of ${shape.values.join(' | ')}`);
      }
      return value;
    case 'list': {
      if (!Array.isArray(value)) fail(path, value, 'expected a list');
      // Index by index, so a hole in a sparse list is checked (and refused) like undefined.
      const copy = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++)
        copy[i] = checkShape(value[i], shape.of, `${path}[${i}]`);
      return copy;
    }
    case 'structure':
      return checkStructure(value, shape, path);
  }
}

function checkStructure(
  value: unknown,
  shape: Extract<Shape, { kind: 'structure' }>,
  path: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, value, 'expected an object');
  }
  const known = Object.keys(shape.members);
  const copy: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) {
    if (member === undefined) continue;
    // Own members only: `toString` or `__proto__` must not find Object.prototype's. So an
    // unknown member is refused before anything below it is looked at, whatever its depth.
    const memberShape = Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
    if (memberShape === undefined) {
      throw new InvalidParameterException(
        `Unknown parameter in ${path}: "${name}", must be one of: ${known.join(', ')}.`,
      );
    }
    copy[name] = checkShape(member, memberShape, path === 'input' ? name : `${path}.${name}`);
  }
  for (const name of shape.required ?? []) {
    if (copy[name] === undefined) {
      throw new InvalidParameterException(`Missing required parameter in ${path}: "${name}".`);
    }
  }
  return copy;
}

/** The one message format of every rule check: parameter path, offending value, the rule. */
export function invalidParameter(
  path: string,
  value: unknown,
  rule: string,
): InvalidParameterException {
  const shown = value === undefined ? '(missing)' : describeValue(value);
  return new InvalidParameterException(`Invalid ${path} ${shown}: ${rule}.`);
}
