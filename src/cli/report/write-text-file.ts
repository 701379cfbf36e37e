/**
 * Writes a text file whole or not at all: a temporary file beside the target, then a rename
 * (for `--results` and `--report`, which are new outputs, not the cluster state: no lock).
 */
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ClusterStateError } from '../load-cluster-state.js';

export function writeTextFile(file: string, cwd: string, text: string): void {
  const path = resolve(cwd, file);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new ClusterStateError(`cannot write ${file}: ${reason}`);
  }
}

/**
 * Checked before anything is placed or saved, so that an output that cannot be written
 * fails the command first: its directory exists, and the path is not a directory.
 */
export function checkTextFileTarget(file: string, cwd: string): void {
  const path = resolve(cwd, file);
  const directory = statSync(dirname(path), { throwIfNoEntry: false });
  if (directory === undefined || !directory.isDirectory()) {
    throw new ClusterStateError(`cannot write ${file}: its directory does not exist`);
  }
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) {
    throw new ClusterStateError(`cannot write ${file}: it is a directory`);
  }
}
