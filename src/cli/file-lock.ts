/**
 * An inter-process lock on a file, with proper-lockfile: a `<file>.lock` directory (mkdir is
 * atomic, also on network file systems) whose modification time the holder refreshes. A lock
 * left by a process that died (kill -9, power loss) is taken over once it has not been
 * refreshed for `staleMs`; a process that exits normally or on a signal removes it.
 */

export interface LockTiming {
  /** A lock not refreshed for this long is stale and taken over (proper-lockfile's minimum is 2 s). */
  staleMs: number;
  /** How long to keep trying to take a lock another process holds. */
  waitMs: number;
}

export const DEFAULT_LOCK_TIMING: LockTiming = { staleMs: 10_000, waitMs: 30_000 };

export interface FileLock {
  release(): Promise<void>;
  /** For signal handlers, which cannot wait. */
  releaseSync(): void;
  /** True once another process has taken the lock over (we were frozen past staleMs). */
  readonly compromised: boolean;
}

const MIN_WAIT_MS = 10;

export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
}

/** Takes the lock on `file` (an absolute path with symlinks resolved), waiting up to waitMs. */
export async function lockFile(
  file: string,
  timing: LockTiming = DEFAULT_LOCK_TIMING,
): Promise<FileLock> {
  // Loaded only for a save: the library hooks process exit and signals to remove its locks.
  // A CommonJS module: its exports object is the default export (also once bundled).
  const { default: lockfile } = await import('proper-lockfile');
  let compromised = false;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: timing.staleMs,
      // Short, growing, jittered waits until waitMs has passed (the retry library lists
      // every wait up front, so the count is bounded too: enough for waitMs at the shortest).
      retries: {
        retries: Math.ceil(timing.waitMs / MIN_WAIT_MS),
        maxRetryTime: timing.waitMs,
        factor: 1.3,
        minTimeout: MIN_WAIT_MS,
        maxTimeout: 250,
        randomize: true,
      },
      onCompromised: () => {
        compromised = true;
      },
    });
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new LockBusyError(`${file}.lock is held by another process`);
    }
    throw error;
  }
  let released = false;
  return {
    get compromised() {
      return compromised;
    },
    async release() {
      if (released || compromised) return;
      released = true;
      await release();
    },
    releaseSync() {
      if (released || compromised) return;
      released = true;
      try {
        lockfile.unlockSync(file, { realpath: false });
      } catch {
        // Already gone: nothing to undo.
      }
    },
  };
}
