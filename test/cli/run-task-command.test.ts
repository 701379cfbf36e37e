import { chmod, copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_TASK_OPTIONS } from '../../src/cli/run-task-options.js';
import { FIXTURES, runCli } from './run-cli.js';

const ARN = (id: string) => `arn:aws:ecs:us-east-1:123456789012:container-instance/default/${id}`;
const STATE = ['--cluster-state', 'small-cluster.json'];
const WEB = [...STATE, '--task-definition', 'web:1'];

interface Response {
  tasks: { containerInstanceArn?: string; group?: string; lastStatus?: string }[];
  failures: { arn?: string; reason?: string }[];
}

function parseResponse(stdout: string): Response {
  return JSON.parse(stdout) as Response;
}

describe('ecs-placement (top level)', () => {
  it('prints its version and its help', async () => {
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('run-task');
    expect(help.stdout).toContain('list-container-instances');
  });

  it('rejects an unknown command with 252 and usage', async () => {
    const run = await runCli(['start-task']);
    expect(run.code).toBe(252);
    expect(run.stderr).toContain("unknown command 'start-task'");
    expect(run.stderr).toContain('usage: ecs-placement <command> [options]');
  });

  it('`help`, `help <command>` and `<command> --help` print help and exit 0', async () => {
    for (const [argv, shows] of [
      [['help'], 'list-container-instances'],
      [['help', 'run-task'], '--placement-strategy'],
      [['help', 'list-container-instances'], '--filter'],
      [['list-container-instances', '--help'], '--filter'],
      [['run-task', '-h'], '--placement-strategy'],
    ] as const) {
      const run = await runCli([...argv]);
      expect({ argv, code: run.code }).toEqual({ argv, code: 0 });
      expect(run.stdout).toContain(shows);
    }
  });

  it('help for an unknown command, and no command at all, exit 252', async () => {
    expect((await runCli(['help', 'nope'])).code).toBe(252);
    expect((await runCli([])).code).toBe(252);
  });

  it('run-task --help lists every option of the synopsis and ours', async () => {
    const help = await runCli(['run-task', '--help']);
    expect(help.code).toBe(0);
    const flags = [
      ...RUN_TASK_OPTIONS.map((o) => o.flag),
      '--no-enable-ecs-managed-tags',
      '--no-enable-execute-command',
      '--cli-input-json',
      '--cli-input-yaml',
      '--generate-cli-skeleton',
      '--cli-auto-prompt',
      '--cluster-state',
      '--seed',
      '--explain',
      '--save',
    ];
    for (const flag of flags) expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain('Exit status');
  });
});

describe('run-task', () => {
  it('prints the RunTask response as 4-space JSON and exits 0', async () => {
    const run = await runCli(['run-task', ...WEB, '--count', '2']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\{\n {4}"tasks": \[\n {8}\{/);
    const response = parseResponse(run.stdout);
    expect(response.tasks).toHaveLength(2);
    expect(response.failures).toEqual([]);
    for (const task of response.tasks) {
      // Only ACTIVE instances with 512 MiB free can take the task.
      expect([ARN('aaaa1111'), ARN('cccc3333')]).toContain(task.containerInstanceArn);
      expect(task.group).toBe('family:web');
    }
  });

  it('is reproducible: the same seed gives the same placement', async () => {
    const argv = ['run-task', ...WEB, '--count', '3', '--seed', 'abc'];
    const first = await runCli(argv);
    const second = await runCli(argv);
    const arns = (r: { stdout: string }) =>
      parseResponse(r.stdout).tasks.map((t) => t.containerInstanceArn);
    expect(arns(first)).toEqual(arns(second));
  });

  it('applies shorthand constraints with quoted expressions', async () => {
    const run = await runCli([
      'run-task',
      ...WEB,
      '--count',
      '4',
      '--placement-constraints',
      'type=memberOf,expression="attribute:ecs.availability-zone == us-east-1a"',
    ]);
    expect(run.code).toBe(0);
    const response = parseResponse(run.stdout);
    expect(response.tasks.map((t) => t.containerInstanceArn)).toEqual(
      Array(4).fill(ARN('aaaa1111')),
    );
  });

  it('reports tasks that cannot be placed as failures, still exiting 0', async () => {
    const run = await runCli(['run-task', ...STATE, '--task-definition', 'big']);
    expect(run.code).toBe(0);
    const response = parseResponse(run.stdout);
    expect(response.tasks).toEqual([]);
    expect(response.failures).toEqual(
      expect.arrayContaining([{ arn: ARN('aaaa1111'), reason: 'RESOURCE:MEMORY' }]),
    );
  });

  it('binpack on memory fills the fullest instance first', async () => {
    const run = await runCli([
      'run-task',
      ...WEB,
      '--placement-strategy',
      'type=binpack,field=memory',
    ]);
    expect(parseResponse(run.stdout).tasks[0]?.containerInstanceArn).toBe(ARN('aaaa1111'));
  });

  it('spread then binpack: a list option given as several shorthand arguments', async () => {
    const run = await runCli([
      'run-task',
      ...WEB,
      '--count',
      '2',
      '--placement-strategy',
      'type=spread,field=attribute:ecs.availability-zone',
      'type=binpack,field=memory',
    ]);
    expect(run.code).toBe(0);
    // One task per zone: us-east-1a has only aaaa1111; in us-east-1b only cccc3333 fits.
    expect(
      parseResponse(run.stdout)
        .tasks.map((t) => t.containerInstanceArn)
        .sort(),
    ).toEqual([ARN('aaaa1111'), ARN('cccc3333')]);
  });
});

describe('run-task errors and exit statuses', () => {
  it('254 with the AWS CLI message for a service error', async () => {
    const run = await runCli(['run-task', ...WEB, '--cluster', 'nope']);
    expect(run).toEqual({
      code: 254,
      stdout: '',
      stderr: expect.stringMatching(
        /^\nAn error occurred \(ClusterNotFoundException\) when calling the RunTask operation: .+\n$/,
      ),
    });
  });

  it('254 InvalidParameterException for a bad expression and for a cluster without instances', async () => {
    const badCql = await runCli([
      'run-task',
      ...WEB,
      '--placement-constraints',
      'type=memberOf,expression="attribute:ecs.instance-type =="',
    ]);
    expect(badCql.code).toBe(254);
    expect(badCql.stderr).toContain(
      'An error occurred (InvalidParameterException) when calling the RunTask operation: ',
    );
    const empty = await runCli(['run-task', ...WEB, '--cluster', 'empty']);
    expect(empty.code).toBe(254);
    expect(empty.stderr).toContain('No Container Instances were found in your cluster.');
  });

  it.each<[string, string[], string]>([
    ['an unknown option', [...WEB, '--colour', 'red'], "unknown option '--colour'"],
    ['a non-integer count', [...WEB, '--count', 'abc'], 'expected an integer, got "abc"'],
    ['no task definition', [...STATE], 'the following arguments are required: --task-definition'],
    ['no cluster state', ['--task-definition', 'web:1'], 'required: --cluster-state'],
    [
      'bad shorthand',
      [...WEB, '--placement-strategy', 'type=spread,field=[host'],
      "Error parsing parameter '--placement-strategy': expected ']'",
    ],
    ['a missing option value', [...WEB, '--count'], "option '--count <value>' argument missing"],
    [
      'auto-prompt without a terminal',
      [...WEB, '--cli-auto-prompt'],
      'needs an interactive terminal',
    ],
  ])('252 with usage for %s', async (_what, argv, reason) => {
    const run = await runCli(['run-task', ...argv]);
    expect(run.code).toBe(252);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(reason);
    expect(run.stderr).toContain(
      'usage: ecs-placement run-task --cluster-state FILE --task-definition <value> [options]',
    );
  });

  describe('255 when the cluster state cannot be loaded', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cli-state-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each<[string, string, string]>([
      ['missing.json', '', 'could not read the cluster state missing.json'],
      ['broken.json', '{\n  "region": "us-east-1",\n  oops\n}', 'is not valid JSON'],
      [
        'invalid.json',
        '{"region":"us-east-1","accountId":"123456789012","clusters":[{"clusterName":"x","containerInstances":[{"status":"ACTIVE"}],"tasks":[]}],"taskDefinitions":[]}',
        'is invalid at $.clusters[0].containerInstances[0]',
      ],
    ])('%s', async (file, content, message) => {
      if (content) await writeFile(join(dir, file), content);
      const run = await runCli(
        ['run-task', '--cluster-state', file, '--task-definition', 'web:1'],
        { cwd: dir },
      );
      expect(run.code).toBe(255);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
    });

    it('names the line and column of a JSON syntax error', async () => {
      await writeFile(join(dir, 'broken.json'), '{\n  "region": "us-east-1",\n  oops\n}');
      const run = await runCli(
        ['run-task', '--cluster-state', 'broken.json', '--task-definition', 'x'],
        {
          cwd: dir,
        },
      );
      expect(run.stderr).toContain('line 3, column 3');
    });
  });
});

describe('run-task --generate-cli-skeleton', () => {
  it('input forms need neither --cluster-state nor --task-definition', async () => {
    const run = await runCli(['run-task', '--generate-cli-skeleton']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('taskDefinition', '');
    const yaml = await runCli(['run-task', '--generate-cli-skeleton', 'yaml-input']);
    expect(yaml.stdout).toContain('taskDefinition: "" # [REQUIRED]');
  });

  it('output validates the command inputs first (the seed), without --cluster-state', async () => {
    const skeleton = ['run-task', '--generate-cli-skeleton', 'output'];
    const output = await runCli([...skeleton, '--task-definition', 'web:1']);
    expect(output.code).toBe(0);
    expect(JSON.parse(output.stdout)).toHaveProperty('failures');
    const missing = await runCli(skeleton);
    expect(missing.code).toBe(252);
    expect(missing.stderr).toContain('required: --task-definition');
    expect(missing.stdout).toBe('');
    const badType = await runCli([...skeleton, '--task-definition', 'web:1', '--count', 'abc']);
    expect(badType.code).toBe(252);
    const fromInput = await runCli([...skeleton, '--cli-input-json', '{"taskDefinition":"web"}']);
    expect(fromInput.code).toBe(0);
  });
});

describe('run-task --cli-auto-prompt', () => {
  it('asks for the task definition and the optional parameters on a terminal, then runs', async () => {
    // Task definition, then: strategy skipped, cluster, count; the input then ends.
    const run = await runCli(['run-task', ...STATE, '--cli-auto-prompt'], {
      tty: true,
      input: 'web:1\n\ndefault\n2\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--task-definition (family, family:revision or ARN): ');
    const json = run.stdout.slice(run.stdout.indexOf('{\n'));
    expect(parseResponse(json).tasks).toHaveLength(2);
  });
});

describe('run-task --cli-input-json', () => {
  it('runs the request from a file, with command-line options overriding it', async () => {
    const run = await runCli([
      'run-task',
      ...STATE,
      '--cli-input-json',
      'file://params/request.json',
      '--count',
      '1',
      '--group',
      'cli-group',
    ]);
    expect(run.code).toBe(0);
    const response = parseResponse(run.stdout);
    expect(response.tasks).toHaveLength(1);
    expect(response.tasks[0]?.group).toBe('cli-group');
  });
});

describe('run-task --explain', () => {
  it('prints the report on stderr and the same response as without --explain on stdout', async () => {
    const argv = ['run-task', ...WEB, '--count', '2', '--seed', 's1'];
    const plain = await runCli(argv);
    const explained = await runCli([...argv, '--explain']);
    expect(explained.code).toBe(0);
    // Identical but for the clock.
    const withoutClock = (text: string) => text.replace(/"createdAt": "[^"]+"/g, '"createdAt": ""');
    expect(withoutClock(explained.stdout)).toBe(withoutClock(plain.stdout));
    expect(explained.stderr).toContain('Placement explanation');
    expect(explained.stderr).toContain('Summary: placed 2/2 tasks');
    expect(explained.stderr).toContain('Seed: s1');
    // bbbb2222 has 256 MiB free for a 512 MiB task.
    expect(explained.stderr).toContain('Cluster: default');
    expect(explained.stderr).toMatch(/│ bbbb2222 +│ RESOURCE:MEMORY/);
    expect(explained.stderr).toMatch(/Chosen: (aaaa1111 \(i-0aaaa1111\)|cccc3333 \(i-0cccc3333\))/);
  });

  it('explains every failing check, including memberOf sub-expressions with observed values', async () => {
    const run = await runCli(
      [
        'run-task',
        ...STATE,
        '--task-definition',
        'big',
        '--placement-constraints',
        'type=memberOf,expression="attribute:ecs.instance-type == t2.large"',
        '--explain',
      ],
      { env: { COLUMNS: '200' } },
    ); // wide enough that no fact is wrapped mid-phrase
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('RESOURCE:MEMORY');
    expect(run.stderr).toContain('failing: attribute:ecs.instance-type == t2.large');
    expect(run.stderr).toContain('observed "t2.small"');
    expect(run.stderr).toContain('Chosen: none, the task could not be placed');
  });

  it('colours the report only on a terminal without NO_COLOR', async () => {
    const argv = ['run-task', ...WEB, '--explain'];
    expect((await runCli(argv)).stderr).not.toContain('\u001b[');
    expect((await runCli(argv, { tty: true })).stderr).toContain('\u001b[');
    expect((await runCli(argv, { tty: true, env: { NO_COLOR: '1' } })).stderr).not.toContain(
      '\u001b[',
    );
  });
});

describe('run-task --save', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-save-'));
    file = join(dir, 'cluster.json');
    await copyFile(join(FIXTURES, 'small-cluster.json'), file);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('without --save the file is untouched', async () => {
    const before = await readFile(file);
    const run = await runCli(['run-task', '--cluster-state', file, '--task-definition', 'web:1']);
    expect(run.code).toBe(0);
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it('records the placed tasks, keeps the file mode and leaves no temporary file', async () => {
    await chmod(file, 0o600);
    const run = await runCli([
      'run-task',
      '--cluster-state',
      file,
      '--task-definition',
      'web:1',
      '--count',
      '2',
      '--save',
    ]);
    expect(run.code).toBe(0);
    const placed = parseResponse(run.stdout).tasks;
    const saved = JSON.parse(await readFile(file, 'utf8'));
    const savedTasks: { taskArn: string }[] = saved.clusters[0].tasks;
    expect(savedTasks.map((t) => t.taskArn).sort()).toEqual(
      placed.map((t) => (t as { taskArn: string }).taskArn).sort(),
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['cluster.json']);
  });

  it('a later run sees the saved tasks (distinctInstance across calls)', async () => {
    const argv = [
      'run-task',
      '--cluster-state',
      file,
      '--task-definition',
      'web:1',
      '--placement-constraints',
      'type=distinctInstance',
      '--save',
    ];
    const first = await runCli([...argv, '--count', '2']);
    expect(parseResponse(first.stdout).tasks).toHaveLength(2);
    const second = await runCli(argv);
    const response = parseResponse(second.stdout);
    expect(response.tasks).toEqual([]);
    expect(response.failures.map((f) => f.reason)).toContain(
      'DistinctInstance placement constraint unsatisfied.',
    );
  });

  it('when the save fails, exits 255 without a response and leaves the file as it was', async () => {
    // A name the file system accepts but whose temporary sibling is too long to create.
    const longName = join(dir, `${'c'.repeat(240)}.json`);
    await copyFile(file, longName);
    const before = await readFile(longName);
    const run = await runCli([
      'run-task',
      '--cluster-state',
      longName,
      '--task-definition',
      'web:1',
      '--save',
    ]);
    expect(run.code).toBe(255);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('could not save the cluster state');
    expect(run.stderr).toContain('(left unchanged, nothing was placed)');
    expect((await readFile(longName)).equals(before)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([`${'c'.repeat(240)}.json`, 'cluster.json']);
  });

  it('a service error writes nothing', async () => {
    const before = await readFile(file);
    const argv = ['run-task', '--cluster-state', file, '--task-definition', 'web:1', '--save'];
    const run = await runCli([...argv, '--count', '11']);
    expect(run.code).toBe(254);
    expect((await readFile(file)).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual(['cluster.json']);
  });

  it('a run that places no task leaves the file as it was (only failures: nothing to record)', async () => {
    const before = await readFile(file);
    const run = await runCli([
      'run-task',
      '--cluster-state',
      file,
      '--task-definition',
      'big',
      '--save',
    ]);
    expect(run.code).toBe(0);
    expect(parseResponse(run.stdout).failures.length).toBeGreaterThan(0);
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it('with --explain, saves exactly the placement the report describes', async () => {
    const run = await runCli([
      'run-task',
      '--cluster-state',
      file,
      '--task-definition',
      'web:1',
      '--explain',
      '--save',
      '--seed',
      'x',
    ]);
    const chosen = /Chosen: (\S+)/.exec(run.stderr)?.[1];
    expect(parseResponse(run.stdout).tasks[0]?.containerInstanceArn).toBe(ARN(chosen ?? '?'));
  });
});
