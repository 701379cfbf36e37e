import { describe, expect, test } from 'vitest';
import type { CheckFailure, InstanceVerdict } from '../../src/placement/explanation.js';
import { failureReasonOf } from '../../src/placement/checks/registry.js';
import { summarizeVerdicts } from '../../src/placement/trace-summary.js';

const memberOf = (expression: string): CheckFailure => ({
  check: 'MemberOf',
  reason: failureReasonOf('MemberOf'),
  detail: `\`${expression}\` is false`,
  expression,
  failing: [],
});
const simple = (check: 'RESOURCE:MEMORY' | 'DistinctInstance' | 'AGENT'): CheckFailure => ({
  check,
  reason: failureReasonOf(check),
  detail: check,
});
const verdict = (n: number, failures: CheckFailure[]): InstanceVerdict => ({
  containerInstanceArn: `arn:aws:ecs:us-east-1:123456789012:container-instance/default/i${n}`,
  failures,
});

describe('summarizeVerdicts', () => {
  test('the issue example: counts of first failing checks, most frequent first', () => {
    const g2 = memberOf('attribute:ecs.instance-type =~ g2.*');
    const verdicts = [
      ...Array.from({ length: 2 }, (_, n) => verdict(n, [simple('DistinctInstance')])),
      ...Array.from({ length: 3 }, (_, n) => verdict(10 + n, [simple('RESOURCE:MEMORY'), g2])),
      ...Array.from({ length: 7 }, (_, n) => verdict(20 + n, [g2])),
    ];
    expect(summarizeVerdicts(verdicts)).toBe(
      '0/12 instances: 7 MemberOf (`attribute:ecs.instance-type =~ g2.*`), 3 RESOURCE:MEMORY, 2 DistinctInstance',
    );
  });

  test('equal counts are listed in check order whatever the order of the instances', () => {
    const verdicts = [
      verdict(0, [simple('DistinctInstance')]),
      verdict(1, [memberOf('attribute:b == 1')]),
      verdict(2, [memberOf('attribute:a == 1')]),
      verdict(3, [simple('RESOURCE:MEMORY')]),
      verdict(4, [simple('AGENT')]),
      verdict(5, []),
    ];
    const expected =
      '1/6 instances: 1 AGENT, 1 RESOURCE:MEMORY, 1 MemberOf (`attribute:a == 1`), 1 MemberOf (`attribute:b == 1`), 1 DistinctInstance';
    expect(summarizeVerdicts(verdicts)).toBe(expected);
    expect(summarizeVerdicts([...verdicts].reverse())).toBe(expected);
  });
});
