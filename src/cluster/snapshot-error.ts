/** The one error a snapshot check throws: the JSON path of the problem and what was wrong. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    /** JSON path of the first problem, e.g. `$.clusters[0].containerInstances[3].status`. */
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export function fail(path: string, message: string): never {
  throw new SnapshotError(path, message);
}

/** A short rendering of an offending value for a message (never the whole of a big value). */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'bigint') return `the bigint ${value}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
