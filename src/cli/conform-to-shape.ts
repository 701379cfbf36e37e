/**
 * Turns a parsed parameter into the typed request value its shape describes, or explains
 * precisely why it cannot. Shorthand values are text, so they are coerced ("256" -> 256);
 * JSON values already carry types, so they are only checked, as botocore does.
 */
import type { Shape, StructureShape } from './shape.js';
import { previewValue } from './value-preview.js';
import { UsageError } from './usage-error.js';

export type ValueSource = 'shorthand' | 'json';

export function conformToShape(
  value: unknown,
  shape: Shape,
  path: string,
  source: ValueSource,
): unknown {
  switch (shape.kind) {
    case 'string':
      if (typeof value === 'string') return value;
      if (source === 'shorthand' && Array.isArray(value)) {
        throw new UsageError(
          `Invalid value for parameter ${path}: expected a single value, got the list ${previewValue(value)} (quote a value that contains commas; is an '=' missing?)`,
        );
      }
      return invalidType(value, path, 'string');
    case 'integer':
      return conformInteger(value, path, source);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (source === 'shorthand' && typeof value === 'string') {
        const lower = value.toLowerCase();
        if (lower === 'true' || lower === 'false') return lower === 'true';
        throw new UsageError(
          `Invalid value for parameter ${path}: expected true or false, got "${value}"`,
        );
      }
      return invalidType(value, path, 'boolean');
    case 'list':
      if (Array.isArray(value)) {
        return value.map((item, i) => conformToShape(item, shape.member, `${path}[${i}]`, source));
      }
      // Shorthand writes a one-item list as its item: `subnets=subnet-1`.
      if (source === 'shorthand')
        return [conformToShape(value, shape.member, `${path}[0]`, source)];
      return invalidType(value, path, 'list');
    case 'structure':
      return conformStructure(value, shape, path, source);
  }
}

function conformInteger(value: unknown, path: string, source: ValueSource): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (source === 'shorthand' && typeof value === 'string') {
    // Strict: ASCII digits and an optional sign, nothing else (no spaces, `_` or other
    // scripts' digits, which the AWS CLI's Python int() would take).
    if (INTEGER_TEXT.test(value)) {
      const parsed = Number(value);
      if (Number.isSafeInteger(parsed)) return parsed;
    }
    throw new UsageError(
      `Invalid value for parameter ${path}: expected an integer, got "${value}"`,
    );
  }
  return invalidType(value, path, 'integer');
}

const INTEGER_TEXT = /^[+-]?[0-9]+$/;

function conformStructure(
  value: unknown,
  shape: StructureShape,
  path: string,
  source: ValueSource,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalidType(value, path, 'structure');
  }
  const result: Record<string, unknown> = {};
  const known = Object.keys(shape.members);
  // The request itself is the root: its members are named bare, like botocore does.
  const where = path === '' ? 'input' : path;
  for (const [key, member] of Object.entries(value)) {
    // Own members only: `__proto__` or `toString` must not find Object.prototype's.
    const memberShape = Object.hasOwn(shape.members, key) ? shape.members[key] : undefined;
    if (!memberShape) {
      throw new UsageError(
        `Unknown parameter in ${where}: "${key}", must be one of: ${known.join(', ')}`,
      );
    }
    result[key] = conformToShape(member, memberShape, path === '' ? key : `${path}.${key}`, source);
  }
  for (const key of shape.required ?? []) {
    if (!(key in result)) throw new UsageError(`Missing required parameter in ${where}: "${key}"`);
  }
  return result;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'structure';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'float';
  return typeof value === 'number' ? 'integer' : typeof value;
}

function invalidType(value: unknown, path: string, expected: string): never {
  throw new UsageError(
    `Invalid type for parameter ${path}, value: ${previewValue(value)}, type: ${describeType(value)}, valid types: ${expected}`,
  );
}
