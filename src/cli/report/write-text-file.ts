/**
 * Writes a text file whole or not at all: a temporary file beside the target, then a rename
 * (for `--results` and `--report`, which are new outputs, not the cluster state: no lock).
 */
import { rmSync, writeFileSync, renameSync } from 'node:fs';
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
