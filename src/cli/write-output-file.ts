/**
 * `--out FILE` of the snapshot commands: the same atomic, locked write as `run-task --save`
 * (temporary file beside the target, flushed, renamed; owner, group and mode kept; a symbolic
 * link followed), for a file that may not exist yet. A new file gets the usual mode (0666
 * less the umask) and the caller's owner.
 */
import * as fsp from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { identityOf } from './file-identity.js';
import { ClusterStateError } from './load-cluster-state.js';
import { saveAtomic } from './save-atomic.js';
import { checkSaveTarget, type SaveTarget } from './save-target.js';

/** Another program writing the same file at the same moment: a few more tries, then give up. */
const MAX_ATTEMPTS = 5;
const NEW_FILE_MODE = 0o666;

export async function writeOutputFile(file: string, cwd: string, value: unknown): Promise<void> {
  const path = resolve(cwd, file);
  const refusal = `cannot write ${file}`;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const existing = await fsp.stat(path, { bigint: true }).catch(() => undefined);
    const target = existing
      ? await checkSaveTarget(path, file, undefined, refusal)
      : await newFileTarget(path, file);
    const expected = existing
      ? identityOf(await fsp.stat(target.file, { bigint: true }))
      : undefined;
    if ((await saveAtomic(target, value, expected)) === 'saved') return;
  }
  throw new ClusterStateError(
    `${refusal}: other programs kept changing it while it was being written`,
  );
}

async function newFileTarget(path: string, shown: string): Promise<SaveTarget> {
  let directory: string;
  try {
    directory = await fsp.realpath(dirname(path));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ClusterStateError(`cannot write ${shown}: its directory cannot be used (${reason})`);
  }
  return {
    file: join(directory, basename(path)),
    uid: process.geteuid?.() ?? 0,
    gid: process.getegid?.() ?? 0,
    mode: NEW_FILE_MODE & ~process.umask(),
  };
}
