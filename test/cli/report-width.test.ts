import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_WIDTH, reportWidth } from '../../src/cli/report-width.js';
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
  const widest = (text: string) => Math.max(...text.split('\n').map(visibleWidth));

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
