/**
 * The API's reading of the request shape (src/kernel/shape.ts): values are checked, never
 * converted, and each problem is an InvalidParameterException naming the parameter path, the
 * value and the rule. Also the message format every later rule check shares.
 */
import { InvalidParameterException } from '../kernel/errors.js';
import { readShape, type Shape, type ShapeReader, type ValueOf } from '../kernel/shape.js';

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

function invalidType(where: string, value: unknown, rule: string): never {
  throw new InvalidParameterException(
    `Invalid type for parameter ${where}, value: ${describeValue(value)}, ${rule}.`,
  );
}

const checking: ShapeReader = {
  scalar(value, shape, where) {
    switch (shape.kind) {
      case 'string':
        if (shape.enum === undefined) {
          if (typeof value !== 'string') invalidType(where, value, 'expected a string');
        } else if (typeof value !== 'string' || !shape.enum.includes(value)) {
          invalidType(where, value, `expected one of ${shape.enum.join(' | ')}`);
        }
        return value;
      case 'integer':
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
          invalidType(where, value, 'expected an integer');
        }
        return value;
      case 'boolean':
        if (typeof value !== 'boolean') invalidType(where, value, 'expected true or false');
        return value;
    }
  },
  notList: (value, where) => invalidType(where, value, 'expected a list'),
  notStructure: (value, where) => invalidType(where, value, 'expected an object'),
  unknownMember(where, name, known) {
    throw new InvalidParameterException(
      `Unknown parameter in ${where}: "${name}", must be one of: ${known.join(', ')}.`,
    );
  },
  missingMember(where, name) {
    throw new InvalidParameterException(`Missing required parameter in ${where}: "${name}".`);
  },
};

/**
 * Checks the request `value` against `shape` and returns a fresh copy built only from the
 * known members (see readShape), typed by the shape.
 */
export function checkShape<S extends Shape>(value: unknown, shape: S): ValueOf<S> {
  return readShape(value, shape, '', checking) as ValueOf<S>;
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
