/**
 * What `--save` checks before anything is placed, so that a save that cannot succeed is
 * refused up front (exit 255) rather than after a placement was computed: the file must be
 * a regular file (a symbolic link is followed to it), writable by the user, in a directory
 * where the temporary file can be created, and its owner and group must be ones the new
 * file can be given.
 */
import { constants, type Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { dirname } from 'node:path';
import { ClusterStateError } from './load-cluster-state.js';

export interface SaveTarget {
  /** The regular file to replace: the path with every symbolic link resolved. */
  file: string;
  /** Owner, group and permission bits (incl. setuid/setgid/sticky) the new file gets. */
  uid: number;
  gid: number;
  mode: number;
}

/** The file-system and process facts the checks need; tests substitute other users. */
export interface SaveTargetHost {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<Stats>;
  /** Resolves when the calling user may access `path` in `mode`; rejects otherwise. */
  access(path: string, mode: number): Promise<void>;
  /** Effective user and group ids and the supplementary groups; undefined where the
   * platform has none (Windows), and then no ownership rule applies. */
  user(): { uid: number; gid: number; groups: readonly number[] } | undefined;
}

export const nodeSaveTargetHost: SaveTargetHost = {
  realpath: (path) => fsp.realpath(path),
  stat: (path) => fsp.stat(path),
  access: (path, mode) => fsp.access(path, mode),
  user: () =>
    process.geteuid && process.getegid && process.getgroups
      ? { uid: process.geteuid(), gid: process.getegid(), groups: process.getgroups() }
      : undefined,
};

const PERMISSION_BITS = 0o7777;
const ANY_WRITE_BIT = 0o222;
const ROOT = 0;

/**
 * @param path   absolute path of the `--cluster-state` file
 * @param shown  the file as the user named it, for messages
 */
export async function checkSaveTarget(
  path: string,
  shown: string,
  host: SaveTargetHost = nodeSaveTargetHost,
  /** How a refusal begins; the default speaks of `run-task --save`. */
  refusal = `--save cannot replace the cluster state ${shown}, so nothing was placed`,
): Promise<SaveTarget> {
  const refuse = (reason: string) => new ClusterStateError(`${refusal}: ${reason}`);

  let file: string;
  let stats: Stats;
  try {
    file = await host.realpath(path);
    stats = await host.stat(file);
  } catch (error) {
    throw new ClusterStateError(`could not read the cluster state ${shown}: ${reasonOf(error)}`);
  }
  if (!stats.isFile()) {
    const link = file === path ? '' : ` (a symbolic link to ${file})`;
    throw refuse(`it${link} is ${kindOf(stats)}, and --save only replaces a regular file`);
  }

  const mode = stats.mode & PERMISSION_BITS;
  const user = host.user();
  const octal = `mode ${mode.toString(8).padStart(4, '0')}`;
  // Root may write anything, so for root a file nobody may write (chmod a-w) is the sign
  // that it must not be replaced; for anyone else the system decides (access W_OK).
  if (user?.uid === ROOT && (mode & ANY_WRITE_BIT) === 0) {
    throw refuse(`it is read-only (${octal}); make it writable first (chmod u+w)`);
  }
  try {
    await host.access(file, constants.W_OK);
  } catch (error) {
    throw refuse(`it is not writable by you (${octal}, ${reasonOf(error)})`);
  }
  const directory = dirname(file);
  try {
    await host.access(directory, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw refuse(
      `the new content is written to a temporary file beside it, and its directory ${directory} is not writable by you (${reasonOf(error)})`,
    );
  }
  // Only root can give a file away; anyone else can keep only their own uid and a group
  // they belong to. Rather than silently change the owner, refuse.
  if (user !== undefined && user.uid !== ROOT) {
    if (stats.uid !== user.uid) {
      throw refuse(
        `it belongs to uid ${stats.uid}, and a save by uid ${user.uid} would make it theirs; run the command as its owner (or root), or save a copy`,
      );
    }
    if (stats.gid !== user.gid && !user.groups.includes(stats.gid)) {
      throw refuse(
        `its group is gid ${stats.gid}, which you do not belong to, so the saved file could not keep it; save a copy instead`,
      );
    }
  }
  return { file, uid: stats.uid, gid: stats.gid, mode };
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
