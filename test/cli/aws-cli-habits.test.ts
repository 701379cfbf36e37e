/**
 * The AWS CLI's habits on run-task and list-container-instances: --output, --query, the
 * global options, --now and --explain modes, through the whole command.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run-cli.js';

const ARN = (id: string) => `arn:aws:ecs:us-east-1:123456789012:container-instance/default/${id}`;
const STATE = ['--cluster-state', 'small-cluster.json'];
const WEB = ['run-task', ...STATE, '--task-definition', 'web:1'];
const BIG = ['run-task', ...STATE, '--task-definition', 'big'];
const UTC = { env: { TZ: 'UTC' } };

describe('--query', () => {
  it("selects from the response: --query 'tasks[].containerInstanceArn'", async () => {
    const run = await runCli([...WEB, '--count', '2', '--query', 'tasks[].containerInstanceArn']);
    expect(run.code).toBe(0);
    // spread over instances by default (random with the fixed seed): two different ones
    // among the two with room.
    const arns = JSON.parse(run.stdout) as string[];
    expect(arns).toHaveLength(2);
    expect(new Set(arns).size).toBe(2);
    for (const arn of arns) expect([ARN('aaaa1111'), ARN('cccc3333')]).toContain(arn);
    expect(run.stdout).toMatch(/^\[\n {4}"arn:aws:ecs:/);
  });

  it("prints a lone value as text: --query 'failures[0].reason' --output text", async () => {
    const run = await runCli([...BIG, '--query', 'failures[0].reason', '--output', 'text']);
    expect(run).toMatchObject({ code: 0, stdout: 'RESOURCE:MEMORY\n' });
  });

  it('fails fast on an expression that does not parse (252), before reading the snapshot', async () => {
    const run = await runCli([
      'run-task',
      '--cluster-state',
      'missing.json',
      '--task-definition',
      'web:1',
      '--query',
      'tasks[',
    ]);
    expect(run.code).toBe(252);
    expect(run.stderr).toContain('Bad value for --query tasks[:');
    expect(run.stdout).toBe('');
  });

  it('fails with 255 when the expression fails on the data, and then saves nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecs-placement-query-'));
    try {
      const file = join(dir, 'cluster.json');
      await copyFile(join(FIXTURES, 'small-cluster.json'), file);
      const before = await readFile(file);
      const run = await runCli([
        'run-task',
        '--cluster-state',
        file,
        '--task-definition',
        'web:1',
        '--save',
        '--query',
        'length(`1`)',
      ]);
      expect(run.code).toBe(255);
      expect(run.stderr).toContain('error: --query length(`1`):');
      expect(run.stdout).toBe('');
      expect((await readFile(file)).equals(before)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('--output', () => {
  it('prints list-container-instances as text and as a table', async () => {
    const list = ['list-container-instances', ...STATE, '--status', 'DRAINING'];
    const text = await runCli([...list, '--output', 'text']);
    expect(text).toMatchObject({
      code: 0,
      stdout: `CONTAINERINSTANCEARNS\t${ARN('dddd4444')}\n`,
    });
    const table = await runCli([...list, '--output', 'table']);
    expect(table.stdout).toBe(
      [
        '------------------------------------------------------------------------------',
        '|                           ListContainerInstances                           |',
        '+----------------------------------------------------------------------------+',
        '||                           containerInstanceArns                          ||',
        '|+--------------------------------------------------------------------------+|',
        `||  ${ARN('dddd4444')}  ||`,
        '|+--------------------------------------------------------------------------+|',
        '',
      ].join('\n'),
    );
  });

  it('takes the format from AWS_DEFAULT_OUTPUT unless --output is given', async () => {
    const fromEnv = await runCli([...BIG, '--query', 'failures[0].reason'], {
      env: { AWS_DEFAULT_OUTPUT: 'text' },
    });
    expect(fromEnv.stdout).toBe('RESOURCE:MEMORY\n');
    const overridden = await runCli([...BIG, '--query', 'failures[0].reason', '--output', 'json'], {
      env: { AWS_DEFAULT_OUTPUT: 'text' },
    });
    expect(overridden.stdout).toBe('"RESOURCE:MEMORY"\n');
    const bad = await runCli(BIG, { env: { AWS_DEFAULT_OUTPUT: 'xml' } });
    expect(bad.code).toBe(252);
    expect(bad.stderr).toContain("AWS_DEFAULT_OUTPUT: invalid output format 'xml'");
  });

  it('refuses an unknown format, and prints nothing with off', async () => {
    const bad = await runCli([...WEB, '--output', 'xml']);
    expect(bad.code).toBe(252);
    expect(bad.stderr).toContain(
      "argument --output: invalid choice: 'xml' (choose from json, text, table, yaml, yaml-stream, off)",
    );
    expect(await runCli([...WEB, '--output', 'off'])).toMatchObject({ code: 0, stdout: '' });
  });

  it('yaml-stream is the yaml output as the one item of a list', async () => {
    const yaml = await runCli([...BIG, '--output', 'yaml']);
    const stream = await runCli([...BIG, '--output', 'yaml-stream']);
    expect(yaml.stdout.startsWith('failures:\n- arn: ')).toBe(true);
    const indented = yaml.stdout
      .split('\n')
      .filter(Boolean)
      .map((line, i) => `${i === 0 ? '- ' : '  '}${line}\n`)
      .join('');
    expect(stream.stdout).toBe(indented);
  });
});

describe('--now', () => {
  it('makes the output byte-identical from one run to the next, in every format', async () => {
    for (const format of ['json', 'text', 'table', 'yaml']) {
      const argv = [
        ...WEB,
        '--count',
        '2',
        '--now',
        '2026-11-30T06:30:48.123Z',
        '--output',
        format,
      ];
      const first = await runCli(argv, UTC);
      const second = await runCli(argv, UTC);
      expect(first.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(first.stdout).toContain('2026-11-30T06:30:48.123000+00:00');
    }
  });

  it('takes epoch seconds and ISO 8601 with an offset, printing in the local zone', async () => {
    const createdAt = async (now: string, tz: string) =>
      (
        await runCli([...WEB, '--now', now, '--query', 'tasks[0].createdAt', '--output', 'text'], {
          env: { TZ: tz },
        })
      ).stdout;
    expect(await createdAt('1796010648', 'UTC')).toBe('2026-11-30T03:50:48+00:00\n');
    expect(await createdAt('1796010648.5', 'Asia/Kolkata')).toBe(
      '2026-11-30T09:20:48.500000+05:30\n',
    );
    expect(await createdAt('2026-11-30T04:50:48+01:00', 'UTC')).toBe('2026-11-30T03:50:48+00:00\n');
    expect(await createdAt('2026-11-30', 'UTC')).toBe('2026-11-30T00:00:00+00:00\n');
  });

  it('refuses what is not a time (252)', async () => {
    for (const now of ['yesterday', '2026-02-30', '2026-11-30T25:00:00Z', '']) {
      const run = await runCli([...WEB, '--now', now]);
      expect(run.code, now).toBe(252);
      expect(run.stderr).toContain('argument --now: invalid time');
    }
  });
});

describe('global options of the AWS CLI', () => {
  it('accepts them all, and --debug says which were ignored', async () => {
    const run = await runCli([
      ...WEB,
      '--region',
      'us-east-1',
      '--profile',
      'prod',
      '--endpoint-url',
      'http://localhost:4566',
      '--no-cli-pager',
      '--cli-read-timeout',
      '30',
      '--cli-connect-timeout',
      '0',
      '--color',
      'off',
      '--no-paginate',
      '--no-verify-ssl',
      '--ca-bundle',
      '/etc/ssl/ca.pem',
      '--no-sign-request',
      '--debug',
      '--now',
      '2026-11-30T00:00:00Z',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('tasks');
    expect(run.stderr).toContain('ecs-placement run-task: debug: output json (from default)');
    expect(run.stderr).toContain(
      'debug: accepted and ignored (nothing is sent to AWS): --profile prod, --endpoint-url http://localhost:4566, --cli-read-timeout 30, --cli-connect-timeout 0, --ca-bundle /etc/ssl/ca.pem, --no-cli-pager, --no-paginate, --no-verify-ssl, --no-sign-request',
    );
    expect(run.stderr).toContain('now 2026-11-30T00:00:00.000Z');
    expect(run.stderr).toContain('debug: placed 1 task(s), 0 failure(s)');
    expect(run.stderr).not.toContain('unknown option');
  });

  it('prints nothing on stderr without --debug', async () => {
    expect((await runCli(WEB)).stderr).toBe('');
  });

  it('checks values as the AWS CLI does (252)', async () => {
    const cases: Array<[string[], string]> = [
      [
        ['--endpoint-url', 'localhost'],
        'Bad value for --endpoint-url "localhost": scheme is missing',
      ],
      [['--cli-read-timeout', 'soon'], "argument --cli-read-timeout: invalid int value: 'soon'"],
      [
        ['--color', 'always'],
        "argument --color: invalid choice: 'always' (choose from on, off, auto)",
      ],
      [['--region', 'us east'], "Provided region_name 'us east' doesn't match a supported format."],
    ];
    for (const [options, message] of cases) {
      const run = await runCli([...WEB, ...options]);
      expect(run.code, options.join(' ')).toBe(252);
      expect(run.stderr).toContain(message);
    }
  });

  it("answers ClusterNotFoundException for a --region other than the snapshot's", async () => {
    const run = await runCli([...WEB, '--region', 'eu-west-1']);
    expect(run.code).toBe(254);
    expect(run.stderr).toContain(
      'note: --region eu-west-1, but the cluster state small-cluster.json is of region us-east-1',
    );
    expect(run.stderr).toContain(
      'An error occurred (ClusterNotFoundException) when calling the RunTask operation: Cluster not found.',
    );
    const list = await runCli(['list-container-instances', ...STATE, '--region', 'eu-west-1']);
    expect(list.code).toBe(254);
    expect((await runCli([...WEB, '--region', 'us-east-1'])).code).toBe(0);
  });

  it('--color drives the --explain report: on even in a file, off even on a terminal', async () => {
    const on = await runCli([...WEB, '--explain', '--color', 'on']);
    expect(on.stderr).toContain('\u001b[');
    const off = await runCli([...WEB, '--explain', '--color', 'off'], { tty: true, columns: 100 });
    expect(off.stderr).not.toContain('\u001b[');
    const auto = await runCli([...WEB, '--explain'], { tty: true, columns: 100 });
    expect(auto.stderr).toContain('\u001b[');
  });

  it('snapshot import takes them too, but not --output or --query', async () => {
    const run = await runCli(['snapshot', 'import', 'nothing.json', '--output', 'table']);
    expect(run.code).toBe(252);
    expect(run.stderr).toContain(
      '--output is not available here: the snapshot is always written as JSON',
    );
  });
});

describe('--explain modes', () => {
  it('--explain alone is the full report, and may be followed by other options', async () => {
    const run = await runCli([...WEB, '--explain', '--seed', 's1']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Placement explanation');
    expect(run.stderr).toContain('Instances and their failing checks:');
    expect(run.stderr).toContain('Seed: s1');
  });

  it('summary: per task the chosen instance, what decided it and the failing checks', async () => {
    const run = await runCli([
      ...WEB,
      '--count',
      '2',
      '--placement-strategy',
      'type=spread,field=attribute:ecs.availability-zone',
      'type=binpack,field=memory',
      '--explain',
      'summary',
    ]);
    expect(run.code).toBe(0);
    // Task 1: spread keeps aaaa1111 (us-east-1a) and cccc3333 (us-east-1b), both empty of
    // the group; binpack keeps the one with less memory left, aaaa1111 (2048 MiB).
    // Task 2: spread then keeps only cccc3333, the zone without a task of the group.
    expect(run.stderr).toBe(
      [
        'Placement summary: placed 2/2 tasks',
        'Seed: ecs-placement  Cluster: default',
        'Task 1 of 2: aaaa1111 (i-0aaaa1111)',
        '  decided by strategy rule 2, binpack(memory)',
        '  3 candidates, 2 feasible; failing checks: RESOURCE:MEMORY on 1',
        'Task 2 of 2: cccc3333 (i-0cccc3333)',
        '  decided by strategy rule 1, spread(attribute:ecs.availability-zone)',
        '  3 candidates, 2 feasible; failing checks: RESOURCE:MEMORY on 1',
        '',
      ].join('\n'),
    );
  });

  it('summary of a task that fits nowhere', async () => {
    const run = await runCli([...BIG, '--explain', 'summary']);
    expect(run.stderr).toContain('Task 1 of 1: not placed\n  0/3 instances: 3 RESOURCE:MEMORY\n');
    expect(run.stderr).toContain('failing checks: RESOURCE:MEMORY on 3');
  });

  it('json: the explanation object on stderr, the response alone on stdout', async () => {
    const run = await runCli([...WEB, '--explain', 'json', '--seed', 's1', '--output', 'text']);
    expect(run.code).toBe(0);
    const explanation = JSON.parse(run.stderr) as {
      seed: string;
      summary: string;
      tasks: Array<{ chosen: string; verdicts: unknown[] }>;
    };
    expect(explanation.seed).toBe('s1');
    expect(explanation.summary).toBe('placed 1/1 task');
    expect(explanation.tasks[0]?.verdicts).toHaveLength(3);
    expect(run.stdout).toMatch(/^TASKS\t/);
    expect(run.stdout).toContain(explanation.tasks[0]!.chosen);
  });

  it('refuses an unknown mode (252)', async () => {
    const run = await runCli([...WEB, '--explain', 'verbose']);
    expect(run.code).toBe(252);
    expect(run.stderr).toContain(
      "argument --explain: invalid choice: 'verbose' (choose from summary, full, json)",
    );
  });
});

describe('a copied aws command line', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecs-placement-habits-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs unchanged after adding --cluster-state', async () => {
    // aws ecs run-task --region us-east-1 --cluster default --task-definition web:1 \
    //   --output text --query 'tasks[].taskArn' --no-cli-pager
    const run = await runCli(
      [
        'run-task',
        '--region',
        'us-east-1',
        '--cluster',
        'default',
        '--task-definition',
        'web:1',
        '--output',
        'text',
        '--query',
        'tasks[].taskArn',
        '--no-cli-pager',
        '--cluster-state',
        join(FIXTURES, 'small-cluster.json'),
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:task\/default\/[0-9a-f]{32}\n$/,
    );
  });
});
