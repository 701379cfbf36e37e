/**
 * Timestamps on the way out. The library keeps them as ISO strings (as snapshots hold them);
 * the ECS JSON protocol sends epoch seconds, and the AWS SDK hands callers Date objects. The
 * members are the timestamp members of the ECS shapes these operations return.
 */
import { ECS_TIMESTAMPS } from '../kernel/timestamp-members.js';

/**
 * Converts each ISO timestamp member of `value` by `convert`, in place, and returns `value`.
 * Only for the library's outputs, which are fresh copies nobody else holds (in place: a
 * 10-task response is converted without copying it again).
 */
export function convertTimestamps<T>(value: T, convert: (iso: string) => unknown): T {
  if (Array.isArray(value)) {
    for (const item of value) convertTimestamps(item, convert);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const member = record[key];
      if (typeof member === 'string') {
        if (ECS_TIMESTAMPS.has(key)) record[key] = convert(member);
      } else if (typeof member === 'object' && member !== null) {
        convertTimestamps(member, convert);
      }
    }
  }
  return value;
}

/** Epoch seconds, as the JSON protocol writes a timestamp. */
export const toEpochSeconds = (iso: string): number => Date.parse(iso) / 1000;
/** A Date, as the AWS SDK returns a timestamp. */
export const toDate = (iso: string): Date => new Date(iso);
