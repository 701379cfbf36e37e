/**
 * A save interrupted by SIGINT or SIGTERM leaves no temporary file and no lock behind, keeps
 * the original file, and exits with the conventional status (128 + the signal number).
 * The save is caught in the act: when its temporary file appears, the process is stopped
 * (SIGSTOP), sent the signal, and continued.
 */
import { watch } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../cli/run-cli.js';
import { type ProcessRun, startCli } from './cli-process.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-signal-'));
  file = join(dir, 'cluster.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The small fixture with `count` instances like its first: a save takes a while to write. */
async function writeLargeSnapshot(count: number): Promise<Buffer> {
  const snapshot = JSON.parse(await readFile(join(FIXTURES, 'small-cluster.json'), 'utf8'));
  const [template] = snapshot.clusters[0].containerInstances;
  snapshot.clusters[0].containerInstances = Array.from({ length: count }, (_, i) => ({
    ...template,
    containerInstanceArn: `${template.containerInstanceArn}-${i}`,
    ec2InstanceId: `i-${i.toString(16).padStart(17, '0')}`,
  }));
  const text = Buffer.from(JSON.stringify(snapshot));
  await writeFile(file, text);
  return text;
}

/** Runs a save and, once its temporary file exists, delivers `signal` to it. */
async function interruptSave(
  signal: 'SIGINT' | 'SIGTERM',
): Promise<ProcessRun & { caught: boolean }> {
  const { child, done } = startCli(
    ['run-task', '--task-definition', 'web:1', '--save', '--cluster-state', 'cluster.json'],
    { cwd: dir },
  );
  let caught = false;
  const watcher = watch(dir, (_event, name) => {
    if (!caught && name?.startsWith('.cluster.json.') && name.endsWith('.tmp')) {
      caught = child.kill('SIGSTOP');
      if (caught) {
        child.kill(signal);
        child.kill('SIGCONT');
      }
      watcher.close();
    }
  });
  const run = await done;
  watcher.close();
  return { ...run, caught };
}

describe('a save interrupted by a signal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s: exit %i, the file unchanged, no temporary file, no lock',
    async (signal, status) => {
      // Larger snapshots until the save is caught while writing (a fast machine may finish
      // a small one before the signal arrives).
      for (const count of [20_000, 60_000, 150_000]) {
        const before = await writeLargeSnapshot(count);
        const run = await interruptSave(signal);
        if (!run.caught) continue;
        expect(run.stdout).toBe('');
        expect(run.signal).toBeNull();
        expect(run.code).toBe(status);
        expect((await readFile(file)).equals(before)).toBe(true);
        expect(await readdir(dir)).toEqual(['cluster.json']);
        return;
      }
      throw new Error('the save always finished before its temporary file was seen');
    },
  );
});
