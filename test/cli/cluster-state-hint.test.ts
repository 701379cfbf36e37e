// AWS CLI output given to --cluster-state (run-task, list-container-instances, run-task
// --save): the error names the output it looks like and how to import it, and nothing is
// written. Files that are neither a snapshot nor an AWS CLI output keep their own messages.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES, example } from '../snapshot/aws-cli-examples.js';
import { runCli } from './run-cli.js';

const IMPORT = 'build a snapshot with `ecs-placement snapshot import FILE...` (docs/snapshot.md)';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cluster-state-hint-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function examples(...files: string[]): Promise<string> {
  const texts = await Promise.all(files.map((f) => readFile(join(EXAMPLES, f), 'utf8')));
  return texts.join('');
}

const runTask = (file: string, ...more: string[]) =>
  runCli(['run-task', '--cluster-state', file, '--task-definition', 'web', ...more], {
    cwd: dir,
  });

describe('--cluster-state holding AWS CLI output', () => {
  it.each<[string, () => Promise<string>, string]>([
    [
      'describe-container-instances',
      () => examples('describe-container-instances-page-1.json'),
      'it looks like the output of `aws ecs describe-container-instances`',
    ],
    [
      'describe-clusters',
      () => examples('describe-clusters.json'),
      'it looks like the output of `aws ecs describe-clusters`',
    ],
    [
      'describe-tasks',
      () => examples('describe-tasks.json'),
      'it looks like the output of `aws ecs describe-tasks`',
    ],
    [
      'the describe-task-definition wrapper',
      () => examples('describe-task-definition-web.json'),
      'it looks like the output of `aws ecs describe-task-definition`',
    ],
    [
      'a bare task definition',
      async () => JSON.stringify(example('describe-task-definition-web.json')['taskDefinition']),
      'it looks like a task definition (the `taskDefinition` of `aws ecs describe-task-definition`)',
    ],
    [
      'describe-capacity-providers',
      () => examples('describe-capacity-providers.json'),
      'it looks like the output of `aws ecs describe-capacity-providers`',
    ],
    [
      'ec2 describe-subnets',
      () => examples('describe-subnets.json'),
      'it looks like the output of `aws ec2 describe-subnets`',
    ],
    [
      'describe-tasks --query tasks',
      async () => JSON.stringify(example('describe-tasks.json')['tasks']),
      'it looks like a list of tasks, as `aws ecs describe-tasks --query tasks` prints it',
    ],
  ])('%s: says what it looks like and how to import it (exit 255)', async (_what, text, looks) => {
    await writeFile(join(dir, 'state.json'), await text());
    const run = await runTask('state.json');
    expect(run.code).toBe(255);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `ecs-placement run-task: error: the cluster state state.json is not a cluster snapshot: ${looks}; ${IMPORT}\n`,
    );
  });

  it('list-tasks: says the ARNs need describing first', async () => {
    await writeFile(join(dir, 'tasks.json'), await examples('list-tasks.json'));
    const run = await runTask('tasks.json');
    expect(run.stderr).toBe(
      'ecs-placement run-task: error: the cluster state tasks.json is not a cluster snapshot: it looks like the output of `aws ecs list-tasks`, which lists ARNs only; describe them with `aws ecs describe-tasks` and build a snapshot with `ecs-placement snapshot import FILE...` (docs/snapshot.md)\n',
    );
  });

  it('several outputs one after another (xargs, cat): says so instead of a JSON syntax error', async () => {
    await writeFile(
      join(dir, 'pages.json'),
      await examples(
        'describe-container-instances-page-1.json',
        'describe-container-instances-page-2.json',
      ),
    );
    await writeFile(
      join(dir, 'mixed.json'),
      await examples('describe-tasks.json', 'describe-clusters.json', 'describe-tasks.json'),
    );
    expect((await runTask('pages.json')).stderr).toBe(
      `ecs-placement run-task: error: the cluster state pages.json is not a cluster snapshot: it holds 2 JSON documents one after another, outputs of \`aws ecs describe-container-instances\`; ${IMPORT}\n`,
    );
    expect((await runTask('mixed.json')).stderr).toBe(
      `ecs-placement run-task: error: the cluster state mixed.json is not a cluster snapshot: it holds 3 JSON documents one after another, outputs of \`aws ecs describe-tasks\`, \`aws ecs describe-clusters\`; ${IMPORT}\n`,
    );
  });

  it('list-container-instances says the same', async () => {
    await copyFile(
      join(EXAMPLES, 'describe-container-instances-page-2.json'),
      join(dir, 'instances.json'),
    );
    const run = await runCli(['list-container-instances', '--cluster-state', 'instances.json'], {
      cwd: dir,
    });
    expect(run.code).toBe(255);
    expect(run.stderr).toBe(
      `ecs-placement list-container-instances: error: the cluster state instances.json is not a cluster snapshot: it looks like the output of \`aws ecs describe-container-instances\`; ${IMPORT}\n`,
    );
  });

  it('run-task --save says the same and leaves the file as it was', async () => {
    const text = await examples('describe-tasks.json');
    await writeFile(join(dir, 'tasks.json'), text);
    const run = await runTask('tasks.json', '--save');
    expect(run.code).toBe(255);
    expect(run.stderr).toContain('it looks like the output of `aws ecs describe-tasks`');
    expect(await readFile(join(dir, 'tasks.json'), 'utf8')).toBe(text);
  });
});

describe('--cluster-state holding something else keeps its own message', () => {
  it.each<[string, string, string]>([
    [
      'a snapshot without region',
      JSON.stringify({ accountId: '123456789012', clusters: [] }),
      'the cluster state state.json is invalid at $.region: expected a non-empty string, got nothing\n',
    ],
    [
      'an unknown document',
      JSON.stringify({ services: [] }),
      'the cluster state state.json is invalid at $.region: expected a non-empty string, got nothing\n',
    ],
    [
      'an empty list',
      '[]',
      'the cluster state state.json is invalid at $: expected an object, got a list\n',
    ],
    [
      'an AWS CLI output followed by something else',
      '{"tasks": [], "failures": []}\n{"services": []}',
      'the cluster state state.json is not valid JSON',
    ],
  ])('%s', async (_what, text, message) => {
    await writeFile(join(dir, 'state.json'), text);
    const run = await runTask('state.json');
    expect(run.code).toBe(255);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('looks like');
  });
});
