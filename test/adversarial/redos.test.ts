/**
 * ReDoS: patterns that take exponential time on a backtracking engine ((a+)+, (a|aa)*b,
 * (a*)*$) against values of 100,000 characters, through every path that evaluates CQL:
 * a compiled expression, the Cluster facade's ListContainerInstances filter, a memberOf
 * constraint in a RunTask request and in a task definition, and `task:group =~` once a task
 * with a long group has been placed. With a backtracking engine each of these runs until
 * killed (the test would time out); here each asserts the correct answer. No timing is
 * asserted: a hang fails the test by its timeout.
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { compileExpression } from '../../src/cql/index.js';
import {
  containerInstance,
  instanceArn,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { viewOf } from '../cql/views.js';

const LONG = 100_000;
const as = 'a'.repeat(LONG);
/** The classic ReDoS value: a long run of `a` that almost matches, then a spoiler. */
const evil = `${as}!`;

describe('linear-time CQL regular expressions on a compiled expression', () => {
  it.each([
    // [pattern, value (described), value, Java's answer]
    ['(a+)+', '100k a then !', evil, false],
    ['(a+)+', '100k a', as, true],
    ['(a|aa)*b', '100k a', as, false],
    ['(a|aa)*b', '100k a then b', `${as}b`, true],
    ['(a*)*$', '100k a', as, true],
    ['(a*)*$', '100k a then !', evil, false],
    ['(a|a?)+', '100k a then !', evil, false],
    ['(.*a){12}', '11 a then 100k b', `${'a'.repeat(11)}${'b'.repeat(LONG)}`, false],
    ['(\\w+\\s?)+', '100k a, space, 100k a, !', `${as} ${as}!`, false],
    ['(?i)(a+)+', '100k A', as.toUpperCase(), true],
  ] as const)('attribute:evil =~ %s on %s', (pattern, _described, value, expected) => {
    const view = viewOf({ attributes: { evil: value } });
    const matches = compileExpression(`attribute:evil =~ '${pattern}'`);
    expect(matches.matches(view)).toBe(expected);
    expect(compileExpression(`attribute:evil !~ '${pattern}'`).matches(view)).toBe(!expected);
  });

  it('explain() evaluates with the same engine as matches()', () => {
    const text = "attribute:evil =~ '(a+)+'";
    const compiled = compileExpression(text);
    const failing = viewOf({ attributes: { evil } });
    const [reason, ...others] = compiled.explain(failing);
    expect(others).toEqual([]);
    expect(reason?.text).toBe(text);
    expect(compiled.explain(viewOf({ attributes: { evil: as } }))).toEqual([]);
  });

  it('task:group and ec2InstanceId take the same engine', () => {
    const groups = viewOf({ taskGroups: { [evil]: 1, [`family:${as}`]: 1 } });
    expect(compileExpression("task:group =~ '(a+)+'").matches(groups)).toBe(false);
    expect(compileExpression("task:group =~ 'family:(a|aa)*'").matches(groups)).toBe(true);
    const id = viewOf({ ec2InstanceId: `i-${as}!` });
    expect(compileExpression("ec2InstanceId =~ 'i-(a*)*'").matches(id)).toBe(false);
    expect(compileExpression("ec2InstanceId =~ 'i-(a*)*!'").matches(id)).toBe(true);
  });
});

const MEMBER_OF = 'MemberOf placement constraint unsatisfied.';
const sleep = taskDefinition('sleep', [{ name: 'sleep', image: 'busybox', cpu: 10, memory: 10 }]);
const picky = taskDefinition('picky', [{ name: 'p', image: 'busybox', cpu: 10, memory: 10 }], {
  placementConstraints: [{ type: 'memberOf', expression: "attribute:evil =~ '(a+)+'" }],
});

/** ci-evil's attribute almost matches `(a+)+`; ci-good's matches it. */
function hostileCluster(
  tasks = [runningTask('t0', 'ci-good', evil, { taskDefinitionArn: sleep.taskDefinitionArn! })],
): Cluster {
  return Cluster.fromSnapshot(
    snapshotOf({
      instances: [
        containerInstance({ id: 'ci-evil', attributes: { evil } }),
        containerInstance({ id: 'ci-good', attributes: { evil: as } }),
      ],
      taskDefinitions: [sleep, picky],
      tasks,
    }),
  );
}

describe('linear-time CQL regular expressions through the Cluster facade', () => {
  it('ListContainerInstances --filter with (a+)+ over a 100,000-character attribute', () => {
    const cluster = hostileCluster();
    const list = (filter: string) => cluster.listContainerInstances({ filter });
    expect(list("attribute:evil =~ '(a+)+'").containerInstanceArns).toEqual([
      instanceArn('ci-good'),
    ]);
    expect(list("attribute:evil !~ '(a|aa)*'").containerInstanceArns).toEqual([
      instanceArn('ci-evil'),
    ]);
    // The snapshot's task on ci-good has the hostile group.
    expect(list("task:group =~ '(a*)*$'").containerInstanceArns).toEqual([]);
    expect(list("task:group =~ '(a*)*!'").containerInstanceArns).toEqual([instanceArn('ci-good')]);
  });

  it('a memberOf constraint in the request places only where the pattern matches', () => {
    const cluster = hostileCluster([]);
    const { tasks, failures } = cluster.runTask(
      {
        taskDefinition: 'sleep',
        count: 3,
        placementConstraints: [{ type: 'memberOf', expression: "attribute:evil =~ '(a|aa)*'" }],
      },
      { seed: 'redos' },
    );
    expect(failures).toEqual([]);
    expect(tasks.map((t) => t.containerInstanceArn)).toEqual(
      Array.from({ length: 3 }, () => instanceArn('ci-good')),
    );
  });

  it('a memberOf constraint in the task definition: nothing matches, so MEMBEROF fails', () => {
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: [containerInstance({ id: 'ci-evil', attributes: { evil } })],
        taskDefinitions: [picky],
      }),
    );
    const { tasks, failures } = cluster.runTask({ taskDefinition: 'picky' }, { seed: 'redos' });
    expect(tasks).toEqual([]);
    expect(failures).toEqual([{ arn: instanceArn('ci-evil'), reason: MEMBER_OF }]);
  });

  it('task:group =~ after a task with a long group was placed', () => {
    const cluster = hostileCluster([]);
    // RunTask allows groups of up to 255 characters: plenty for exponential backtracking.
    const group = `${'a'.repeat(254)}!`;
    const placed = cluster.runTask(
      {
        taskDefinition: 'sleep',
        group,
        placementConstraints: [{ type: 'memberOf', expression: "attribute:evil =~ '(a+)+'" }],
      },
      { seed: 'redos' },
    );
    expect(placed.tasks.map((t) => t.group)).toEqual([group]);
    const next = (expression: string) =>
      cluster.runTask(
        { taskDefinition: 'sleep', placementConstraints: [{ type: 'memberOf', expression }] },
        { seed: 'redos' },
      );
    // Nothing hosts a group that (a+)+ matches as a whole...
    expect(next("task:group =~ '(a+)+'").failures).toEqual([
      { arn: instanceArn('ci-evil'), reason: MEMBER_OF },
      { arn: instanceArn('ci-good'), reason: MEMBER_OF },
    ]);
    // ...and ci-good hosts the one that (a|aa)*! matches.
    expect(next("task:group =~ '(a|aa)*!'").tasks.map((t) => t.containerInstanceArn)).toEqual([
      instanceArn('ci-good'),
    ]);
    expect(
      cluster.listContainerInstances({ filter: "task:group =~ '(a*)*$'" }).containerInstanceArns,
    ).toEqual([]);
  });
});
