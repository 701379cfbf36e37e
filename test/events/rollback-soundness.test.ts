// A transaction rolled back after events must leave the placement engine's caches (the
// feasibility memo keyed by instance versions, the candidate lists, the attribute columns)
// agreeing with the state it restored. Each case mixes an event with a change made after it
// on the same instance, then rolls back, then plans as a fresh load of the same state does.
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { ContainerInstance, Task } from '../../src/kernel/ecs-types.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import {
  containerInstance,
  instanceArn,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { CLUSTER_ARN, instanceEvent, taskEvent } from './event-builders.js';

const small = taskDefinition('small', [{ name: 'app', cpu: 128, memory: 128 }]);

function clusterOf(instances: ContainerInstance[], tasks: Task[] = []): Cluster {
  return Cluster.fromSnapshot(snapshotOf({ instances, tasks, taskDefinitions: [small] }));
}

function plan(cluster: Cluster, request: RunTaskInput) {
  return cluster.planRunTask(request, { seed: 'rollback', now: 0 });
}

/** The plan of `request` on the cluster and on a fresh load of its state (no cache). */
function planBoth(cluster: Cluster, request: RunTaskInput) {
  return {
    cached: plan(cluster, request),
    fresh: plan(Cluster.fromSnapshot(cluster.toSnapshot()), request),
  };
}

describe('a rolled-back event and a later change to the same instance', () => {
  test('PutAttributes after it: CQL reads the attributes the rollback restored', () => {
    const a = containerInstance({ id: 'a', attributes: { stack: 'dev' } });
    const cluster = clusterOf([a]);
    const prod: RunTaskInput = {
      taskDefinition: 'small',
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }],
    };
    plan(cluster, prod);
    const tx = cluster.transaction();
    // The record adds an attribute, so the rollback writes the attribute map back whole.
    const record = { ...a, attributes: [...a.attributes!, { name: 'team', value: 'blue' }] };
    expect(cluster.apply(instanceEvent(record, 2)).result).toBe('applied');
    cluster.putAttributes({
      attributes: [
        { name: 'stack', value: 'prod', targetType: 'container-instance', targetId: 'a' },
      ],
    });
    expect(plan(cluster, prod).tasks).toHaveLength(1);
    tx.rollback();

    const attributes = cluster.toSnapshot().clusters[0]!.containerInstances[0]!.attributes;
    expect(attributes).toContainEqual({ name: 'stack', value: 'dev' });
    expect(
      cluster.listContainerInstances({ filter: 'attribute:stack == prod' }).containerInstanceArns,
    ).toEqual([]);
    const { cached, fresh } = planBoth(cluster, prod);
    expect(cached.tasks).toEqual([]);
    expect(cached.failures).toEqual([
      { arn: a.containerInstanceArn, reason: 'MemberOf placement constraint unsatisfied.' },
    ]);
    expect(cached).toEqual(fresh);
  });

  test('a new status after it: the instance the rollback made ACTIVE again is a candidate', () => {
    const a = containerInstance({ id: 'a' });
    const b = containerInstance({ id: 'b' });
    const cluster = clusterOf([a, b]);
    const request: RunTaskInput = { taskDefinition: 'small', count: 2 };
    const tx = cluster.transaction();
    // A record that moves only a figure placement does not read.
    expect(cluster.apply(instanceEvent({ ...a, pendingTasksCount: 1 }, 2)).result).toBe('applied');
    cluster.updateContainerInstancesState({ containerInstances: ['a'], status: 'DRAINING' });
    expect(plan(cluster, request).explanation.tasks[0]!.candidates).toBe(1);
    tx.rollback();

    expect(cluster.toSnapshot().clusters[0]!.containerInstances[0]!.status).toBe('ACTIVE');
    const { cached, fresh } = planBoth(cluster, request);
    expect(cached.explanation.tasks[0]!.candidates).toBe(2);
    expect(cached).toEqual(fresh);
  });

  test('a registration after an event registration: the rollback takes both off', () => {
    const a = containerInstance({ id: 'a' });
    const cluster = clusterOf([a]);
    const tx = cluster.transaction();
    expect(cluster.apply(instanceEvent(containerInstance({ id: 'x' }), 1)).result).toBe('applied');
    cluster.registerContainerInstance(containerInstance({ id: 'y' }));
    expect(cluster.listContainerInstances().containerInstanceArns).toHaveLength(3);
    tx.rollback();

    expect(cluster.listContainerInstances().containerInstanceArns).toEqual([
      a.containerInstanceArn,
    ]);
    expect(cluster.describeContainerInstances({ containerInstances: ['x', 'y'] })).toEqual({
      containerInstances: [],
      failures: [
        { arn: 'x', reason: 'MISSING' },
        { arn: 'y', reason: 'MISSING' },
      ],
    });
    // Both may register again (their ARNs and EC2 instances are free).
    cluster.registerContainerInstance(containerInstance({ id: 'y' }));
    cluster.registerContainerInstance(containerInstance({ id: 'x' }));
    const { cached, fresh } = planBoth(cluster, {
      taskDefinition: 'small',
      count: 3,
      placementStrategy: [{ type: 'spread', field: 'instanceId' }],
    });
    expect(cached.tasks.map((t) => t.containerInstanceArn).sort()).toEqual(
      [instanceArn('a'), instanceArn('x'), instanceArn('y')].sort(),
    );
    expect(cached).toEqual(fresh);
  });
});

describe('a rolled-back task event', () => {
  test('gives the instance its version back: the memo does not keep the undone verdict', () => {
    const a = containerInstance({ id: 'a' });
    const loaded = [0, 1, 2].map((n) => runningTask(`t${n}`, 'a', 'family:small'));
    const cluster = clusterOf([a], loaded);
    const fewTasks: RunTaskInput = {
      taskDefinition: 'small',
      placementConstraints: [{ type: 'memberOf', expression: 'runningTasksCount < 3' }],
    };
    expect(plan(cluster, fewTasks).tasks).toEqual([]);
    const tx = cluster.transaction();
    const stopped = { ...loaded[0]!, desiredStatus: 'STOPPED', clusterArn: CLUSTER_ARN } as Task;
    expect(cluster.apply(taskEvent(stopped, 1)).result).toBe('applied');
    // Two tasks left: the instance passes now, and the memo keeps that verdict.
    expect(plan(cluster, fewTasks).tasks).toHaveLength(1);
    tx.rollback();

    expect(cluster.toSnapshot().clusters[0]!.containerInstances[0]!.runningTasksCount).toBe(3);
    const { cached, fresh } = planBoth(cluster, fewTasks);
    expect(cached.tasks).toEqual([]);
    expect(cached).toEqual(fresh);
  });
});
