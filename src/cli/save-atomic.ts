/**
 * `--save`: replace the snapshot file so that a reader (or a crash) sees either the old
 * content or the new one, never a mix, and so that a concurrent save is never lost.
 *
 * 1. The new content is streamed into a temporary file beside the target (same file system,
 *    so the rename is atomic), given the target's owner, group and mode, and flushed.
 * 2. Under an inter-process lock on the target, the target is compared with the file the
 *    placement was computed from; only if it is unchanged is the temporary file renamed
 *    over it. Otherwise the save reports `changed` and the caller places again on the new
 *    state. The lock is held only for this short step, never during a placement.
 * 3. On any error, or a handled signal, the temporary file is removed and the lock released.
 */
import type { Stats } from 'node:fs';
import { unlinkSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { type FileIdentity, identityOf, sameFile } from './file-identity.js';
import { type FileLock, lockFile } from './file-lock.js';
import { MAX_SNAPSHOT_BYTES } from './input-limits.js';
import { jsonChunks } from './json-chunks.js';
import type { SaveTarget } from './save-target.js';
import { type SignalHost, processSignalHost, withSignalCleanup } from './signal-cleanup.js';

/** The handle operations the save needs; tests substitute failing ones. */
export interface WritableHandle {
  /** Appends all of `data` at the current position. */
  write(data: Uint8Array): Promise<void>;
  stat(): Promise<Pick<Stats, 'uid' | 'gid'>>;
  chown(uid: number, gid: number): Promise<void>;
  chmod(mode: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system operations the save needs; tests substitute failing ones. */
export interface AtomicSaveFs {
  /** Creates the file; fails if it exists. */
  createExclusive(path: string, mode: number): Promise<WritableHandle>;
  identity(path: string): Promise<FileIdentity>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** For signal handlers, which cannot wait. */
  unlinkSync(path: string): void;
  /** Flushes a directory entry change to disk; may be unsupported (then it is skipped). */
  syncDirectory(path: string): Promise<void>;
  lock(file: string): Promise<FileLock>;
}

export const nodeAtomicSaveFs: AtomicSaveFs = {
  async createExclusive(path, mode) {
    const handle = await fsp.open(path, 'wx', mode);
    return {
      async write(data) {
        for (let done = 0; done < data.length; ) {
          done += (await handle.write(data, done, data.length - done)).bytesWritten;
        }
      },
      stat: () => handle.stat(),
      chown: (uid, gid) => handle.chown(uid, gid),
      chmod: (mode) => handle.chmod(mode),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  identity: async (path) => identityOf(await fsp.stat(path, { bigint: true })),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  unlinkSync: (path) => unlinkSync(path),
  async syncDirectory(path) {
    const handle = await fsp.open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  lock: (file) => lockFile(file),
};

export interface SaveOptions {
  fs?: AtomicSaveFs;
  signals?: SignalHost;
  /** The size limit; tests lower it. */
  maxBytes?: number;
}

export type SaveOutcome = 'saved' | 'changed';

/** Only the owner may read the temporary file until it has the target's mode. */
const TEMPORARY_MODE = 0o600;
/** Bytes gathered before each write. */
const WRITE_BUFFER_BYTES = 1 << 22;
/** The most bytes UTF-8 needs for one UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Writes `value` as JSON over `target.file` if that file is still `expected` (`undefined`:
 * if it still does not exist); returns `changed` (and writes nothing) when it is not.
 */
export async function saveAtomic(
  target: SaveTarget,
  value: unknown,
  expected: FileIdentity | undefined,
  options: SaveOptions = {},
): Promise<SaveOutcome> {
  const fs = options.fs ?? nodeAtomicSaveFs;
  let temporary: string | undefined;
  let lock: FileLock | undefined;
  const removeTemporary = async () => {
    const path = temporary;
    temporary = undefined;
    if (path !== undefined) await fs.unlink(path).catch(() => undefined);
  };
  const cleanUpNow = () => {
    if (temporary !== undefined) {
      try {
        fs.unlinkSync(temporary);
      } catch {
        // Not there (any more): nothing to undo.
      }
    }
    lock?.releaseSync();
  };

  return withSignalCleanup(
    cleanUpNow,
    async () => {
      try {
        for (const indent of [2, 0]) {
          temporary = temporaryPathFor(target.file);
          if (await writeTemporary(fs, temporary, target, value, indent, options.maxBytes)) break;
          await removeTemporary();
        }
        if (temporary === undefined) {
          throw new Error(
            `the snapshot would be larger than ${MAX_SNAPSHOT_BYTES.toLocaleString('en-US')} bytes even without indentation, and a larger file could not be loaded again`,
          );
        }
        lock = await fs.lock(target.file);
        try {
          if (lock.compromised || !(await stillAsExpected(fs, target.file, expected))) {
            await removeTemporary();
            return 'changed';
          }
          await fs.rename(temporary, target.file);
          temporary = undefined;
        } finally {
          await lock.release();
        }
      } catch (error) {
        await removeTemporary();
        throw error;
      }
      // The rename is done; making it durable is best effort (not every platform can).
      await fs.syncDirectory(dirname(target.file)).catch(() => undefined);
      return 'saved';
    },
    options.signals ?? processSignalHost,
  );
}

async function stillAsExpected(
  fs: AtomicSaveFs,
  file: string,
  expected: FileIdentity | undefined,
): Promise<boolean> {
  let now: FileIdentity | undefined;
  try {
    now = await fs.identity(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return now === undefined || expected === undefined ? now === expected : sameFile(now, expected);
}

function temporaryPathFor(file: string): string {
  const name = `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  return join(dirname(file), name);
}

/**
 * Creates `path` with the target's owner, group and mode and streams the JSON into it;
 * false (file closed, not removed) when it would exceed the size limit.
 */
async function writeTemporary(
  fs: AtomicSaveFs,
  path: string,
  target: SaveTarget,
  value: unknown,
  indent: number,
  maxBytes = MAX_SNAPSHOT_BYTES,
): Promise<boolean> {
  const handle = await fs.createExclusive(path, TEMPORARY_MODE);
  let written: boolean;
  try {
    written = await writeJson(handle, target, value, indent, maxBytes);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  await handle.close();
  return written;
}

async function writeJson(
  handle: WritableHandle,
  target: SaveTarget,
  value: unknown,
  indent: number,
  maxBytes: number,
): Promise<boolean> {
  // Owner first: chown clears the setuid and setgid bits that chmod then sets.
  const own = await handle.stat();
  if (own.uid !== target.uid || own.gid !== target.gid) {
    await handle.chown(target.uid, target.gid);
  }
  // The JSON pieces are encoded into one reused buffer, written whenever it is full: the
  // whole text never exists at once, in a string or in memory.
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  let bytes = 0;
  const emit = async (data: Uint8Array) => {
    bytes += data.length;
    if (bytes > maxBytes) return false;
    await handle.write(data);
    return true;
  };
  const flush = async () => {
    const full = used;
    used = 0;
    return full === 0 || emit(buffer.subarray(0, full));
  };
  for (const piece of fileText(value, indent)) {
    const room = piece.length * MAX_BYTES_PER_UNIT;
    if (used + room > buffer.length && !(await flush())) return false;
    if (room > buffer.length) {
      if (!(await emit(Buffer.from(piece, 'utf8')))) return false;
    } else {
      used += buffer.write(piece, used, 'utf8');
    }
  }
  if (!(await flush())) return false;
  await handle.chmod(target.mode);
  await handle.sync();
  return true;
}

/** The file's text, in pieces: the JSON and a final line break. */
function* fileText(value: unknown, indent: number): Generator<string> {
  yield* jsonChunks(value, indent);
  yield '\n';
}
