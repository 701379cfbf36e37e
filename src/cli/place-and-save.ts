/**
 * `run-task --save`: load, place, save, so that a printed response always means a recorded
 * placement. Saves are optimistic: the placement is computed without holding any lock, and
 * the save replaces the file only if nobody changed it since it was read (checked under a
 * lock, see save-atomic.ts). If someone did (another `--save` on the same file), the whole
 * cycle runs again on the new content, up to MAX_ATTEMPTS times; then the command fails.
 */
import { resolve } from 'node:path';
import { LockBusyError } from './file-lock.js';
import { ClusterStateError, loadClusterState } from './load-cluster-state.js';
import { type SaveOptions, saveAtomic } from './save-atomic.js';
import { checkSaveTarget, type SaveTargetHost } from './save-target.js';

/** Every retry means another save succeeded, so N concurrent savers need at most N attempts. */
export const MAX_ATTEMPTS = 20;

export interface Placement {
  /** Whether the placement changed the cluster (placed a task): only then is it saved. */
  changed: boolean;
  /** The state to save. */
  snapshot(): unknown;
}

export interface PlaceAndSaveOptions extends SaveOptions {
  targetHost?: SaveTargetHost;
}

/**
 * @param file   the `--cluster-state` argument, as given
 * @param place  computes a placement on a freshly loaded snapshot (may throw)
 */
export async function placeAndSave<P extends Placement>(
  file: string,
  cwd: string,
  place: (snapshot: unknown) => P,
  options: PlaceAndSaveOptions = {},
): Promise<P> {
  const path = resolve(cwd, file);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const target = await checkSaveTarget(path, file, options.targetHost);
    const { snapshot, identity } = loadClusterState(file, cwd);
    const placement = place(snapshot);
    // A run that placed nothing changed nothing: the file is not rewritten.
    if (!placement.changed) return placement;
    let outcome: 'saved' | 'changed';
    try {
      outcome = await saveAtomic(target, placement.snapshot(), identity, options);
    } catch (error) {
      const reason =
        error instanceof LockBusyError
          ? `${error.message} (if no ecs-placement is running, remove that directory)`
          : error instanceof Error
            ? error.message
            : String(error);
      throw new ClusterStateError(
        `could not save the cluster state to ${file} (left unchanged, nothing was placed): ${reason}`,
      );
    }
    if (outcome === 'saved') return placement;
  }
  throw new ClusterStateError(
    `could not save the cluster state to ${file}: it was changed by other programs ${MAX_ATTEMPTS} times while tasks were being placed on it; nothing was placed (try again)`,
  );
}
