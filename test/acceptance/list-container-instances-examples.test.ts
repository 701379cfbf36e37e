/**
 * Acceptance: `ecs-placement list-container-instances --filter` answers the documented CQL
 * examples, and the language's edge rules, correctly against the bundled example cluster.
 * Expected ids were worked out by hand from examples/cluster.json (12 non-INACTIVE instances:
 * 3129c8 is DRAINING, 7231e3 has its agent disconnected, 8f3d48 only hosts a STOPPED task).
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE, command, filtered } from './run-example.js';

const ALL = [
  '3f4db2',
  '8f3d48',
  '426f21',
  '7ff435',
  '134727',
  '61f2b4',
  '57e617',
  '3129c8',
  '0f5eb4',
  '7231e3',
  '0654d5',
  '22aec3',
];
const except = (...ids: string[]) => ALL.filter((id) => !ids.includes(id));
const STACK_PROD = except('8f3d48', '3129c8', '7231e3');
const HOSTS_WEB = ['3f4db2', '426f21', '61f2b4'];

async function refused(expression: string): Promise<string> {
  const run = await command([
    'list-container-instances',
    '--cluster-state',
    EXAMPLE,
    '--filter',
    expression,
  ]);
  expect(run.code).toBe(254);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(
    /^\n?An error occurred \(InvalidParameterException\) when calling the ListContainerInstances operation: /,
  );
  return run.stderr;
}

describe('documented example expressions', () => {
  it.each([
    ['attribute:ecs.instance-type == t2.small', []],
    [
      'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]',
      except('134727', '3129c8', '0f5eb4', '22aec3'),
    ],
    ['attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d', []],
    [
      'attribute:ecs.instance-type =~ g4dn.* and attribute:ecs.availability-zone != us-east-1b',
      ['22aec3'],
    ],
    ['task:group == service:production', []],
    ['task:group == service:api', ['7ff435', '61f2b4']],
    ['not(task:group == database)', ALL],
    ['not(task:group == family:web)', except(...HOSTS_WEB)],
    [
      'runningTasksCount == 1',
      ['3f4db2', '426f21', '7ff435', '134727', '57e617', '3129c8', '22aec3'],
    ],
    ['agentVersion < 1.14.5', []],
    ['agentVersion < 1.86.3', ['7ff435', '3129c8', '22aec3']],
    ['registeredAt < 2018-02-13', []],
    ["ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", []],
    ["ec2InstanceId in ['i-02eda60391c8d2f16', 'i-0f4a2b1f297c4c649']", ['3f4db2', '8f3d48']],
    ['attribute:ecs.instance-type == g4dn.xlarge', ['0654d5', '22aec3']],
    ['attribute:stack == prod', STACK_PROD],
    ['attribute:stack != prod', ['8f3d48', '3129c8', '7231e3']],
    [
      'attribute:ecs.instance-type in [t3.medium, c5.large]',
      ['3f4db2', '8f3d48', '0f5eb4', '7231e3'],
    ],
    [
      'attribute:ecs.instance-type =~ t3.* and attribute:ecs.availability-zone == us-east-1a',
      ['3f4db2'],
    ],
    ['task:group == databases', []],
    ['attribute:ecs.os-type == linux', ALL],
  ] as const)('%s', async (expression, expected) => {
    expect(await filtered(expression)).toEqual(expected);
  });
});

describe('keywords, case and spelling', () => {
  it('keywords inside attribute names and as values are ordinary text', async () => {
    for (const name of ['android', 'in-house', 'order', 'notes', 'exists']) {
      expect(await filtered(`attribute:${name} !exists`)).toEqual(ALL);
    }
    expect(await filtered('attribute:in-house == x')).toEqual([]);
    for (const value of ['in', 'and', 'not', 'or', 'exists']) {
      expect(await filtered(`attribute:stack == ${value}`)).toEqual([]);
      expect(await filtered(`attribute:stack != ${value}`)).toEqual(ALL);
    }
    expect(await filtered('attribute:team in [ml, and, not]')).toEqual(['0654d5', '22aec3']);
  });

  it('keywords and word operators are case-insensitive; subjects are not', async () => {
    expect(await filtered('attribute:stack == prod AND attribute:team Equals web')).toEqual([
      '3f4db2',
      '61f2b4',
    ]);
    expect(await filtered('attribute:stack NOT_IN [prod]')).toEqual(['8f3d48', '3129c8', '7231e3']);
    expect(await filtered('NOT attribute:stack == prod')).toEqual(['8f3d48', '3129c8', '7231e3']);
    expect(await filtered('agentConnected == TRUE')).toEqual(except('7231e3'));
    expect(await filtered('agentConnected in [FALSE]')).toEqual(['7231e3']);
    expect(await refused('AgentVersion < 2')).toContain("did you mean 'agentVersion'?");
  });

  it('!exists is one operator; a separated "! exists" is refused at the "!"', async () => {
    expect(await filtered('attribute:team !exists')).toEqual([]);
    expect(await filtered('attribute:team not_exists')).toEqual([]);
    const message = await refused('attribute:team ! exists');
    expect(message).toContain('(at line 1, column 16)');
    expect(message).toContain('!exists (not_exists)');
  });

  it('not(x), !(x), not x and !x are the same negation', async () => {
    for (const form of [
      'not(attribute:stack == prod)',
      '!(attribute:stack == prod)',
      'not attribute:stack == prod',
      '!attribute:stack == prod',
      '! attribute:stack == prod',
    ]) {
      expect(await filtered(form)).toEqual(['8f3d48', '3129c8', '7231e3']);
    }
  });

  it('quoting strips quotes and honours backslash escapes', async () => {
    expect(await filtered('attribute:team == "web"')).toEqual(['3f4db2', '8f3d48', '61f2b4']);
    expect(await filtered("attribute:team == 'web'")).toEqual(['3f4db2', '8f3d48', '61f2b4']);
    expect(await filtered("attribute:team == 'we\\'b'")).toEqual([]);
    expect(await filtered('attribute:team in [\'ml\', "web"]')).toEqual([
      '3f4db2',
      '8f3d48',
      '61f2b4',
      '0654d5',
      '22aec3',
    ]);
  });

  it('an empty list is refused where it stands', async () => {
    const message = await refused('attribute:team in []');
    expect(message).toContain("expected a value (a bare word or a quoted string), but found ']'");
    expect(message).toContain('(at line 1, column 20)');
    expect(message).toContain('attribute:team in []\n                   ^');
  });
});

describe('typed comparisons', () => {
  it('a date-only literal is the whole UTC day', async () => {
    // 3f4db2/8f3d48 at 08:15:42.517Z, 426f21 at 08:00:00.412Z (epoch seconds), 7ff435 at 08:00:30.118Z.
    const day = ['3f4db2', '8f3d48', '426f21', '7ff435'];
    const before = ['61f2b4', '3129c8'];
    const after = ['134727', '57e617', '0f5eb4', '7231e3', '0654d5', '22aec3'];
    expect(await filtered('registeredAt == 2026-10-02')).toEqual(day);
    expect(await filtered('registeredAt < 2026-10-02')).toEqual(before);
    expect(await filtered('registeredAt <= 2026-10-02')).toEqual(
      ALL.filter((id) => !after.includes(id)),
    );
    expect(await filtered('registeredAt > 2026-10-02')).toEqual(after);
    expect(await filtered('registeredAt >= 2026-10-02')).toEqual(
      ALL.filter((id) => !before.includes(id)),
    );
    expect(await filtered('registeredAt != 2026-10-02')).toEqual(
      ALL.filter((id) => !day.includes(id)),
    );
  });

  it('timestamps compare as instants, in any documented form', async () => {
    expect(await filtered('registeredAt == 2026-10-02T08:15:42.517Z')).toEqual([
      '3f4db2',
      '8f3d48',
    ]);
    expect(await filtered('registeredAt == 2026-10-02T10:15:42.517+02:00')).toEqual([
      '3f4db2',
      '8f3d48',
    ]);
    // Pasted as the snapshot (and describe-container-instances) writes it.
    expect(await filtered("registeredAt == '2026-10-02T08:15:42.517000+00:00'")).toEqual([
      '3f4db2',
      '8f3d48',
    ]);
    expect(await filtered('registeredAt == 2026-10-02T08:00:00.412')).toEqual(['426f21']);
  });

  it('versions of different lengths compare with missing parts as 0', async () => {
    const old = ['7ff435', '3129c8', '22aec3'];
    expect(await filtered('agentVersion == 1.82.1.0')).toEqual(old);
    expect(await filtered('agentVersion == 1.82')).toEqual([]);
    expect(await filtered('agentVersion > 1.86')).toEqual(except(...old));
    expect(await filtered('agentVersion <= 1.86.3.0')).toEqual(ALL);
    expect(await filtered('agentVersion >= 1.9')).toEqual(ALL); // 86 > 9 as numbers
  });

  it('runningTasksCount takes the documented operators only', async () => {
    expect(await filtered('runningTasksCount >= 2')).toEqual(['61f2b4']);
    expect(await filtered('runningTasksCount == 0')).toEqual([
      '8f3d48',
      '0f5eb4',
      '7231e3',
      '0654d5',
    ]);
    const message = await refused('runningTasksCount in [0, 1]');
    expect(message).toContain('the subject runningTasksCount does not take the operator in;');
    expect(message).toContain(
      'it accepts == (equals), != (not_equals), > (greater_than), >= (greater_than_equal), < (less_than), <= (less_than_equal), exists, !exists (not_exists)',
    );
  });
});

describe('task:group', () => {
  it('the negative operators are exact negations of the positive ones', async () => {
    expect(await filtered('task:group == family:web')).toEqual(HOSTS_WEB);
    expect(await filtered('task:group != family:web')).toEqual(except(...HOSTS_WEB));
    expect(await filtered('task:group in [family:web]')).toEqual(HOSTS_WEB);
    expect(await filtered('task:group not_in [family:web]')).toEqual(except(...HOSTS_WEB));
    const family = await filtered('task:group =~ family:.*');
    expect(await filtered('task:group !~ family:.*')).toEqual(except(...family));
  });

  it('exists means hosting a task whose desired status is RUNNING (a STOPPED one is not)', async () => {
    const empty = ['8f3d48', '0f5eb4', '7231e3', '0654d5'];
    expect(await filtered('task:group exists')).toEqual(except(...empty));
    expect(await filtered('task:group !exists')).toEqual(empty);
  });
});

describe('length limit and errors', () => {
  const prefix = 'attribute:stack == ';

  it('accepts exactly 2000 characters and refuses 2001', async () => {
    const longest = prefix + 'a'.repeat(2000 - prefix.length);
    expect(longest).toHaveLength(2000);
    expect(await filtered(longest)).toEqual([]);
    const message = await refused(`${longest}b`);
    expect(message).toContain('the expression is 2001 characters long; at most 2000 are allowed');
  });

  it('refuses an empty or blank expression', async () => {
    expect(await refused('')).toContain('the expression is empty');
    expect(await refused('   ')).toContain('the expression is empty');
  });

  it('says what was expected, where, with a caret, and the nearest subject', async () => {
    const message = await refused('attribute:stack == prod and agentVersoin < 1.14.5');
    expect(message).toContain("unknown subject 'agentVersoin'; did you mean 'agentVersion'?");
    expect(message).toContain('(at line 1, column 29)');
    expect(message).toContain(
      'attribute:stack == prod and agentVersoin < 1.14.5\n                            ^^^^^^^^^^^^',
    );
    expect(await refused('group == databases')).toContain("did you mean 'task:group'?");
  });

  it('refuses regular expressions JavaScript would read differently from Java', async () => {
    for (const [pattern, reason] of [
      ['a*+', 'possessive'],
      ["'(?>a)'", 'atomic groups'],
      ["'\\Aa'", 'anchor \\A'],
      ["'(?s)a'", 'inline flags'],
      ["'[a-z&&[^e]]'", 'intersection'],
      ["'\\p{Lower}'", 'property classes'],
      ["'(a)?\\1'", 'back-reference'],
    ] as const) {
      expect(await refused(`attribute:team =~ ${pattern}`)).toContain(reason);
    }
  });
});
