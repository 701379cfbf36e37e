// The feasibility memo keeps each instance's first failing check between calls with the same
// needs; calls whose needs differ must never share an entry.
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
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
});
