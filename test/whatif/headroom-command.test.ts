import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { smallCluster } from './fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'headroom-'));
  await writeFile(join(dir, 'small.json'), JSON.stringify(smallCluster()));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const headroom = (...argv: string[]) =>
  runCli(['headroom', '--cluster-state', 'small.json', ...argv], { cwd: dir });

describe('ecs-placement headroom', () => {
  it('prints the answer as JSON, total first', async () => {
    const run = await headroom('--task-definition', 'half', '--launch-type', 'EC2');
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(Object.keys(answer)[0]).toBe('total');
    expect(answer.total).toBe(7);
    expect(answer.instances).toBeUndefined();
  });

  it('--query and --output as for run-task', async () => {
    const run = await headroom(
      '--task-definition',
      'half',
      '--launch-type',
      'EC2',
      '--query',
      'perAvailabilityZone',
      '--output',
      'text',
    );
    expect(run.stdout).toBe('4\t3\n');
  });

  it('--max-tasks bounds the count; a bad value is a usage error', async () => {
    const run = await headroom(
      '--task-definition',
      'half',
      '--launch-type',
      'EC2',
      '--max-tasks',
      '2',
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ total: 2, stoppedBy: 'limit' });
    const bad = await headroom('--task-definition', 'half', '--max-tasks', '0');
    expect(bad.code).toBe(252);
    expect(bad.stderr).toContain(
      'argument --max-tasks: expected a whole number from 1 to 1,000,000, got "0"',
    );
  });

  it('refuses --save, which has nothing to record', async () => {
    const run = await headroom('--task-definition', 'half', '--save');
    expect(run.code).toBe(252);
    expect(run.stderr).toContain('headroom does not take --save');
  });

  it('a request RunTask refuses is the same service error', async () => {
    const run = await headroom('--task-definition', 'nope');
    expect(run.code).toBe(254);
    expect(run.stderr).toContain('(ClientException)');
  });

  it('a request that never places answers 0 with the reason', async () => {
    const run = await headroom('--task-definition', 'huge', '--launch-type', 'EC2');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      total: 0,
      reason: 'no instance fits another task: RESOURCE:MEMORY on 3 instances',
    });
  });

  it('--explain lists what each instance ran out of, on stderr', async () => {
    const run = await headroom('--task-definition', 'half', '--launch-type', 'EC2', '--explain');
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      'headroom: 7 task(s); no instance fits another task: RESOURCE:MEMORY on 2 instances, RESOURCE:CPU on 1 instance',
      '  i-a (us-east-1a, on-demand): +4, then RESOURCE:CPU: needs 512 CPU units, 0 free',
      '  i-b (us-east-1b, on-demand): +1, then RESOURCE:MEMORY: needs 1024 MiB of memory, 0 free',
    ]);
  });
});
