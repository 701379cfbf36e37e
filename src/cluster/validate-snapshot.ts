// PLACEHOLDER (being replaced by the snapshot-validation work): checks nothing yet.
import type { Snapshot } from './ecs-types.js';

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

/** Checks a parsed snapshot file and returns it typed, or throws SnapshotError. Never mutates. */
export function validateSnapshot(json: unknown): Snapshot {
  return json as Snapshot;
}
