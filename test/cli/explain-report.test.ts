import { describe, expect, it } from 'vitest';
import { renderExplainReport } from '../../src/cli/explain-report.js';
import { visibleWidth } from '../../src/cli/wrap-text.js';
import type { InstanceVerdict, PlacementExplanation } from '../../src/placement/explanation.js';

const ARN = (id: string) => `arn:aws:ecs:us-east-1:123456789012:container-instance/default/${id}`;

const memberOfFailure = {
  check: 'MemberOf' as const,
  reason: 'MemberOf placement constraint unsatisfied.',
  detail: 'the memberOf expression is false on this instance',
  expression: 'attribute:ecs.instance-type == t2.small and attribute:stack == prod',
  failing: [
    {
      text: 'attribute:ecs.instance-type == t2.small',
      span: { start: 0, end: 39 },
      observed: 't2.micro',
    },
    { text: 'attribute:stack == prod', span: { start: 44, end: 67 }, observed: null },
  ],
};

const explanation: PlacementExplanation = {
  seed: 'seed 42',
  summary: '1 of 1 task placed',
  tasks: [
    {
      taskIndex: 0,
      candidates: 3,
      feasible: 1,
      verdicts: [
        {
          containerInstanceArn: ARN('aaaa'),
          ec2InstanceId: 'i-0aaaa',
          failures: [],
        },
        {
          containerInstanceArn: ARN('bbbb'),
          ec2InstanceId: 'i-0bbbb',
          failures: [
            {
              check: 'RESOURCE:MEMORY',
              reason: 'RESOURCE:MEMORY',
              detail: 'needs 512 MiB of memory, 256 free',
              needed: 512,
              available: 256,
            },
            memberOfFailure,
          ],
        },
        {
          containerInstanceArn: ARN('cccc'),
          failures: [
            {
              check: 'ATTRIBUTE',
              reason: 'ATTRIBUTE',
              detail: 'lacks required attributes',
              missingAttributes: ['com.amazonaws.ecs.capability.ecr-auth'],
            },
            {
              check: 'RESOURCE:PORTS',
              reason: 'RESOURCE:PORTS',
              detail: 'host port 80 is taken',
              takenPorts: [80],
            },
            {
              check: 'DistinctInstance',
              reason: 'DistinctInstance placement constraint unsatisfied.',
              detail: 'a task of the same group runs here',
              group: 'family:web',
            },
          ],
        },
      ],
      steps: [
        {
          strategy: { type: 'spread', field: 'attribute:ecs.availability-zone' },
          ranking: [{ containerInstanceArn: ARN('aaaa'), key: 'us-east-1a', score: 0, kept: true }],
        },
        {
          strategy: { type: 'binpack', field: 'memory' },
          ranking: [
            { containerInstanceArn: ARN('aaaa'), key: 'memory 2048', score: 2048, kept: true },
          ],
        },
      ],
      tieBreak: { among: 1, chosen: 0 },
      chosen: ARN('aaaa'),
      summary: '1/3 instances feasible: 1 RESOURCE:MEMORY, 1 ATTRIBUTE',
    },
  ],
};

describe('renderExplainReport', () => {
  // Wide enough for the natural layout; narrower widths are tested below.
  const report = renderExplainReport(explanation, { color: false, width: 200 });

  it('starts with the summary and the seed', () => {
    expect(report).toContain('Summary: 1 of 1 task placed');
    expect(report).toContain("Seed: seed 42  (rerun with --seed 'seed 42' to reproduce)");
  });

  it('lists every failing check of every instance, with its details', () => {
    expect(report).toContain('Task 1 of 1');
    expect(report).toContain('1/3 instances feasible: 1 RESOURCE:MEMORY, 1 ATTRIBUTE');
    expect(report).toContain('Cluster: default');
    expect(report).toMatch(/│ bbbb +│ RESOURCE:MEMORY: needs 512 MiB of memory, 256 free/);
    expect(report).toMatch(/│ i-0bbbb +│/);
    expect(report).toContain('RESOURCE:MEMORY: needs 512 MiB of memory, 256 free');
    expect(report).toContain('needed 512, available 256, short by 256');
    expect(report).toContain(
      'failing: attribute:ecs.instance-type == t2.small (columns 1-39), observed "t2.micro"',
    );
    expect(report).toContain('failing: attribute:stack == prod (columns 45-67), observed no value');
    expect(report).toContain('missing attributes: com.amazonaws.ecs.capability.ecr-auth');
    expect(report).toContain('ports already taken: 80');
    expect(report).toContain('group already on the instance: family:web');
    expect(report).toContain('none (feasible)');
  });

  it('shows each strategy rule, the tie-break and the chosen instance', () => {
    expect(report).toContain('Strategy rule 1: spread(attribute:ecs.availability-zone)');
    expect(report).toContain('Strategy rule 2: binpack(memory)');
    expect(report).toMatch(/us-east-1a\s*│\s*0\s*│\s*yes/);
    expect(report).toContain(
      'Tie-break: uniform random choice among 1 remaining candidate(s), took #1',
    );
    expect(report).toContain('Chosen: aaaa (i-0aaaa)');
  });

  it('shows a memberOf expression once, above the table, whole however long', () => {
    const expression = `attribute:ecs.instance-type in [${Array.from({ length: 20 }, (_, i) => `t${i}.large`).join(', ')}]`;
    const verdicts: InstanceVerdict[] = ['dddd', 'eeee'].map((id) => ({
      containerInstanceArn: ARN(id),
      failures: [{ ...memberOfFailure, expression }],
    }));
    const text = renderExplainReport(
      { ...explanation, tasks: [{ ...explanation.tasks[0]!, verdicts }] },
      { color: false, width: 80 },
    );
    const [above = '', table = ''] = text.split('Instances and their failing checks:');
    expect(above.replace(/\s+/g, '')).toContain(
      `memberOfexpression:${expression.replace(/\s+/g, '')}`,
    );
    expect(table).not.toContain('t19.large');
    expect(table.match(/MemberOf placement constraint/g)).toHaveLength(2);
  });

  it('numbers the expressions when a task has several memberOf constraints', () => {
    const other = { ...memberOfFailure, expression: 'attribute:stack == prod' };
    const verdicts: InstanceVerdict[] = [
      { containerInstanceArn: ARN('dddd'), failures: [memberOfFailure] },
      { containerInstanceArn: ARN('eeee'), failures: [other] },
    ];
    const text = renderExplainReport(
      { ...explanation, tasks: [{ ...explanation.tasks[0]!, verdicts }] },
      { color: false, width: 200 },
    );
    expect(text).toContain(`memberOf expression 1: ${memberOfFailure.expression}`);
    expect(text).toContain('memberOf expression 2: attribute:stack == prod');
    expect(text).toMatch(/│ eeee +│ MemberOf placement constraint unsatisfied\. \(expression 2\)/);
  });

  it.each([80, 120])('fits every line in %i columns, colours or not', (width) => {
    for (const color of [false, true]) {
      const text = renderExplainReport(explanation, { color, width });
      for (const line of text.split('\n')) {
        expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('keeps its natural layout when the width allows it', () => {
    expect(renderExplainReport(explanation, { color: false, width: 200 })).toContain(
      'failing: attribute:ecs.instance-type == t2.small (columns 1-39), observed "t2.micro"',
    );
  });

  it('numbers tasks out of the count asked for, and says which were not tried', () => {
    const text = renderExplainReport(explanation, { color: false, width: 200, count: 3 });
    expect(text).toContain('Task 1 of 3');
    expect(text).toContain(
      '2 more tasks were not tried: placement stops at the first task that cannot be placed.',
    );
    expect(report).toContain('Task 1 of 1');
    expect(report).not.toContain('not tried');
  });

  it('has no colour codes unless asked, and some when asked', () => {
    expect(report).not.toContain('\u001b[');
    expect(renderExplainReport(explanation, { color: true })).toContain('\u001b[');
  });

  it('shows the first rows of a long table and counts the rest', () => {
    const many: InstanceVerdict[] = Array.from({ length: 45 }, (_, i) => ({
      containerInstanceArn: ARN(`id${String(i).padStart(2, '0')}`),
      failures: [memberOfFailure],
    }));
    const task = { ...explanation.tasks[0]!, verdicts: many, chosen: undefined } as const;
    const { chosen: _chosen, ...unplaced } = task;
    const long = renderExplainReport({ ...explanation, tasks: [unplaced] }, { color: false });
    expect(long).toContain('│ id19 ');
    expect(long).not.toContain('id20');
    expect(long).toContain('... 25 more instances');
    expect(long).toContain('Chosen: none, the task could not be placed');
  });
});
