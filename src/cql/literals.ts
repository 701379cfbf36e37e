/**
 * Typed literals: dotted versions (agentVersion), timestamps and dates (registeredAt),
 * integers (runningTasksCount), booleans (agentConnected) and decimal numbers (the numeric
 * reading of attribute values). Each parser returns `undefined` for text it rejects.
 */

const VERSION = /^\d+(?:\.\d+)*$/;

/** `1.14.5` -> [1, 14, 5]. */
export function parseVersion(text: string): readonly number[] | undefined {
  if (!VERSION.test(text)) return undefined;
  return text.split('.').map(Number);
}

/** Part-by-part numeric order; missing parts count as 0 (`1.9` equals `1.9.0`). */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * A registeredAt literal as the half-open interval of instants it denotes, in epoch ms:
 * a timestamp is a single instant (`end = start + 1`), a date-only literal the whole UTC day.
 */
export interface TimeLiteral {
  readonly start: number;
  readonly end: number;
  readonly dateOnly: boolean;
}

const TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?)?$/;
const DAY_MS = 86_400_000;

function utc(year: number, month: number, day: number): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

export function parseTimeLiteral(text: string): TimeLiteral | undefined {
  const m = TIME.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const midnight = utc(year, month, day);
  if (new Date(midnight).getUTCDate() !== day) return undefined; // e.g. 2019-02-29
  if (m[4] === undefined) return { start: midnight, end: midnight + DAY_MS, dateOnly: true };
  const hours = Number(m[4]);
  const minutes = Number(m[5]);
  const seconds = Number(m[6]);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  // Up to nine fractional digits (describe-container-instances prints six); digits past the
  // millisecond are dropped, exactly as Date.parse drops them when a snapshot is read.
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneHours > 23 || zoneMinutes > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  const instant =
    midnight + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis - offsetMinutes * 60_000;
  return { start: instant, end: instant + 1, dateOnly: false };
}

const INTEGER = /^-?\d+$/;

export function parseInteger(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function parseBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A plain decimal number (no hex, no blanks, no `Infinity`), else `undefined`. */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Order of two attribute values: numeric when both are finite decimal numbers, otherwise by
 * UTF-16 code units. `literalNumber` is the literal's numeric reading, computed once.
 */
export function compareAttributeValues(
  value: string,
  literal: string,
  literalNumber: number | undefined,
): number {
  if (literalNumber !== undefined) {
    const valueNumber = parseDecimal(value);
    if (valueNumber !== undefined) {
      return valueNumber < literalNumber ? -1 : valueNumber > literalNumber ? 1 : 0;
    }
  }
  return value < literal ? -1 : value > literal ? 1 : 0;
}
