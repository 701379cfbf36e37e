/**
 * The change feed reports the ECS operations besides RunTask (the ones `serve` and
 * DryRunEcsClient call): StartTask, StopTask in the API's form, UpdateContainerInstancesState,
 * DeregisterContainerInstance, PutAttributes and DeleteAttributes.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterChange } from '../../src/api/change-feed.js';
import { Cluster } from '../../src/api/cluster.js';
import {
  containerInstance,
  instanceArn,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

const web = taskDefinition('web', [{ name: 'app', image: 'nginx', cpu: 512, memory: 256 }]);

function setUp(): { cluster: Cluster; seen: ClusterChange[] } {
  const cluster = Cluster.fromSnapshot(
    snapshotOf({
      instances: [
        containerInstance({ id: 'a', cpu: 2048, memory: 1024 }),
        containerInstance({ id: 'b', cpu: 2048, memory: 4096 }),
      ],
      taskDefinitions: [web],
    }),
  );
  const seen: ClusterChange[] = [];
  cluster.onChange((change) => seen.push(change));
  return { cluster, seen };
}

describe('the change feed and the ECS operations', () => {
  it('reports startTask with the task placed and the resources it took', () => {
    const { cluster, seen } = setUp();
    const out = cluster.startTask({ taskDefinition: 'web', containerInstances: ['b'] });
    expect(out.tasks).toHaveLength(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ cause: 'startTask', cluster: 'default' });
    expect(seen[0]!.tasksPlaced.map((t) => t.taskArn)).toEqual([out.tasks[0]!.taskArn]);
    expect(seen[0]!.resources).toEqual([
      {
        containerInstanceArn: instanceArn('b'),
        cpu: { before: 2048, after: 1536 },
        memory: { before: 4096, after: 3840 },
      },
    ]);
  });

  it('reports nothing for a startTask that placed nothing', () => {
    const { cluster, seen } = setUp();
    const out = cluster.startTask({ taskDefinition: 'web', containerInstances: ['nope'] });
    expect(out.failures).toHaveLength(1);
    expect(seen).toEqual([]);
  });

  it('reports StopTask in the API form with the resources given back', () => {
    const { cluster, seen } = setUp();
    const [task] = cluster.startTask({ taskDefinition: 'web', containerInstances: ['a'] }).tasks;
    cluster.stopTask({ task: task!.taskArn });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ cause: 'stopTask', tasksStopped: [task!.taskArn] });
    expect(seen[1]!.resources).toEqual([
      {
        containerInstanceArn: instanceArn('a'),
        cpu: { before: 1536, after: 2048 },
        memory: { before: 768, after: 1024 },
      },
    ]);
  });

  it('reports a state update and a deregistration by instance', () => {
    const { cluster, seen } = setUp();
    cluster.updateContainerInstancesState({ containerInstances: ['a'], status: 'DRAINING' });
    cluster.deregisterContainerInstance({ containerInstance: 'b' });
    expect(seen.map((c) => c.cause)).toEqual([
      'updateContainerInstancesState',
      'deregisterContainerInstance',
    ]);
    expect(seen[0]!.instancesChanged).toEqual([instanceArn('a')]);
    expect(seen[1]!.instancesDeregistered).toEqual([instanceArn('b')]);
  });

  it('reports PutAttributes and DeleteAttributes on their target instances', () => {
    const { cluster, seen } = setUp();
    const attributes = [{ name: 'stack', value: 'prod', targetId: instanceArn('a') }];
    cluster.putAttributes({ attributes });
    cluster.deleteAttributes({ attributes: [{ name: 'stack', targetId: instanceArn('a') }] });
    expect(seen.map((c) => [c.cause, c.instancesChanged])).toEqual([
      ['putAttribute', [instanceArn('a')]],
      ['deleteAttributes', [instanceArn('a')]],
    ]);
  });
});
