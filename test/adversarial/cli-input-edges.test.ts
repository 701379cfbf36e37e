/**
 * The smaller findings: an invalid-JSON snapshot echoed the whole input (20 MB) to stderr;
 * `--filter file://x` was not read as a file; `--count ' 2'` was accepted; a UTF-8
 * byte-order mark made a snapshot unreadable. Also: the largest snapshot is refused plainly.
 */
import { copyFile, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_BYTES } from '../../src/cli/input-limits.js';
import { FIXTURES, runCli } from '../cli/run-cli.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-edges-'));
  await copyFile(join(FIXTURES, 'small-cluster.json'), join(dir, 'cluster.json'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(args, { cwd: dir });

describe('a large invalid snapshot: a short excerpt, never the input', () => {
  it('20 MB with a stray comma near the end: line, column and 80 characters around it', async () => {
    const tags = Array.from({ length: 1_500_000 }, (_, i) => `"tag-${i}"`).join(',\n');
    const text = `{\n"region": "us-east-1",\n"tags": [\n${tags},\n]}\n`;
    expect(text.length).toBeGreaterThan(15_000_000);
    await writeFile(join(dir, 'broken.json'), text);
    const run = await cli(
      'run-task',
      '--cluster-state',
      'broken.json',
      '--task-definition',
      'web:1',
    );
    expect(run.code).toBe(255);
    expect(run.stderr.length).toBeLessThan(400);
    expect(run.stderr).toBe(
      "ecs-placement run-task: error: the cluster state broken.json is not valid JSON: Unexpected token ']' at line 1500004, column 1:\n  ]}\n  ^\n",
    );
  });

  it('the same for a request file given with file://', async () => {
    const text = `{"taskDefinition": "web:1", "tags": [${'{"key": "k", "value": "v"}, '.repeat(400_000)}]}`;
    await writeFile(join(dir, 'request.json'), text);
    const run = await cli(
      'run-task',
      '--cluster-state',
      'cluster.json',
      '--cli-input-json',
      'file://request.json',
    );
    expect(run.code).toBe(252);
    expect(run.stderr.length).toBeLessThan(600);
    expect(run.stderr).toContain(
      `Error parsing parameter '--cli-input-json': Invalid JSON: Unexpected token ']' at line 1, column ${text.length - 1}:`,
    );
  });
});

describe('file:// for every value option', () => {
  it('--filter, --cluster and --status of list-container-instances read their files', async () => {
    await writeFile(join(dir, 'filter.txt'), 'attribute:ecs.instance-type == t2.small\n');
    await writeFile(join(dir, 'cluster.txt'), 'default\n');
    await writeFile(join(dir, 'status.txt'), 'ACTIVE\n');
    const fromFiles = await cli(
      'list-container-instances',
      '--cluster-state',
      'cluster.json',
      '--filter',
      'file://filter.txt',
      '--cluster',
      'file://cluster.txt',
      '--status',
      'file://status.txt',
    );
    const inline = await cli(
      'list-container-instances',
      '--cluster-state',
      'cluster.json',
      '--filter',
      'attribute:ecs.instance-type == t2.small',
      '--cluster',
      'default',
      '--status',
      'ACTIVE',
    );
    expect(fromFiles.stderr).toBe('');
    expect(fromFiles.code).toBe(0);
    expect(fromFiles.stdout).toBe(inline.stdout);
    expect(JSON.parse(fromFiles.stdout).containerInstanceArns).toHaveLength(2);
  });

  it('--seed reads its file too', async () => {
    await writeFile(join(dir, 'seed.txt'), 'demo\n');
    const fromFile = await cli(
      'run-task',
      '--cluster-state',
      'cluster.json',
      '--task-definition',
      'web:1',
      '--seed',
      'file://seed.txt',
    );
    const inline = await cli(
      'run-task',
      '--cluster-state',
      'cluster.json',
      '--task-definition',
      'web:1',
      '--seed',
      'demo',
    );
    expect(fromFile.code).toBe(0);
    // The same seed places the same way (createdAt is the clock and differs).
    const placed = (stdout: string) =>
      JSON.parse(stdout).tasks.map((t: { taskArn: string; containerInstanceArn: string }) => [
        t.taskArn,
        t.containerInstanceArn,
      ]);
    expect(placed(fromFile.stdout)).toEqual(placed(inline.stdout));
  });

  it('a missing file is a usage error naming the option', async () => {
    const run = await cli(
      'list-container-instances',
      '--cluster-state',
      'cluster.json',
      '--filter',
      'file://nope.txt',
    );
    expect(run.code).toBe(252);
    expect(run.stderr).toContain(
      "Error parsing parameter '--filter': Unable to load paramfile file://nope.txt",
    );
  });

  it.each([
    ['list-container-instances', '--filter'],
    ['run-task', '--task-definition'],
    ['run-task', '--overrides'],
  ])(
    'fileb:// is refused by %s %s (it is for binary parameters, and these take text)',
    async (command, flag) => {
      await writeFile(join(dir, 'value.txt'), 'web:1');
      const args =
        command === 'run-task' && flag !== '--task-definition'
          ? ['--task-definition', 'web:1']
          : [];
      const run = await cli(
        command,
        '--cluster-state',
        'cluster.json',
        ...args,
        flag,
        'fileb://value.txt',
      );
      expect(run.code).toBe(252);
      expect(run.stderr).toContain(
        `fileb:// is for binary (blob) parameters and ${flag} takes text; use file://`,
      );
    },
  );
});

describe('integers are strict', () => {
  it.each([' 2', '2 ', '2_0', '\u0662', '0x2', '2.0', '1e1', ''])(
    '--count %j is refused (252)',
    async (count) => {
      const run = await cli(
        'run-task',
        '--cluster-state',
        'cluster.json',
        '--task-definition',
        'web:1',
        '--count',
        count,
      );
      expect(run.code).toBe(252);
      expect(run.stderr).toContain(
        `Invalid value for parameter count: expected an integer, got ${JSON.stringify(count)}`,
      );
    },
  );

  it.each([
    ['2', 2],
    ['+2', 2],
    ['02', 2],
  ])('--count %j is %i', async (count, tasks) => {
    const run = await cli(
      'run-task',
      '--cluster-state',
      'cluster.json',
      '--task-definition',
      'web:1',
      '--count',
      count,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).tasks).toHaveLength(tasks);
  });

  it('a negative count reaches the service rules (InvalidParameterException, 254)', async () => {
    const run = await cli(
      'run-task',
      '--cluster-state',
      'cluster.json',
      '--task-definition',
      'web:1',
      '--count',
      '-1',
    );
    expect(run.code).toBe(254);
  });

  it('a shorthand integer with spaces around it is fine (shorthand trims), a quoted one is not', async () => {
    const base = [
      'run-task',
      '--cluster-state',
      'cluster.json',
      '--task-definition',
      'web:1',
      '--overrides',
    ];
    expect((await cli(...base, 'containerOverrides=[{name=app,cpu= 128 }]')).code).not.toBe(252);
    const quoted = await cli(...base, 'containerOverrides=[{name=app,cpu=" 128"}]');
    expect(quoted.code).toBe(252);
    expect(quoted.stderr).toContain('expected an integer, got " 128"');
  });
});

describe('a UTF-8 byte-order mark', () => {
  it('is accepted at the start of a snapshot, and --save writes the file without it', async () => {
    const text = await readFile(join(dir, 'cluster.json'));
    await writeFile(join(dir, 'bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
    const list = await cli('list-container-instances', '--cluster-state', 'bom.json');
    expect(list.code).toBe(0);
    const save = await cli(
      'run-task',
      '--cluster-state',
      'bom.json',
      '--task-definition',
      'web:1',
      '--save',
    );
    expect(save.code).toBe(0);
    const saved = await readFile(join(dir, 'bom.json'));
    expect(saved[0]).toBe('{'.charCodeAt(0));
  });

  it('is accepted at the start of a file:// value', async () => {
    await writeFile(join(dir, 'request.json'), '\ufeff{"taskDefinition": "web:1", "count": 2}');
    const run = await cli(
      'run-task',
      '--cluster-state',
      'cluster.json',
      '--cli-input-json',
      'file://request.json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).tasks).toHaveLength(2);
  });
});

describe('the size limit of a snapshot', () => {
  it('a file larger than a JavaScript string can hold is refused plainly, without reading it', async () => {
    const path = join(dir, 'huge.json');
    const handle = await open(path, 'w');
    await handle.truncate(MAX_SNAPSHOT_BYTES + 1); // sparse: no disk space, no read
    await handle.close();
    const run = await cli('list-container-instances', '--cluster-state', 'huge.json');
    expect(run.code).toBe(255);
    expect(run.stderr).toBe(
      'ecs-placement list-container-instances: error: the cluster state huge.json is too large (536,870,889 bytes): a snapshot can be at most 536,870,888 bytes, the longest text JavaScript can hold\n',
    );
  });
});
