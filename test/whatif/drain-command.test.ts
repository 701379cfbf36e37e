import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/index.js';
import { runningTask } from '../../src/testing/builders.js';
import { runCli } from '../cli/run-cli.js';
import { smallCluster } from './fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drain-'));
  const snapshot = smallCluster();
  snapshot.clusters[0]!.tasks = [
    runningTask('t1', 'a', 'family:half'),
    runningTask('t2', 'a', 'family:half'),
  ];
  await writeFile(join(dir, 'small.json'), JSON.stringify(snapshot));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const drain = (...argv: string[]) =>
  runCli(['drain', '--cluster-state', 'small.json', ...argv], { cwd: dir });
const saved = async (): Promise<Snapshot> =>
  JSON.parse(await readFile(join(dir, 'small.json'), 'utf8'));

describe('ecs-placement drain', () => {
  it('prints where each task went and the tasks per zone before and after; saves nothing', async () => {
    const run = await drain(
      '--container-instance',
      'i-a',
      '--query',
      '[replaced, before.perAvailabilityZone, after.perAvailabilityZone]',
      '--output',
      'json',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      2,
      { 'us-east-1a': 2, 'us-east-1b': 0 },
      { 'us-east-1a': 0, 'us-east-1b': 2 },
    ]);
    expect((await saved()).clusters[0]!.containerInstances[0]!.status).toBe('ACTIVE');
  });

  it('--placement-strategy takes run-task shorthand', async () => {
    const run = await drain(
      '--container-instance',
      'i-a',
      '--placement-strategy',
      'type=binpack,field=memory',
      '--query',
      'moves[*].to',
      '--output',
      'text',
    );
    expect(
      run.stdout
        .trim()
        .split('\t')
        .map((arn) => arn.slice(-1)),
    ).toEqual(['b', 'c']);
  });

  it('--save records the drain; a second drain of the same instance is refused', async () => {
    const first = await drain('--container-instance', 'i-a', '--save');
    expect(first.code, first.stderr).toBe(0);
    const cluster = (await saved()).clusters[0]!;
    expect(cluster.containerInstances[0]!.status).toBe('DRAINING');
    expect(cluster.tasks!.filter((t) => t.desiredStatus === 'RUNNING')).toHaveLength(2);
    const again = await drain('--container-instance', 'i-a');
    expect(again.code).toBe(254);
    expect(again.stderr).toBe(
      '\nAn error occurred (InvalidParameterException) when calling the UpdateContainerInstancesState operation: Container instance i-a is DRAINING: only an ACTIVE instance can be drained.\n',
    );
  });

  it('an unknown instance, and a missing --container-instance', async () => {
    const unknown = await drain('--container-instance', 'i-zz');
    expect(unknown.code).toBe(254);
    expect(unknown.stderr).toContain('Container instance i-zz not found in the cluster');
    const missing = await drain();
    expect(missing.code).toBe(252);
    expect(missing.stderr).toContain('the following arguments are required: --container-instance');
  });
});
