/**
 * What a spread bucket counts (docs/placement.md, "Strategies"): the call's group tasks whose
 * desiredStatus is RUNNING, never those whose desiredStatus is PENDING or STOPPED (while
 * distinctInstance does count PENDING-desired ones: "not STOPPED"); for spread on
 * attribute:X, instances with X but no value share the bucket of instances without X; and a
 * snapshot task without a group is in `family:<family>` of its task definition.
 */
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { PlacementStrategy, Task } from '../../src/kernel/ecs-types.js';
import {
  containerInstance,
  instanceArn,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

const web = taskDefinition('web', [{ name: 'web', memory: 128 }]);
const pending = (id: string, on: string): Task =>
  runningTask(id, on, 'family:web', { desiredStatus: 'PENDING', lastStatus: 'PENDING' });
const stopped = (id: string, on: string): Task =>
  runningTask(id, on, 'family:web', { desiredStatus: 'STOPPED', lastStatus: 'STOPPED' });

/** The first strategy rule's score per instance id, as the explanation reports it. */
function scores(cluster: Cluster, strategies: PlacementStrategy[]): Record<string, number> {
  const plan = cluster.planRunTask(
    { taskDefinition: 'web', placementStrategy: strategies },
    { seed: 'spread' },
  );
  const ranking = plan.explanation.tasks[0]!.steps[0]!.ranking;
  return Object.fromEntries(
    ranking.map((r) => [r.containerInstanceArn.split('/').at(-1)!, r.score]),
  );
}

const hostOf = (cluster: Cluster, strategies: PlacementStrategy[], seed: string) =>
  cluster
    .runTask({ taskDefinition: 'web', placementStrategy: strategies }, { seed })
    .tasks[0]!.containerInstanceArn!.split('/')
    .at(-1);

describe('spread by instanceId (and host) counts RUNNING-desired tasks only', () => {
  const snapshot = () =>
    snapshotOf({
      instances: [containerInstance({ id: 'p' }), containerInstance({ id: 'r' })],
      taskDefinitions: [web],
      tasks: [
        // Two tasks on p that are not RUNNING-desired, one on r that is.
        pending('p1', 'p'),
        stopped('p2', 'p'),
        runningTask('r1', 'r', 'family:web'),
      ],
    });

  test.each(['instanceId', 'host'])(
    'spread(%s): PENDING- and STOPPED-desired tasks leave an instance at 0',
    (field) => {
      const strategies = [{ type: 'spread' as const, field }];
      expect(scores(Cluster.fromSnapshot(snapshot()), strategies)).toEqual({ p: 0, r: 1 });
      for (const seed of ['a', 'b', 'c', 'd']) {
        expect(hostOf(Cluster.fromSnapshot(snapshot()), strategies, seed)).toBe('p');
      }
    },
  );

  test('a task placed by the call counts at once (desiredStatus RUNNING)', () => {
    const cluster = Cluster.fromSnapshot(snapshot());
    const { tasks } = cluster.runTask(
      { taskDefinition: 'web', count: 3, placementStrategy: [{ type: 'spread', field: 'host' }] },
      { seed: 'x' },
    );
    // p (0) first; then p and r are level at 1, and the third goes to whichever is left.
    const hosts = tasks.map((t) => t.containerInstanceArn);
    expect(hosts[0]).toBe(instanceArn('p'));
    expect([...hosts.slice(1)].sort()).toEqual([instanceArn('p'), instanceArn('r')].sort());
  });

  test('distinctInstance, by contrast, counts the PENDING-desired task', () => {
    const cluster = Cluster.fromSnapshot(snapshot());
    const plan = cluster.planRunTask(
      { taskDefinition: 'web', placementConstraints: [{ type: 'distinctInstance' }] },
      { seed: 'x' },
    );
    expect(plan.tasks).toEqual([]);
    expect(plan.failures.map((f) => [f.arn, f.reason])).toEqual([
      [instanceArn('p'), 'DistinctInstance placement constraint unsatisfied.'],
      [instanceArn('r'), 'DistinctInstance placement constraint unsatisfied.'],
    ]);
  });
});

describe('spread by attribute: a name-only attribute is "without a value"', () => {
  // n: stack without a value; a: no stack; p: stack=prod; d: stack=dev, the fullest memory.
  const snapshot = () =>
    snapshotOf({
      instances: [
        containerInstance({ id: 'n', memory: 1024, attributes: { stack: null } }),
        containerInstance({ id: 'a', memory: 4096 }),
        containerInstance({ id: 'p', memory: 4096, attributes: { stack: 'prod' } }),
        containerInstance({ id: 'd', memory: 2048, attributes: { stack: 'dev' } }),
      ],
      taskDefinitions: [web],
      tasks: [runningTask('a1', 'a', 'family:web'), runningTask('p1', 'p', 'family:web')],
    });
  const spreadStack = { type: 'spread' as const, field: 'attribute:stack' };

  test('n shares the bucket of a (loaded by a1), not a bucket of its own', () => {
    expect(scores(Cluster.fromSnapshot(snapshot()), [spreadStack])).toEqual({
      n: 1,
      a: 1,
      p: 1,
      d: 0,
    });
  });

  test('so the empty dev bucket wins, even where binpack would prefer n', () => {
    const strategies = [spreadStack, { type: 'binpack' as const, field: 'memory' }];
    for (const seed of ['a', 'b', 'c', 'd']) {
      expect(hostOf(Cluster.fromSnapshot(snapshot()), strategies, seed)).toBe('d');
    }
  });

  test('the explanation names the shared bucket', () => {
    const plan = Cluster.fromSnapshot(snapshot()).planRunTask(
      { taskDefinition: 'web', placementStrategy: [spreadStack] },
      { seed: 'x' },
    );
    const keys = plan.explanation.tasks[0]!.steps[0]!.ranking.map((r) => r.key);
    expect(keys).toEqual([
      '(no stack): 1 task(s) of family:web',
      '(no stack): 1 task(s) of family:web',
      'prod: 1 task(s) of family:web',
      'dev: 0 task(s) of family:web',
    ]);
  });
});

describe('a snapshot task without a group', () => {
  test('belongs to family:<family> of its taskDefinitionArn, for spread and distinctInstance', () => {
    const { group: _none, ...ungrouped } = runningTask('old', 'o', 'family:web', {
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7',
    });
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: [containerInstance({ id: 'o' }), containerInstance({ id: 'n' })],
        taskDefinitions: [web],
        tasks: [ungrouped],
      }),
    );
    expect(scores(cluster, [{ type: 'spread', field: 'instanceId' }])).toEqual({ o: 1, n: 0 });
    const plan = cluster.planRunTask(
      { taskDefinition: 'web', count: 2, placementConstraints: [{ type: 'distinctInstance' }] },
      { seed: 'x' },
    );
    expect(plan.tasks.map((t) => t.containerInstanceArn)).toEqual([instanceArn('n')]);
    expect(plan.failures).toEqual([
      { arn: instanceArn('o'), reason: 'DistinctInstance placement constraint unsatisfied.' },
      { arn: instanceArn('n'), reason: 'DistinctInstance placement constraint unsatisfied.' },
    ]);
  });
});
