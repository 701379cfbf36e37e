import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/cql/index.js';
import { type InstanceDescription, viewOf } from './views.js';

function holds(expression: string, instance: InstanceDescription): boolean {
  return compileExpression(expression).matches(viewOf(instance));
}

describe('missing values', () => {
  const absent = {};
  const nameOnly = { attributes: { stack: null } };
  const prod = { attributes: { stack: 'prod' } };

  it.each([
    'attribute:stack == prod',
    'attribute:stack != prod',
    'attribute:stack > a',
    'attribute:stack >= a',
    'attribute:stack < zzz',
    'attribute:stack <= zzz',
    'attribute:stack in [prod, dev]',
    'attribute:stack !in [dev]',
    'attribute:stack =~ .*',
    'attribute:stack !~ dev',
  ])('%s is false without the attribute and on a name-only attribute', (expression) => {
    expect(holds(expression, absent)).toBe(false);
    expect(holds(expression, nameOnly)).toBe(false);
  });

  it('exists holds for a name-only attribute; not_exists only for an absent one', () => {
    expect(holds('attribute:stack exists', nameOnly)).toBe(true);
    expect(holds('attribute:stack exists', absent)).toBe(false);
    expect(holds('attribute:stack !exists', absent)).toBe(true);
    expect(holds('attribute:stack not_exists', nameOnly)).toBe(false);
    expect(holds('attribute:stack not_exists', prod)).toBe(false);
  });

  it('!= excludes instances without the attribute, not(==) includes them', () => {
    expect(holds('attribute:stack != prod', absent)).toBe(false);
    expect(holds('not(attribute:stack == prod)', absent)).toBe(true);
    expect(holds('not(attribute:stack == prod)', prod)).toBe(false);
  });

  it('field subjects without a value fail every comparison but not_exists', () => {
    expect(holds('agentVersion != 1.0', {})).toBe(false);
    expect(holds('agentVersion !exists', {})).toBe(true);
    expect(holds('registeredAt != 2018-01-01', {})).toBe(false);
    expect(holds('registeredAt not_exists', {})).toBe(true);
    expect(holds('ec2InstanceId != i-1', {})).toBe(false);
    expect(holds('ec2InstanceId !in [i-1]', {})).toBe(false);
    expect(holds('ec2InstanceId !~ i-.*', {})).toBe(false);
    expect(holds('ec2InstanceId !exists', {})).toBe(true);
  });

  it('agentConnected and runningTasksCount always exist', () => {
    expect(
      holds('agentConnected exists and runningTasksCount exists', { agentConnected: false }),
    ).toBe(true);
    expect(holds('agentConnected !exists or runningTasksCount !exists', {})).toBe(false);
  });
});

describe('task:group', () => {
  const hosting = (groups: Record<string, number>) => ({ taskGroups: groups });

  it('==, in, =~ hold when some RUNNING-desired task has a matching group', () => {
    const view = hosting({ web: 1, 'batch-7': 2 });
    expect(holds('task:group == web', view)).toBe(true);
    expect(holds('task:group == db', view)).toBe(false);
    expect(holds('task:group in [db, batch-7]', view)).toBe(true);
    expect(holds('task:group =~ batch-.*', view)).toBe(true);
    expect(holds('task:group =~ batch', view)).toBe(false);
  });

  it('!=, not_in, !~ are exact negations: no such task at all', () => {
    const view = hosting({ web: 1, db: 1 });
    expect(holds('task:group != web', view)).toBe(false);
    expect(holds('task:group != cache', view)).toBe(true);
    expect(holds('task:group !in [cache, web]', view)).toBe(false);
    expect(holds('task:group !in [cache]', view)).toBe(true);
    expect(holds('task:group !~ w.*', view)).toBe(false);
    expect(holds('task:group != web', {})).toBe(true);
  });

  it('groups whose count is 0 are not hosted', () => {
    const view = hosting({ web: 0 });
    expect(holds('task:group == web', view)).toBe(false);
    expect(holds('task:group exists', view)).toBe(false);
    expect(holds('task:group !exists', view)).toBe(true);
    expect(holds('task:group exists', hosting({ web: 0, db: 1 }))).toBe(true);
  });

  it('ordering compares some group like an attribute value', () => {
    expect(holds('task:group > m', hosting({ a: 1, web: 1 }))).toBe(true);
    expect(holds('task:group > m', hosting({ a: 1 }))).toBe(false);
  });
});

describe('typed comparisons', () => {
  it.each([
    ['agentVersion < 1.14.5', '1.9.0', true],
    ['agentVersion < 1.14.5', '1.14.5', false],
    ['agentVersion > 1.9', '1.10', true],
    ['agentVersion == 1.9', '1.9.0.0', true],
    ['agentVersion != 1.9', '1.9.0', false],
    ['agentVersion >= 2', '10.0.0', true],
    ['agentVersion <= 1.14.5', '1.14.5', true],
    ['agentVersion < 2', 'not-a-version', false],
    ['agentVersion != 2', 'not-a-version', false],
  ])('%s on %s is %s', (expression, version, expected) => {
    expect(holds(expression, { agentVersion: version })).toBe(expected);
  });

  describe('registeredAt with a date-only literal covers the whole UTC day', () => {
    const before = '2018-06-17T23:59:59.999Z';
    const start = '2018-06-18T00:00:00.000Z';
    const last = '2018-06-18T23:59:59.999Z';
    const next = '2018-06-19T00:00:00.000Z';
    it.each([
      ['<', [true, false, false, false]],
      ['<=', [true, true, true, false]],
      ['>', [false, false, false, true]],
      ['>=', [false, true, true, true]],
      ['==', [false, true, true, false]],
      ['!=', [true, false, false, true]],
    ] as const)('%s', (operator, expected) => {
      const results = [before, start, last, next].map((at) =>
        holds(`registeredAt ${operator} 2018-06-18`, { registeredAt: at }),
      );
      expect(results).toEqual(expected);
    });
  });

  it('registeredAt timestamps: offset, Z, no zone (UTC), fractional seconds', () => {
    const at = { registeredAt: '2018-06-18T22:28:28Z' };
    expect(holds('registeredAt == 2018-06-18T22:28:28Z', at)).toBe(true);
    expect(holds('registeredAt == 2018-06-18T22:28:28', at)).toBe(true);
    expect(holds('registeredAt == 2018-06-19T00:28:28+02:00', at)).toBe(true);
    expect(holds('registeredAt == 2018-06-18T17:28:28-05:00', at)).toBe(true);
    expect(holds('registeredAt < 2018-06-18T22:28:28.001Z', at)).toBe(true);
    expect(holds('registeredAt <= 2018-06-18T22:28:28Z', at)).toBe(true);
    expect(holds('registeredAt > 2018-06-18T22:28:28Z', at)).toBe(false);
    expect(holds("registeredAt == '2018-06-18T22:28:28+00:00'", at)).toBe(true);
  });

  it('registeredAt accepts the microsecond timestamps that describe-container-instances prints', () => {
    // The snapshot itself (and `aws ecs describe-container-instances`) writes six fractional
    // digits; digits beyond the millisecond are dropped, as they are when a snapshot is read.
    const at = { registeredAt: '2026-10-02T08:15:42.517000+00:00' };
    expect(holds('registeredAt == 2026-10-02T08:15:42.517000+00:00', at)).toBe(true);
    expect(holds('registeredAt == 2026-10-02T08:15:42.517999Z', at)).toBe(true);
    expect(holds('registeredAt < 2026-10-02T08:15:42.518000Z', at)).toBe(true);
    expect(holds('registeredAt > 2026-10-02T08:15:42.516999999Z', at)).toBe(true);
    expect(() => compileExpression('registeredAt == 2026-10-02T08:15:42.5170000000Z')).toThrow(
      /not a valid registeredAt date/,
    );
  });

  it('runningTasksCount compares as an integer, not as text', () => {
    expect(holds('runningTasksCount > 9', { runningTasksCount: 10 })).toBe(true);
    expect(holds('runningTasksCount < 10', { runningTasksCount: 9 })).toBe(true);
    expect(holds('runningTasksCount == 007', { runningTasksCount: 7 })).toBe(true);
    expect(holds('runningTasksCount != 0', { runningTasksCount: 0 })).toBe(false);
  });

  it('agentConnected takes true/false in any case, also in lists and patterns', () => {
    expect(holds('agentConnected == TRUE', { agentConnected: true })).toBe(true);
    expect(holds('agentConnected == False', { agentConnected: false })).toBe(true);
    expect(holds('agentConnected != true', { agentConnected: false })).toBe(true);
    expect(holds("agentConnected in ['false']", { agentConnected: false })).toBe(true);
    expect(holds('agentConnected !in [false]', { agentConnected: false })).toBe(false);
    expect(holds('agentConnected =~ f.*', { agentConnected: false })).toBe(true);
    expect(holds('agentConnected !~ f.*', { agentConnected: false })).toBe(false);
  });

  it('attribute < and > are numeric when both sides are numbers, else code-unit order', () => {
    const x = (value: string) => ({ attributes: { x: value } });
    expect(holds('attribute:x > 9', x('10'))).toBe(true);
    expect(holds('attribute:x > 9', x('8.5'))).toBe(false);
    expect(holds('attribute:x < -1', x('-2'))).toBe(true);
    expect(holds('attribute:x >= 1.0', x('1'))).toBe(true);
    expect(holds('attribute:x > 9', x('10a'))).toBe(false); // '1' < '9' as text
    expect(holds('attribute:x > B', x('a'))).toBe(true); // 'a' (97) > 'B' (66)
    expect(holds('attribute:x < 0x10', x('9'))).toBe(false); // hex is not a number: '9' > '0'
    expect(holds('attribute:x == 1.0', x('1'))).toBe(false); // == is exact text
  });

  it('ec2InstanceId compares as text, with lists and patterns', () => {
    const id = { ec2InstanceId: 'i-0abc' };
    expect(holds('ec2InstanceId == i-0abc', id)).toBe(true);
    expect(holds('ec2InstanceId != i-0abc', id)).toBe(false);
    expect(holds("ec2InstanceId in ['i-1', 'i-0abc']", id)).toBe(true);
    expect(holds('ec2InstanceId !in [i-1, i-2, i-3, i-4, i-5]', id)).toBe(true);
    expect(holds('ec2InstanceId =~ i-0.*', id)).toBe(true);
  });
});

describe('regular expressions', () => {
  const x = (value: string) => ({ attributes: { x: value } });
  it('match the whole value, like Java matches()', () => {
    expect(holds('attribute:x =~ t2', x('t2.small'))).toBe(false);
    expect(holds('attribute:x =~ t2.*', x('t2.small'))).toBe(true);
    expect(holds("attribute:x =~ 'a|b'", x('ab'))).toBe(false);
    expect(holds("attribute:x =~ 'a|b'", x('b'))).toBe(true);
  });

  it('is case-sensitive unless the pattern starts with (?i)', () => {
    expect(holds('attribute:x =~ T2.*', x('t2.small'))).toBe(false);
    expect(holds("attribute:x =~ '(?i)T2.*'", x('t2.small'))).toBe(true);
  });

  it('translates \\Q...\\E quoting and Java-only escapes faithfully', () => {
    expect(holds("attribute:x =~ '\\Qa.b\\E'", x('a.b'))).toBe(true);
    expect(holds("attribute:x =~ '\\Qa.b\\E'", x('axb'))).toBe(false);
    expect(holds("attribute:x =~ 'a\\x41'", x('aA'))).toBe(true);
    expect(holds("attribute:x =~ '\\0101'", x('A'))).toBe(true);
  });

  it('gives the same answer on repeated values (memoised) as on fresh ones', () => {
    const compiled = compileExpression('attribute:x =~ m5.*');
    for (let i = 0; i < 3; i++) {
      expect(compiled.matches(viewOf(x('m5.large')))).toBe(true);
      expect(compiled.matches(viewOf(x('c5.large')))).toBe(false);
    }
  });
});

describe('explain', () => {
  const instance = viewOf({
    attributes: { 'ecs.instance-type': 'g2.2xlarge', 'ecs.availability-zone': 'us-east-1d' },
    taskGroups: { database: 1 },
  });

  it('returns [] when the expression holds', () => {
    expect(compileExpression('attribute:ecs.instance-type =~ g2.*').explain(instance)).toEqual([]);
  });

  it('names the false operands of a false and, with span and observed value', () => {
    const text =
      'attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d and attribute:stack == prod';
    const failing = compileExpression(text).explain(instance);
    expect(failing).toEqual([
      {
        text: 'attribute:ecs.availability-zone != us-east-1d',
        span: { start: 40, end: 85 },
        observed: 'us-east-1d',
      },
      { text: 'attribute:stack == prod', span: { start: 90, end: 113 }, observed: null },
    ]);
  });

  it('names every operand of a false or', () => {
    const failing = compileExpression('attribute:a == 1 or runningTasksCount > 3').explain(
      instance,
    );
    expect(failing.map((f) => [f.text, f.observed])).toEqual([
      ['attribute:a == 1', null],
      ['runningTasksCount > 3', '0'],
    ]);
  });

  it('under not, names the true comparisons', () => {
    const failing = compileExpression('not(task:group == database or task:group == web)').explain(
      instance,
    );
    expect(failing).toEqual([
      { text: 'task:group == database', span: { start: 4, end: 26 }, observed: 'database' },
    ]);
  });

  it('reports observed values of every subject', () => {
    const view = viewOf({
      ec2InstanceId: 'i-1',
      agentConnected: false,
      agentVersion: '1.2.3',
      registeredAt: '2018-06-18T22:28:28Z',
      runningTasksCount: 4,
      taskGroups: { b: 1, a: 2, c: 0 },
    });
    const text =
      'ec2InstanceId == x or agentConnected == true or agentVersion == 9 or registeredAt == 2000-01-01 or runningTasksCount == 9 or task:group == z';
    expect(
      compileExpression(text)
        .explain(view)
        .map((f) => f.observed),
    ).toEqual(['i-1', 'false', '1.2.3', '2018-06-18T22:28:28.000Z', '4', 'a, b']);
  });
});

describe('regex memo bound', () => {
  it('stays correct past the memo limit on high-cardinality values', () => {
    const compiled = compileExpression('ec2InstanceId =~ i-.*7');
    for (let i = 0; i < 6000; i++) {
      const id = `i-${i}`;
      expect(compiled.matches(viewOf({ ec2InstanceId: id }))).toBe(id.endsWith('7'));
    }
  });
});
