import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_WIDTH, reportWidth } from '../../src/cli/report-width.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { visibleWidth } from '../../src/cli/wrap-text.js';
import { runCli } from './run-cli.js';

const write = () => true;

describe('reportWidth', () => {
  it("uses the terminal's width when stderr is a terminal", () => {
    expect(reportWidth({ write, isTTY: true, columns: 132 }, { COLUMNS: '90' })).toBe(132);
  });

  it('uses COLUMNS, then the default, when stderr is not a terminal', () => {
    expect(reportWidth({ write, columns: 132 }, { COLUMNS: '90' })).toBe(90);
    expect(reportWidth({ write }, {})).toBe(DEFAULT_REPORT_WIDTH);
    expect(reportWidth({ write }, { COLUMNS: 'wide' })).toBe(DEFAULT_REPORT_WIDTH);
  });

  it('never goes below a usable width', () => {
    expect(reportWidth({ write, isTTY: true, columns: 12 }, {})).toBe(40);
  });
});

const widest = (text: string) => Math.max(...text.split('\n').map(visibleWidth));

describe('run-task --explain width', () => {
  const argv = [
    'run-task',
    '--cluster-state',
    'small-cluster.json',
    '--task-definition',
    'big',
    '--placement-constraints',
    'type=memberOf,expression="attribute:ecs.instance-type =~ t2.* and attribute:stack == prod"',
    '--placement-strategy',
    'type=spread,field=attribute:ecs.availability-zone',
    '--explain',
  ];
  it.each([80, 120])('fits a %i-column terminal', async (columns) => {
    const run = await runCli(argv, { tty: true, columns, env: { NO_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('failing: attribute:stack == prod');
    expect(widest(run.stderr)).toBeLessThanOrEqual(columns);
  });

  it('fits the default width when stderr is not a terminal', async () => {
    const run = await runCli(argv);
    expect(widest(run.stderr)).toBeLessThanOrEqual(DEFAULT_REPORT_WIDTH);
  });
});

describe('run-task --explain at 80 columns, with real-length identifiers', () => {
  // Container instance ids are 32 hex digits, EC2 ids 19 characters; one instance has
  // 120 GiB of memory, so binpack scores have 6 digits.
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  const ids = [
    '3f6c2a9e8b1d4c7fa05e6b2d9c8a7f41',
    '7a0e4d2c9b3f4e18a6c5d7e2f1b0a953',
    'b41d9e7c2a6f4b03c8e5a1d0f7296e2c',
    'e15b8c4d6a2f4e97d3a0b9c8e7f6d512',
    '0c2e4a6b8d1f3e5a7c9b0d2f4e6a8c1b',
  ];
  const ec2 = (i: number) => `i-0${'abcdef0123456789'.slice(i, i + 16).padEnd(16, '0')}`;
  const snapshot = snapshotOf({
    clusterName: 'production-web',
    instances: ids.map((id, i) =>
      containerInstance({
        id,
        cluster: 'production-web',
        ec2InstanceId: ec2(i),
        memory: i === 2 ? 122880 : 4096,
        attributes: {
          'ecs.availability-zone': zones[i % 3]!,
          'ecs.instance-type': i === 4 ? 't3.large' : 'm5.xlarge',
          stack: i === 3 ? 'staging' : 'prod',
        },
      }),
    ),
    taskDefinitions: [
      taskDefinition('web', [{ name: 'app', image: 'nginx', cpu: 256, memory: 512 }]),
    ],
  });
  const expression = 'attribute:ecs.instance-type =~ m5.* and attribute:stack == prod';
  const identifiers = [
    ...ids,
    ...ids.map((_, i) => ec2(i)),
    'attribute:ecs.availability-zone',
    'attribute:ecs.instance-type',
    'production-web',
    'family:web',
  ];
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecs-placement-width-'));
    await writeFile(join(dir, 'cluster.json'), JSON.stringify(snapshot));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const explain = (mode: string, columns: number) =>
    runCli(
      [
        'run-task',
        '--cluster-state',
        'cluster.json',
        '--cluster',
        'production-web',
        '--task-definition',
        'web',
        '--count',
        '2',
        '--placement-constraints',
        `type=memberOf,expression="${expression}"`,
        '--placement-strategy',
        'type=spread,field=attribute:ecs.availability-zone',
        'type=binpack,field=memory',
        '--explain',
        mode,
      ],
      { cwd: dir, tty: true, columns, env: { NO_COLOR: '1' } },
    );
  const occurrences = (text: string, word: string) => text.split(word).length - 1;

  it.each(['full', 'summary'])('%s: fits, and splits no identifier', async (mode) => {
    const narrow = await explain(mode, 80);
    const wide = await explain(mode, 400);
    expect(narrow.code).toBe(0);
    expect(widest(narrow.stderr)).toBeLessThanOrEqual(80);
    for (const word of identifiers) {
      // A split identifier would be found fewer times than in the unwrapped report.
      expect(occurrences(narrow.stderr, word), word).toBe(occurrences(wide.stderr, word));
    }
    // The chosen instance and its EC2 id, whole on one line.
    expect(narrow.stderr).toMatch(
      mode === 'full'
        ? /Chosen: [0-9a-f]{32} \(i-0[0-9a-f]{16}\)\n/
        : /Task 1 of 2: [0-9a-f]{32} \(i-0[0-9a-f]{16}\)\n/,
    );
  });

  it('full: shows the memberOf expression once per task, not on every row', async () => {
    const run = await explain('full', 80);
    expect(occurrences(run.stderr, 'memberOf expression:')).toBe(2);
    const rows = run.stderr.split('\n').filter((line) => line.includes('│'));
    expect(rows.some((row) => row.includes('expression'))).toBe(false);
    // Two instances fail it (t3.large; stack staging), and say which comparison failed.
    expect(occurrences(run.stderr, 'MemberOf placement constraint')).toBe(4);
    expect(run.stderr).toContain('Cluster: production-web');
    expect(run.stderr).toMatch(/│ 0c2e4a6b8d1f3e5a7c9b0d2f4e6a8c1b │/);
  });
});
