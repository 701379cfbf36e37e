/**
 * `--save`: replace a file so that a reader (or a crash) sees either the old content or the
 * new one, never a mix: write a temporary file in the same directory (same file system, so
 * rename is atomic), flush it to disk, then rename it over the original.
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The handle operations the save needs; tests substitute failing ones. */
export interface WritableHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  chmod(mode: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system operations the save needs; tests substitute failing ones. */
export interface AtomicSaveFs {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<{ mode: number }>;
  /** Creates the file; fails if it exists. */
  createExclusive(path: string, mode: number): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Flushes a directory entry change to disk; may be unsupported (then it is skipped). */
  syncDirectory(path: string): Promise<void>;
}

export const nodeAtomicSaveFs: AtomicSaveFs = {
  realpath: (path) => fsp.realpath(path),
  stat: (path) => fsp.stat(path),
  createExclusive: (path, mode) => fsp.open(path, 'wx', mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  async syncDirectory(path) {
    const handle = await fsp.open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

const PERMISSION_BITS = 0o7777;
const DEFAULT_MODE = 0o644;

/** Writes `content` to `path` atomically, keeping the original's permission bits. */
export async function saveAtomic(
  path: string,
  content: string,
  fs: AtomicSaveFs = nodeAtomicSaveFs,
): Promise<void> {
  // Follow a symlink so the link keeps pointing at the (replaced) target.
  const target = await fs.realpath(path).catch(() => path);
  const mode = await fs
    .stat(target)
    .then((s) => s.mode & PERMISSION_BITS)
    .catch(() => DEFAULT_MODE);
  const directory = dirname(target);
  const temp = join(
    directory,
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );

  let handle: WritableHandle | undefined;
  try {
    handle = await fs.createExclusive(temp, mode);
    await handle.writeFile(content, 'utf8');
    // The umask may have narrowed the mode given to open; set it exactly.
    await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, target);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  // The rename is done; making it durable is best effort (not every platform can).
  await fs.syncDirectory(directory).catch(() => undefined);
}
