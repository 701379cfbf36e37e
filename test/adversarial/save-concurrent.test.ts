/**
 * Issue: two `run-task --save` runs on the same file both printed a placed task and the file
 * kept one. Now a printed task is always in the file: N processes save at once, some through
 * a symbolic link, and every task any of them printed is in the final file.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../cli/run-cli.js';
import { runCliProcess } from './cli-process.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-concurrent-'));
  file = join(dir, 'cluster.json');
  // Room for 12 tasks of web:1 (256 CPU, 512 MiB) on its ACTIVE instances.
  await copyFile(join(FIXTURES, 'small-cluster.json'), file);
  await symlink(file, join(dir, 'link.json'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PROCESSES = 8;

describe('concurrent run-task --save on one file', () => {
  it(`${PROCESSES} processes: every printed task is recorded, none twice, nothing left behind`, async () => {
    const runs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) =>
        runCliProcess(
          [
            'run-task',
            '--cluster-state',
            i % 2 === 0 ? 'cluster.json' : 'link.json',
            '--task-definition',
            'web:1',
            '--seed',
            `run-${i}`,
            '--save',
          ],
          { cwd: dir },
        ),
      ),
    );
    const printed: string[] = [];
    for (const run of runs) {
      // Each run either printed its placement (recorded) or failed clearly; with room for
      // all and only 8 savers, all succeed.
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const response = JSON.parse(run.stdout) as { tasks: { taskArn: string }[] };
      expect(response.tasks).toHaveLength(1);
      printed.push(...response.tasks.map((t) => t.taskArn));
    }
    const saved = JSON.parse(await readFile(file, 'utf8'));
    const recorded: string[] = saved.clusters[0].tasks.map((t: { taskArn: string }) => t.taskArn);
    expect(recorded.sort()).toEqual(printed.sort());
    expect(new Set(recorded).size).toBe(PROCESSES);
    // The resources of every recorded task are taken: 8 x 512 MiB out of 6144 + 256 free.
    const free = saved.clusters[0].containerInstances
      .filter((i: { status: string }) => i.status === 'ACTIVE')
      .map(
        (i: { remainingResources: { name: string; integerValue: number }[] }) =>
          i.remainingResources.find((r) => r.name === 'MEMORY')!.integerValue,
      )
      .reduce((a: number, b: number) => a + b, 0);
    expect(free).toBe(2048 + 256 + 4096 - PROCESSES * 512);
    expect((await readdir(dir)).sort()).toEqual(['cluster.json', 'link.json']);
  });
});
