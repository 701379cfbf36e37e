import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import {
  containerInstance,
  instanceArn,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { thrownBy } from './fixtures.js';

const web = taskDefinition('web', [{ name: 'web', cpu: 128, memory: 128 }]);

function twoInstances(): Cluster {
  return Cluster.fromSnapshot(
    snapshotOf({
      instances: [
        containerInstance({ id: 'a' }),
        containerInstance({ id: 'b' }),
        containerInstance({ id: 'gone', status: 'INACTIVE' }),
      ],
      taskDefinitions: [web],
    }),
  );
}

describe('updateContainerInstancesState', () => {
  test('DRAINING takes the instance out of placement; ACTIVE puts it back', () => {
    const cluster = twoInstances();
    const out = cluster.updateContainerInstancesState({
      containerInstances: ['a'],
      status: 'DRAINING',
    });
    expect(out.failures).toEqual([]);
    expect(out.containerInstances.map((i) => [i.containerInstanceArn, i.status])).toEqual([
      [instanceArn('a'), 'DRAINING'],
    ]);
    const placed = cluster.runTask({ taskDefinition: 'web', count: 4 });
    expect(new Set(placed.tasks.map((t) => t.containerInstanceArn))).toEqual(
      new Set([instanceArn('b')]),
    );
    cluster.updateContainerInstancesState({
      containerInstances: [instanceArn('a')],
      status: 'ACTIVE',
    });
    const again = cluster.runTask({
      taskDefinition: 'web',
      count: 2,
      placementStrategy: [{ type: 'spread', field: 'instanceId' }],
    });
    expect(again.tasks.map((t) => t.containerInstanceArn)).toContain(instanceArn('a'));
    expect(cluster.toSnapshot().clusters[0]!.containerInstances[0]!.status).toBe('ACTIVE');
  });

  test('an unknown instance is a MISSING failure; the others still change', () => {
    const cluster = twoInstances();
    const out = cluster.updateContainerInstancesState({
      containerInstances: ['nope', 'b'],
      status: 'DRAINING',
    });
    expect(out.failures).toEqual([{ arn: 'nope', reason: 'MISSING' }]);
    expect(out.containerInstances.map((i) => i.status)).toEqual(['DRAINING']);
  });

  test('an INACTIVE instance cannot change, and then nothing of the call changes', () => {
    const cluster = twoInstances();
    const message = thrownBy(() =>
      cluster.updateContainerInstancesState({
        containerInstances: ['a', 'gone'],
        status: 'DRAINING',
      }),
    );
    expect(message).toContain('INACTIVE');
    expect(cluster.toSnapshot().clusters[0]!.containerInstances[0]!.status).toBe('ACTIVE');
  });

  test('status other than ACTIVE/DRAINING, more than 10 instances, unknown members are refused', () => {
    const cluster = twoInstances();
    expect(
      thrownBy(() =>
        cluster.updateContainerInstancesState({
          containerInstances: ['a'],
          status: 'INACTIVE' as 'ACTIVE',
        }),
      ),
    ).toContain('ACTIVE | DRAINING');
    expect(
      thrownBy(() =>
        cluster.updateContainerInstancesState({
          containerInstances: Array.from({ length: 11 }, () => 'a'),
          status: 'ACTIVE',
        }),
      ),
    ).toContain('from 1 to 10');
    expect(
      thrownBy(() =>
        cluster.updateContainerInstancesState({
          containerInstances: ['a'],
          status: 'ACTIVE',
          force: true,
        } as never),
      ),
    ).toContain('Unknown parameter');
    thrownBy(
      () =>
        cluster.updateContainerInstancesState({
          cluster: 'other',
          containerInstances: ['a'],
          status: 'ACTIVE',
        }),
      'ClusterNotFoundException',
    );
  });
});
