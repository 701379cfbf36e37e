// The request fields of the current API on the command line: --client-token (kept across
// processes in the --cluster-state file with --save), --volume-configurations (shorthand and
// JSON), and the documented cpu/memory spellings in --overrides.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run-cli.js';

interface Response {
  tasks: { taskArn: string; cpu?: string; memory?: string; attachments?: unknown[] }[];
  failures: unknown[];
}

describe('--client-token', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-token-'));
    file = join(dir, 'cluster.json');
    await copyFile(join(FIXTURES, 'small-cluster.json'), file);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = (extra: string[]) =>
    runCli(['run-task', '--cluster-state', file, '--task-definition', 'web:1', ...extra]);
  const savedTasks = async () =>
    (JSON.parse(await readFile(file, 'utf8')).clusters[0].tasks as unknown[]).length;

  it('with --save, a retry in another process returns the first response and places nothing', async () => {
    const first = await run(['--count', '2', '--client-token', 'nightly-42', '--save']);
    expect(first.code).toBe(0);
    expect(await savedTasks()).toBe(2);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.clusters[0].clientTokens[0].clientToken).toBe('nightly-42');

    // Another seed would place differently; the retry still answers with the first response.
    const retry = await run([
      '--count',
      '2',
      '--client-token',
      'nightly-42',
      '--seed',
      'x',
      '--save',
    ]);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toBe(first.stdout);
    expect(await savedTasks()).toBe(2);
  });

  it('--explain on a retry says it is one, and that no task was tried', async () => {
    await run(['--count', '2', '--client-token', 'nightly-42', '--save']);
    const retry = await run(['--count', '2', '--client-token', 'nightly-42', '--explain']);
    expect(retry.code).toBe(0);
    expect(retry.stderr).toContain("Summary: clientToken 'nightly-42' repeats an earlier call");
    expect(retry.stderr).not.toContain('not tried');
    expect(Object.keys(JSON.parse(retry.stdout))).toEqual(['tasks', 'failures']);
  });

  it('the same token with another request exits 254 with ConflictException', async () => {
    await run(['--client-token', 'nightly-42', '--save']);
    const other = await run(['--count', '3', '--client-token', 'nightly-42', '--save']);
    expect(other.code).toBe(254);
    expect(other.stdout).toBe('');
    expect(other.stderr).toContain(
      'An error occurred (ConflictException) when calling the RunTask operation: ' +
        "The clientToken 'nightly-42' was used at ",
    );
    expect(await savedTasks()).toBe(1);
  });

  it('without --save the token lasts one command: the file is untouched', async () => {
    const before = await readFile(file, 'utf8');
    const first = await run(['--client-token', 't1']);
    const second = await run(['--count', '2', '--client-token', 't1']);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as Response).tasks).toHaveLength(2);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('a token that is too long is refused with its rule (exit 254)', async () => {
    const long = await run(['--client-token', 'x'.repeat(65)]);
    expect(long.code).toBe(254);
    expect(long.stderr).toContain('must be 1 to 64 characters long (got 65)');
  });

  it('--cli-input-json takes clientToken too', async () => {
    const json = JSON.stringify({ taskDefinition: 'web:1', clientToken: 'from-json' });
    const first = await runCli([
      'run-task',
      '--cluster-state',
      file,
      '--cli-input-json',
      json,
      '--save',
    ]);
    expect(first.code).toBe(0);
    const retry = await runCli(['run-task', '--cluster-state', file, '--cli-input-json', json]);
    expect(retry.stdout).toBe(first.stdout);
  });
});

describe('--volume-configurations', () => {
  const state = ['run-task', '--cluster-state', 'small-cluster.json', '--task-definition', 'web:1'];

  it('reads the shorthand and refuses a volume the task definition does not configure at launch', async () => {
    const run = await runCli([
      ...state,
      '--volume-configurations',
      'name=data,managedEBSVolume={roleArn=arn:aws:iam::123456789012:role/ecs,sizeInGiB=20}',
    ]);
    expect(run.code).toBe(254);
    expect(run.stderr).toContain(
      'Invalid volumeConfigurations[0].name "data": the name of the volume must match a volume ' +
        'of the task definition marked configuredAtLaunch, and task definition web:1 has none.',
    );
  });

  it('types the shorthand by the shape (sizeInGiB must be an integer)', async () => {
    const run = await runCli([
      ...state,
      '--volume-configurations',
      'name=data,managedEBSVolume={roleArn=r,sizeInGiB=big}',
    ]);
    expect(run.code).toBe(252);
    expect(run.stderr).toContain('sizeInGiB');
  });

  it('appears in the input skeleton, with --client-token', async () => {
    const run = await runCli(['run-task', '--generate-cli-skeleton']);
    const skeleton = JSON.parse(run.stdout);
    expect(skeleton.clientToken).toBe('');
    expect(skeleton.volumeConfigurations[0].managedEBSVolume.roleArn).toBe('');
  });
});

describe('--overrides with the documented cpu and memory spellings', () => {
  it.each([
    ['{"cpu":"1 vCPU","memory":"2 GB"}', '1024', '2048'],
    ['cpu="0.5 vcpu",memory=1GB', '512', '1024'],
  ])('%s', async (overrides, cpu, memory) => {
    const run = await runCli([
      'run-task',
      '--cluster-state',
      'small-cluster.json',
      '--task-definition',
      'web:1',
      '--overrides',
      overrides,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const response = JSON.parse(run.stdout) as Response;
    expect(response.tasks[0]).toMatchObject({ cpu, memory });
  });
});
