/**
 * Timestamps on the way out. The library keeps them as ISO strings (as snapshots hold them);
 * the ECS JSON protocol sends epoch seconds, and the AWS SDK hands callers Date objects. The
 * members are the timestamp members of the ECS shapes these operations return.
 */
const TIMESTAMP_MEMBERS = new Set([
  'createdAt',
  'startedAt',
  'stoppedAt',
  'stoppingAt',
  'pullStartedAt',
  'pullStoppedAt',
  'executionStoppedAt',
  'connectivityAt',
  'registeredAt',
  'deregisteredAt',
  'updatedAt',
  'lastUpdated',
  'lastStatusChange',
  'lastStartedAt',
]);

/** A copy of `value` with each ISO timestamp member converted by `convert`. */
export function mapTimestamps(value: unknown, convert: (iso: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapTimestamps(v, convert));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    copy[key] =
      TIMESTAMP_MEMBERS.has(key) && typeof member === 'string'
        ? convert(member)
        : mapTimestamps(member, convert);
  }
  return copy;
}

/** Epoch seconds, as the JSON protocol writes a timestamp. */
export const toEpochSeconds = (iso: string): number => Date.parse(iso) / 1000;
/** A Date, as the AWS SDK returns a timestamp. */
export const toDate = (iso: string): Date => new Date(iso);
