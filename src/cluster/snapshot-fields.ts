/** Checks of single snapshot members; each throws a SnapshotError naming the member's path. */
import { parseCpuUnits, parseMemoryMiB } from './cpu-memory-units.js';
import { fail, show } from './snapshot-error.js';
import type { Json } from './snapshot-data.js';
import { normaliseTimestamp } from './timestamps.js';

/**
 * An object (its own members are what counts: they are copied, never the object itself;
 * the costlier plain-object test is kept for the members the validator does not know).
 */
export function object(value: unknown, path: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(path, `expected an object, got ${show(value)}`);
  }
  return value as Json;
}

export function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected a list, got ${show(value)}`);
  return value;
}

/** A list member that may be absent (-> []). */
export function optionalList(holder: Json, key: string, path: string): unknown[] {
  const value = holder[key];
  return value === undefined ? [] : list(value, `${path}.${key}`);
}

export function string(holder: Json, key: string, path: string): string {
  const value = holder[key];
  if (typeof value !== 'string' || value === '') {
    fail(`${path}.${key}`, `expected a non-empty string, got ${show(value)}`);
  }
  return value;
}

export function optionalString(holder: Json, key: string, path: string): void {
  const value = holder[key];
  if (value !== undefined && typeof value !== 'string') {
    fail(`${path}.${key}`, `expected a string, got ${show(value)}`);
  }
}

export function oneOf<T extends string>(
  holder: Json,
  key: string,
  path: string,
  values: readonly T[],
  required: boolean,
): T | undefined {
  const value = holder[key];
  if (value === undefined && !required) return undefined;
  if (!values.includes(value as T)) {
    fail(`${path}.${key}`, `expected one of ${values.join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

export function boolean(holder: Json, key: string, path: string): boolean {
  const value = holder[key];
  if (typeof value !== 'boolean')
    fail(`${path}.${key}`, `expected true or false, got ${show(value)}`);
  return value;
}

/** An optional whole number in `minimum..maximum` (a count, a port, a CPU figure). */
export function optionalCount(
  holder: Json,
  key: string,
  path: string,
  minimum = 0,
  maximum = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const value = holder[key];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < minimum ||
    value > maximum
  ) {
    const range = maximum === Number.MAX_SAFE_INTEGER ? `>= ${minimum}` : `${minimum}..${maximum}`;
    fail(`${path}.${key}`, `expected an integer ${range}, got ${show(value)}`);
  }
  return value;
}

export function optionalNumber(holder: Json, key: string, path: string): void {
  const value = holder[key];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    fail(`${path}.${key}`, `expected a number, got ${show(value)}`);
  }
}

/** A fresh copy of a list of strings. */
export function stringList(value: unknown, path: string): string[] {
  const items = list(value, path);
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== 'string')
      fail(`${path}[${i}]`, `expected a string, got ${show(items[i])}`);
  }
  return items.slice() as string[];
}

/** A timestamp -> its ISO string in UTC (see normaliseTimestamp). */
export function timestamp(value: unknown, path: string): string {
  const iso = normaliseTimestamp(value);
  if (iso === undefined) {
    fail(
      path,
      `expected an ISO 8601 date-time or epoch seconds (a real calendar date and clock time), got ${show(value)}`,
    );
  }
  return iso;
}

export function normaliseTimestamps(copy: Json, keys: readonly string[], path: string): void {
  for (const key of keys) {
    if (copy[key] !== undefined) copy[key] = timestamp(copy[key], `${path}.${key}`);
  }
}

const WHOLE_NUMBER = /^[0-9]+$/;

/** Text of a whole number (`"2"`), as GPU requirements hold it. */
export function wholeNumberText(value: string): boolean {
  return WHOLE_NUMBER.test(value) && Number.isSafeInteger(Number(value));
}

/**
 * Task-level `cpu` or `memory` (task definitions and tasks): CPU units or MiB as a number or
 * a numeric string, or the forms RegisterTaskDefinition converts (`"1 vCPU"`, `"2 GB"`), whole
 * and at least `minimum` once converted. Returns the figure.
 */
export function taskAmount(
  holder: Json,
  key: 'cpu' | 'memory',
  path: string,
  minimum: number,
): number | undefined {
  const value = holder[key];
  if (value === undefined) return undefined;
  const readable = typeof value === 'number' || typeof value === 'string';
  const amount = !readable
    ? undefined
    : key === 'cpu'
      ? parseCpuUnits(value)
      : parseMemoryMiB(value);
  if (amount === undefined || !Number.isSafeInteger(amount) || amount < minimum) {
    const forms =
      key === 'cpu'
        ? 'CPU units as 1024 or "1024", or vCPUs as "1 vCPU"'
        : 'MiB as 2048 or "2048", or GB as "2 GB"';
    const converted =
      amount !== undefined && readable && typeof value === 'string' && amount !== Number(value)
        ? ` (${amount} ${key === 'cpu' ? 'CPU units' : 'MiB'})`
        : '';
    fail(
      `${path}.${key}`,
      `expected a whole number >= ${minimum} of ${forms}, got ${show(value)}${converted}`,
    );
  }
  return amount;
}

/** A container figure of a task (DescribeTasks writes them as strings: `"512"`). */
export function optionalWholeAmount(holder: Json, key: string, path: string): void {
  const value = holder[key];
  if (value === undefined) return;
  const amount = typeof value === 'string' && WHOLE_NUMBER.test(value) ? Number(value) : value;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
    fail(`${path}.${key}`, `expected a whole number >= 0 (512 or "512"), got ${show(value)}`);
  }
}
