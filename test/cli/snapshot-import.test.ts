// `ecs-placement snapshot import`: inputs from files, directories and stdin; the snapshot to
// stdout or atomically to --out; on any problem a message naming the input, and nothing written.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES, FILES } from '../snapshot/aws-cli-examples.js';
import { runCli } from './run-cli.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-import-'));
  await cp(EXAMPLES, join(dir, 'aws-cli'), { recursive: true });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const allExamples = () => Promise.all(FILES.map((f) => readFile(join(EXAMPLES, f), 'utf8')));

describe('ecs-placement snapshot import', () => {
  it('builds the snapshot from a directory, to stdout, with a summary on stderr', async () => {
    const run = await runCli(['snapshot', 'import', 'aws-cli'], { cwd: dir });
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot.region).toBe('eu-west-1');
    expect(snapshot.clusters[0].containerInstances).toHaveLength(5);
    expect(
      run.stdout.startsWith('{\n  "region": "eu-west-1",\n  "accountId": "210987654321",\n'),
    ).toBe(true);
    expect(run.stderr).toBe(
      'ecs-placement snapshot import: cluster shop (5 container instances, 4 tasks), 2 task definitions, 3 capacity providers, 4 subnets; region eu-west-1, account 210987654321 (from 11 documents)\n',
    );
  });

  it('reads stdin holding several outputs one after another, and gives the same snapshot', async () => {
    const fromDirectory = await runCli(['snapshot', 'import', 'aws-cli'], { cwd: dir });
    const input = (await allExamples()).join('');
    const fromStdin = await runCli(['snapshot', 'import'], { cwd: dir, input });
    const fromDash = await runCli(['snapshot', 'import', '-'], { cwd: dir, input });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromDirectory.stdout);
    expect(fromDash.stdout).toBe(fromDirectory.stdout);
  });

  it('takes files and directories together, and ignores what is not *.json in a directory', async () => {
    await writeFile(join(dir, 'aws-cli', 'README.txt'), 'not json');
    const pages = join(dir, 'pages');
    await cp(join(dir, 'aws-cli'), pages, { recursive: true });
    await rm(join(pages, 'describe-clusters.json'));
    const run = await runCli(['snapshot', 'import', 'aws-cli/describe-clusters.json', 'pages'], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).clusters[0].tasks).toHaveLength(4);
  });

  it('writes --out atomically and prints nothing on stdout', async () => {
    const run = await runCli(['snapshot', 'import', 'aws-cli', '--out', 'my-cluster.json'], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^ecs-placement snapshot import: wrote my-cluster\.json: cluster shop/,
    );
    const written = JSON.parse(await readFile(join(dir, 'my-cluster.json'), 'utf8'));
    expect(written.taskDefinitions.map((d: { family: string }) => d.family)).toEqual([
      'web',
      'worker',
    ]);
    // No temporary file left behind.
    expect((await readdir(dir)).sort()).toEqual(['aws-cli', 'my-cluster.json']);
  });

  it('places tasks on the imported snapshot with run-task', async () => {
    await runCli(['snapshot', 'import', 'aws-cli', '--out', 'my-cluster.json'], { cwd: dir });
    const run = await runCli(
      [
        'run-task',
        '--cluster-state',
        'my-cluster.json',
        '--cluster',
        'shop',
        '--task-definition',
        'worker',
        '--launch-type',
        'FARGATE',
        '--network-configuration',
        'awsvpcConfiguration={subnets=[subnet-0a1b2c3d4e5f60001]}',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).tasks[0].availabilityZone).toBe('eu-west-1a');
  });

  it('prints notes on stderr', async () => {
    await rm(join(dir, 'aws-cli', 'describe-task-definition-worker.json'));
    const run = await runCli(['snapshot', 'import', 'aws-cli', '--out', 'out.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'ecs-placement snapshot import: note: the task definitions worker:7 of running tasks are not among the inputs',
    );
  });
});

describe('ecs-placement snapshot import: bad input writes nothing', () => {
  async function refuses(argv: string[], options: { input?: string } = {}) {
    await writeFile(join(dir, 'existing.json'), 'old content');
    const run = await runCli(['snapshot', 'import', ...argv, '--out', 'existing.json'], {
      cwd: dir,
      ...options,
    });
    const fresh = await runCli(['snapshot', 'import', ...argv, '--out', 'new.json'], {
      cwd: dir,
      ...options,
    });
    expect(await readFile(join(dir, 'existing.json'), 'utf8')).toBe('old content');
    expect((await readdir(dir)).sort()).toEqual(['aws-cli', 'existing.json']);
    expect(fresh.code).toBe(run.code);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('No snapshot was written.\n')).toBe(true);
    return run;
  }

  it('a truncated file: names it and where it ends', async () => {
    const file = join(dir, 'aws-cli', 'describe-tasks.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, 5000));
    const run = await refuses(['aws-cli']);
    expect(run.code).toBe(255);
    expect(run.stderr).toMatch(
      /^ecs-placement snapshot import: error: aws-cli\/describe-tasks\.json: the JSON document that starts at line 1, column 1 is cut off: the input ends at line \d+, column \d+ before it is complete\. The file looks truncated/,
    );
  });

  it('a file that is no known AWS CLI output: names it and lists the outputs read', async () => {
    await writeFile(
      join(dir, 'aws-cli', 'services.json'),
      JSON.stringify({ services: [{ serviceName: 'web' }] }),
    );
    const run = await refuses(['aws-cli']);
    expect(run.code).toBe(255);
    expect(run.stderr).toContain(
      'error: aws-cli/services.json: not an AWS CLI output this command reads (top-level members services). It reads the JSON output (--output json) of:\n  aws ecs describe-clusters ',
    );
  });

  it('a document of stdin: names its number and line', async () => {
    const input = `${(await allExamples()).join('')}\n{"services": []}\n`;
    const run = await refuses([], { input });
    expect(run.stderr).toMatch(/error: stdin document 12 \(line \d+\): not an AWS CLI output/);
  });

  it('a task whose container instance is missing: refused, with the hint', async () => {
    await rm(join(dir, 'aws-cli', 'describe-container-instances-page-2.json'));
    await rm(join(dir, 'aws-cli', 'list-container-instances-page-2.json'));
    const run = await refuses(['aws-cli']);
    expect(run.code).toBe(255);
    expect(run.stderr).toContain(
      '1 task runs on a container instance that is not among the inputs:',
    );
    expect(run.stderr).toContain('give --allow-partial to leave such tasks out');
    const partial = await runCli(['snapshot', 'import', 'aws-cli', '--allow-partial'], {
      cwd: dir,
    });
    expect(partial.code).toBe(0);
    expect(JSON.parse(partial.stdout).clusters[0].tasks).toHaveLength(3);
  });

  it('a missing or unreadable path', async () => {
    const run = await refuses(['nowhere.json']);
    expect(run.code).toBe(255);
    expect(run.stderr).toBe(
      'ecs-placement snapshot import: error: cannot read nowhere.json: no such file or directory\nNo snapshot was written.\n',
    );
  });

  it('a directory without .json files', async () => {
    await rm(join(dir, 'aws-cli'), { recursive: true });
    await cp(EXAMPLES, join(dir, 'aws-cli'), {
      recursive: true,
      filter: (source) => !source.endsWith('.json'),
    });
    const run = await refuses(['aws-cli']);
    expect(run.stderr).toContain('error: aws-cli: the directory holds no .json file');
  });

  it('an --out that cannot be written: says so, exit 255', async () => {
    // A path under a regular file fails for every user, root included.
    const out = 'aws-cli/describe-tasks.json/out.json';
    const run = await runCli(['snapshot', 'import', 'aws-cli', '--out', out], { cwd: dir });
    expect(run.code).toBe(255);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^ecs-placement snapshot import: error: could not write the snapshot to aws-cli\/describe-tasks\.json\/out\.json: ENOTDIR.*\nNo snapshot was written\.\n$/,
    );
  });
});

describe('ecs-placement snapshot import: the command line', () => {
  it('refuses a bad --account-id or --region before reading anything', async () => {
    const run = await runCli(['snapshot', 'import', 'aws-cli', '--account-id', '42'], { cwd: dir });
    expect(run.code).toBe(252);
    expect(run.stderr).toContain(
      "ecs-placement snapshot import: error: argument --account-id: expected 12 digits, got '42'",
    );
    const region = await runCli(['snapshot', 'import', 'aws-cli', '--region', 'Mars'], {
      cwd: dir,
    });
    expect(region.code).toBe(252);
  });

  it('does not wait for a terminal when no input is given', async () => {
    const run = await runCli(['snapshot', 'import'], { cwd: dir, tty: true });
    expect(run.code).toBe(252);
    expect(run.stderr).toContain(
      'error: no input: give the AWS CLI output files or directories, or pipe them on stdin',
    );
  });

  it('refuses reading stdin twice, and unknown options', async () => {
    expect((await runCli(['snapshot', 'import', '-', '-'], { cwd: dir })).code).toBe(252);
    const unknown = await runCli(['snapshot', 'import', 'aws-cli', '--outt', 'x'], { cwd: dir });
    expect(unknown.code).toBe(252);
    expect(unknown.stderr).toContain(
      "ecs-placement snapshot import: error: unknown option '--outt'",
    );
  });

  it('prints its help, and the snapshot command lists import and capture', async () => {
    const help = await runCli(['snapshot', 'import', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ecs-placement snapshot import [PATH...] [--out FILE]');
    const group = await runCli(['snapshot', '--help'], { cwd: dir });
    expect(group.stdout).toMatch(
      /import \[options\] \[path\.\.\.\]\s+build a snapshot from AWS CLI describe-\* outputs/,
    );
    expect(group.stdout).toContain('capture [options]');
    expect((await runCli(['snapshot'], { cwd: dir })).code).toBe(252);
  });
});
