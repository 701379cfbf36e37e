// The feasibility memo keeps each instance's first failing check between calls with the same
// needs; calls whose needs differ must never share an entry.
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { CHANGE_LOG } from '../../src/cluster/instance-state.js';
import { buildCheckChain } from '../../src/placement/checks/check-chain.js';
import { computeTaskNeeds } from '../../src/placement/task-needs.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { checkCall } from './check-call.js';

const requiring = (family: string, value: string | undefined) =>
  taskDefinition(family, [{ name: 'app', image: 'x', cpu: 1, memory: 1 }], {
    requiresAttributes: [value === undefined ? { name: 'x' } : { name: 'x', value }],
  });

describe('feasibility memo', () => {
  test('a required attribute by name only and one with an empty value are different calls', () => {
    const anyValue = requiring('any', undefined);
    const emptyValue = requiring('empty', '');
    const model = new ClusterModel(
      snapshotOf({ instances: [containerInstance({ id: 'i' })], taskDefinitions: [] }).clusters[0]!,
    );
    const memoKey = (definition: typeof anyValue) =>
      buildCheckChain(checkCall(model, computeTaskNeeds(definition, undefined))).memoKey;
    expect(memoKey(anyValue)).not.toBe(memoKey(emptyValue));
    // The instance has x but no CPU left: the first call fails on CPU, the second on ATTRIBUTE
    // (x is not empty), and the instance does not change in between.
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: [containerInstance({ id: 'i', cpu: 0, attributes: { x: 'v' } })],
        taskDefinitions: [anyValue, emptyValue],
      }),
    );
    const reasons = (family: string) =>
      cluster.runTask({ taskDefinition: family }, { seed: 'm' }).failures.map((f) => f.reason);
    expect(reasons('any')).toEqual(['RESOURCE:CPU']);
    expect(reasons('empty')).toEqual(['ATTRIBUTE']);
  });

  test('a call sees every change since the last similar one, however many there were', () => {
    // The memo follows the model's log of changed instances when it is at most CHANGE_LOG
    // changes behind, and compares every version when it is further behind: both ways must
    // see the change.
    const definition = taskDefinition('web', [{ name: 'app', image: 'x', cpu: 1, memory: 1 }]);
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: ['a', 'b', 'c'].map((id) =>
          containerInstance({ id, attributes: { stack: 'prod' } }),
        ),
        taskDefinitions: [definition],
      }),
    );
    const request = {
      taskDefinition: 'web',
      placementConstraints: [
        { type: 'memberOf' as const, expression: 'attribute:stack == prod' },
        { type: 'distinctInstance' as const },
      ],
    };
    const hosts = () =>
      cluster
        .planRunTask({ ...request, count: 3 }, { seed: 's' })
        .tasks.map((t) => t.containerInstanceArn?.slice(-1));
    expect(hosts().sort()).toEqual(['a', 'b', 'c']);
    // A few changes: b leaves the expression.
    cluster.putAttribute('b', 'stack', 'dev');
    expect(hosts().sort()).toEqual(['a', 'c']);
    // b back and c out, then more changes than the log holds (on a, which stays in).
    cluster.putAttribute('b', 'stack', 'prod');
    cluster.putAttribute('c', 'stack', 'dev');
    for (let n = 0; n < CHANGE_LOG; n++) cluster.putAttribute('a', 'rack', String(n));
    expect(hosts().sort()).toEqual(['a', 'b']);
    // And a plan in between changes nothing for the next call.
    cluster.planRunTask({ ...request, count: 2 }, { seed: 'p' });
    expect(hosts().sort()).toEqual(['a', 'b']);
  });
});
