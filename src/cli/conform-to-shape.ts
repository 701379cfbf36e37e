/**
 * Turns a parsed parameter into the typed request value its shape (src/kernel/shape.ts)
 * describes, or explains precisely why it cannot, in the AWS CLI's words. Shorthand values
 * are text, so they are converted ("256" -> 256, a lone value -> a one-item list); JSON
 * values already carry types, so they are only checked, as botocore does. Enumerations are
 * not enforced here: the service checks them (an InvalidParameterException, as from AWS).
 */
import { readShape, type Shape, type ShapeReader } from '../kernel/shape.js';
import { UsageError } from './usage-error.js';
import { previewValue } from './value-preview.js';

export type ValueSource = 'shorthand' | 'json';

export function conformToShape(
  value: unknown,
  shape: Shape,
  path: string,
  source: ValueSource,
): unknown {
  return readShape(value, shape, path, source === 'shorthand' ? shorthandReader : jsonReader);
}

const jsonReader: ShapeReader = {
  scalar(value, shape, where) {
    switch (shape.kind) {
      case 'string':
        return typeof value === 'string' ? value : invalidType(value, where, 'string');
      case 'integer':
        if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
        return invalidType(value, where, 'integer');
      case 'boolean':
        return typeof value === 'boolean' ? value : invalidType(value, where, 'boolean');
    }
  },
  notList: (value, where) => invalidType(value, where, 'list'),
  notStructure: (value, where) => invalidType(value, where, 'structure'),
  unknownMember(where, name, known) {
    throw new UsageError(
      `Unknown parameter in ${where}: "${name}", must be one of: ${known.join(', ')}`,
    );
  },
  missingMember(where, name) {
    throw new UsageError(`Missing required parameter in ${where}: "${name}"`);
  },
};

const shorthandReader: ShapeReader = {
  ...jsonReader,
  scalar(value, shape, where) {
    if (shape.kind === 'string' && Array.isArray(value)) {
      throw new UsageError(
        `Invalid value for parameter ${where}: expected a single value, got the list ${previewValue(value)} (quote a value that contains commas; is an '=' missing?)`,
      );
    }
    if (typeof value !== 'string') return jsonReader.scalar(value, shape, where);
    switch (shape.kind) {
      case 'string':
        return value;
      case 'integer':
        return shorthandInteger(value, where);
      case 'boolean': {
        const lower = value.toLowerCase();
        if (lower === 'true' || lower === 'false') return lower === 'true';
        throw new UsageError(
          `Invalid value for parameter ${where}: expected true or false, got "${value}"`,
        );
      }
    }
  },
  // Shorthand writes a one-item list as its item: `subnets=subnet-1`.
  notList: (value) => [value],
};

// Strict: ASCII digits and an optional sign, nothing else (no spaces, `_` or other
// scripts' digits, which the AWS CLI's Python int() would take).
const INTEGER_TEXT = /^[+-]?[0-9]+$/;

function shorthandInteger(value: string, where: string): number {
  if (INTEGER_TEXT.test(value)) {
    const parsed = Number(value);
    if (Number.isSafeInteger(parsed)) return parsed;
  }
  throw new UsageError(`Invalid value for parameter ${where}: expected an integer, got "${value}"`);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'structure';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'float';
  return typeof value === 'number' ? 'integer' : typeof value;
}

function invalidType(value: unknown, where: string, expected: string): never {
  throw new UsageError(
    `Invalid type for parameter ${where}, value: ${previewValue(value)}, type: ${describeType(value)}, valid types: ${expected}`,
  );
}
