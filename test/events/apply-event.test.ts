import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { ContainerInstance } from '../../src/kernel/ecs-types.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import {
  containerInstance,
  instanceArn,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { CLUSTER_ARN, instanceEvent, taskEvent } from './event-builders.js';

const web = taskDefinition('web', [{ name: 'app', image: 'nginx', cpu: 512, memory: 512 }]);

function withVersion(instance: ContainerInstance, version: number): ContainerInstance {
  return { ...instance, version };
}

function loaded(...instances: ContainerInstance[]): Cluster {
  return Cluster.fromSnapshot(snapshotOf({ instances, taskDefinitions: [web] }));
}

const one: RunTaskInput = { taskDefinition: 'web', count: 1 };

function cpuOf(cluster: Cluster, id: string): number | undefined {
  const instance = cluster
    .toSnapshot()
    .clusters[0]!.containerInstances.find((i) => i.containerInstanceArn === instanceArn(id));
  return instance?.remainingResources?.find((r) => r.name === 'CPU')?.integerValue;
}

describe('container instance state change events', () => {
  it('take the full record: remaining resources, attributes, version', () => {
    const cluster = loaded(withVersion(containerInstance({ id: 'a', cpu: 2048 }), 3));
    const result = cluster.apply(
      instanceEvent(containerInstance({ id: 'a', cpu: 256, attributes: { stack: 'blue' } }), 4),
    );
    expect(result).toMatchObject({
      result: 'applied',
      kind: 'instance',
      change: 'updated',
      version: 4,
    });
    expect(cpuOf(cluster, 'a')).toBe(256);
    // 256 CPU units left: the 512-unit task no longer fits.
    expect(cluster.runTask(one).failures).toEqual([
      { arn: instanceArn('a'), reason: 'RESOURCE:CPU' },
    ]);
    expect(cluster.listContainerInstances({ filter: 'attribute:stack == blue' })).toEqual({
      containerInstanceArns: [instanceArn('a')],
    });
  });

  it('drop duplicates and stale versions, saying so, and change nothing', () => {
    const cluster = loaded(withVersion(containerInstance({ id: 'a', cpu: 2048 }), 5));
    const before = cluster.toSnapshot();
    expect(cluster.apply(instanceEvent(containerInstance({ id: 'a', cpu: 1 }), 5))).toMatchObject({
      result: 'ignored',
      reason: 'duplicate',
      currentVersion: 5,
    });
    expect(cluster.apply(instanceEvent(containerInstance({ id: 'a', cpu: 1 }), 2))).toMatchObject({
      result: 'ignored',
      reason: 'stale',
      version: 2,
      currentVersion: 5,
    });
    expect(cluster.toSnapshot()).toEqual(before);
  });

  it('register a new instance, which becomes a candidate at once', () => {
    const cluster = loaded(containerInstance({ id: 'a', cpu: 0 }));
    expect(cluster.runTask(one).tasks).toHaveLength(0);
    expect(cluster.apply(instanceEvent(containerInstance({ id: 'b' }), 1))).toMatchObject({
      change: 'registered',
      arn: instanceArn('b'),
    });
    expect(cluster.runTask(one).tasks[0]?.containerInstanceArn).toBe(instanceArn('b'));
  });

  it('DRAINING leaves the candidates, ACTIVE brings the instance back, INACTIVE deregisters', () => {
    const cluster = loaded(containerInstance({ id: 'a' }));
    cluster.apply(instanceEvent(containerInstance({ id: 'a', status: 'DRAINING' }), 1));
    expect(cluster.planRunTask(one).tasks).toHaveLength(0);
    expect(cluster.listContainerInstances({ status: 'DRAINING' }).containerInstanceArns).toEqual([
      instanceArn('a'),
    ]);
    cluster.apply(instanceEvent(containerInstance({ id: 'a' }), 2));
    expect(cluster.planRunTask(one).tasks).toHaveLength(1);
    const gone = cluster.apply(
      instanceEvent(containerInstance({ id: 'a', status: 'INACTIVE', agentConnected: false }), 3),
    );
    expect(gone).toMatchObject({ result: 'applied', change: 'deregistered' });
    expect(cluster.listContainerInstances().containerInstanceArns).toEqual([]);
  });

  it('an agent disconnect fails the AGENT check until it reconnects', () => {
    const cluster = loaded(containerInstance({ id: 'a' }));
    cluster.apply(instanceEvent(containerInstance({ id: 'a', agentConnected: false }), 1));
    expect(cluster.planRunTask(one).failures).toEqual([{ arn: instanceArn('a'), reason: 'AGENT' }]);
    cluster.apply(instanceEvent(containerInstance({ id: 'a' }), 2));
    expect(cluster.planRunTask(one).failures).toEqual([]);
  });
});

describe('task state change events', () => {
  const task = runningTask('t1', 'a', 'family:web', { cpu: '512', memory: '512' });

  it('record a task on its instance: CQL counts and distinctInstance see it', () => {
    const cluster = loaded(containerInstance({ id: 'a' }), containerInstance({ id: 'b' }));
    expect(cluster.apply(taskEvent({ ...task, lastStatus: 'PENDING' }, 1))).toMatchObject({
      result: 'applied',
      kind: 'task',
      change: 'recorded',
    });
    expect(
      cluster.listContainerInstances({ filter: 'runningTasksCount == 1' }).containerInstanceArns,
    ).toEqual([instanceArn('a')]);
    const distinct = cluster.planRunTask({
      ...one,
      group: 'family:web',
      placementConstraints: [{ type: 'distinctInstance' }],
    });
    expect(distinct.tasks.map((t) => t.containerInstanceArn)).toEqual([instanceArn('b')]);
  });

  it('a STOPPED task no longer counts; its resources come back with the instance event', () => {
    const cluster = loaded(containerInstance({ id: 'a', cpu: 1536 }));
    cluster.apply(taskEvent(task, 1));
    expect(
      cluster.apply(taskEvent({ ...task, lastStatus: 'STOPPED', desiredStatus: 'STOPPED' }, 2)),
    ).toMatchObject({ change: 'stopped' });
    expect(
      cluster.listContainerInstances({ filter: 'runningTasksCount == 0' }).containerInstanceArns,
    ).toEqual([instanceArn('a')]);
    // ECS reports the released CPU in the instance's own event, not in the task's.
    expect(cpuOf(cluster, 'a')).toBe(1536);
    cluster.apply(instanceEvent(containerInstance({ id: 'a', cpu: 2048 }), 7));
    expect(cpuOf(cluster, 'a')).toBe(2048);
  });

  it('a task whose instance is not known yet waits for it, then counts', () => {
    const cluster = loaded(containerInstance({ id: 'a' }));
    const early = runningTask('t2', 'new', 'family:web');
    expect(cluster.apply(taskEvent(early, 1))).toMatchObject({
      result: 'applied',
      waitingForInstance: true,
    });
    cluster.apply(instanceEvent(containerInstance({ id: 'new' }), 1));
    expect(
      cluster.listContainerInstances({ filter: 'runningTasksCount == 1' }).containerInstanceArns,
    ).toEqual([instanceArn('new')]);
  });

  it('a task version older than the recorded one is stale', () => {
    const cluster = loaded(containerInstance({ id: 'a' }));
    cluster.apply(taskEvent(task, 3));
    expect(cluster.apply(taskEvent({ ...task, desiredStatus: 'STOPPED' }, 2))).toMatchObject({
      result: 'ignored',
      reason: 'stale',
      currentVersion: 3,
    });
  });
});

describe('bad input is reported and changes nothing', () => {
  const cases: [string, unknown, object][] = [
    ['not an object', 'hello', { reason: 'malformed', path: '$' }],
    [
      'another source',
      { source: 'aws.ec2', 'detail-type': 'x', detail: {} },
      { reason: 'malformed', path: '$.source' },
    ],
    [
      'no detail version',
      { ...instanceEvent(containerInstance({ id: 'a' }), 1), detail: { clusterArn: CLUSTER_ARN } },
      { reason: 'malformed', path: '$.detail.version' },
    ],
    [
      'an unknown cluster',
      {
        ...instanceEvent(containerInstance({ id: 'a' }), 9),
        detail: {
          ...instanceEvent(containerInstance({ id: 'a' }), 9).detail,
          clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/elsewhere',
        },
      },
      { reason: 'unknown-cluster' },
    ],
    [
      'a malformed detail',
      {
        ...instanceEvent(containerInstance({ id: 'a' }), 9),
        detail: { ...instanceEvent(containerInstance({ id: 'a' }), 9).detail, status: 'BOGUS' },
      },
      { reason: 'malformed', path: '$.detail.status' },
    ],
    [
      'another EC2 instance for a registration',
      instanceEvent(containerInstance({ id: 'a', ec2InstanceId: 'i-other' }), 9),
      { reason: 'conflict' },
    ],
    [
      'a task that moves to another instance',
      taskEvent(runningTask('t0', 'b', 'family:web'), 9),
      { reason: 'conflict' },
    ],
  ];

  it.each(cases)('%s', (_name, event, expected) => {
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: [containerInstance({ id: 'a' }), containerInstance({ id: 'b' })],
        taskDefinitions: [web],
        tasks: [{ ...runningTask('t0', 'a', 'family:web'), version: 1 }],
      }),
    );
    const before = cluster.toSnapshot();
    expect(cluster.apply(event)).toMatchObject({ result: 'rejected', ...expected });
    expect(cluster.toSnapshot()).toEqual(before);
  });

  it('another kind of ECS event is ignored as unsupported', () => {
    const cluster = loaded(containerInstance({ id: 'a' }));
    expect(
      cluster.apply({ source: 'aws.ecs', 'detail-type': 'ECS Service Action', detail: {} }),
    ).toMatchObject({ result: 'ignored', reason: 'unsupported' });
  });

  it('applyAll refuses what is not a list of events', () => {
    const cluster = loaded(containerInstance({ id: 'a' }));
    for (const notAList of [42, null, { detail: {} }]) {
      expect(() => cluster.applyAll(notAList as unknown as unknown[])).toThrow(
        'applyAll takes a list (any iterable) of events.',
      );
    }
  });

  it('applyAll applies the good events and reports the rest', () => {
    const cluster = loaded(containerInstance({ id: 'a' }));
    const report = cluster.applyAll([
      instanceEvent(containerInstance({ id: 'a', cpu: 100 }), 2),
      42,
      instanceEvent(containerInstance({ id: 'a', cpu: 900 }), 1),
    ]);
    expect(report).toMatchObject({ applied: 1, ignored: 1, rejected: 1 });
    expect(report.results.map((r) => r.result)).toEqual(['applied', 'rejected', 'ignored']);
    expect(cpuOf(cluster, 'a')).toBe(100);
  });
});

describe('events inside a transaction', () => {
  it('are undone exactly by its rollback', () => {
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: [containerInstance({ id: 'a', attributes: { stack: 'red' } })],
        taskDefinitions: [web],
        tasks: [runningTask('t0', 'a', 'family:web')],
      }),
    );
    const before = cluster.toSnapshot();
    const tx = cluster.transaction();
    cluster.apply(instanceEvent(containerInstance({ id: 'a', cpu: 5, status: 'DRAINING' }), 4));
    cluster.apply(instanceEvent(containerInstance({ id: 'z' }), 1));
    cluster.apply(
      taskEvent({ ...runningTask('t0', 'a', 'family:web'), desiredStatus: 'STOPPED' }, 2),
    );
    cluster.apply(taskEvent(runningTask('t9', 'z', 'family:web'), 1));
    expect(cluster.toSnapshot()).not.toEqual(before);
    tx.rollback();
    expect(cluster.toSnapshot()).toEqual(before);
    expect(cluster.listContainerInstances({ filter: 'attribute:stack == red' })).toEqual({
      containerInstanceArns: [instanceArn('a')],
    });
    expect(cluster.planRunTask(one).tasks[0]?.containerInstanceArn).toBe(instanceArn('a'));
  });
});

describe('several clusters in one snapshot', () => {
  it('an instance or task ARN of one cluster is refused for another', () => {
    const snapshot = snapshotOf({
      instances: [containerInstance({ id: 'a' })],
      taskDefinitions: [web],
    });
    snapshot.clusters.push({
      clusterName: 'other',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/other',
      containerInstances: [containerInstance({ id: 'x', cluster: 'other', ec2InstanceId: 'i-x' })],
      tasks: [
        runningTask('ot', 'x', 'family:web', { containerInstanceArn: instanceArn('x', 'other') }),
      ],
    });
    const cluster = Cluster.fromSnapshot(snapshot);
    const before = cluster.toSnapshot();
    const stolen = instanceEvent(
      containerInstance({ id: 'x', cluster: 'other', ec2InstanceId: 'i-x' }),
      5,
    );
    expect(cluster.apply(stolen)).toMatchObject({
      result: 'rejected',
      reason: 'conflict',
      message: `${instanceArn('x', 'other')} belongs to cluster other, not default`,
    });
    const task = taskEvent(runningTask('ot', 'a', 'family:web'), 5);
    expect(cluster.apply(task)).toMatchObject({ result: 'rejected', reason: 'conflict' });
    expect(cluster.toSnapshot()).toEqual(before);
  });
});

describe('a new registration of the same EC2 instance', () => {
  it('takes the EC2 instance id once the old registration is INACTIVE, in either order', () => {
    for (const order of ['new first', 'old first'] as const) {
      const cluster = loaded(containerInstance({ id: 'old', ec2InstanceId: 'i-1' }));
      const registered = instanceEvent(containerInstance({ id: 'new', ec2InstanceId: 'i-1' }), 1);
      const deregistered = instanceEvent(
        containerInstance({ id: 'old', ec2InstanceId: 'i-1', status: 'INACTIVE' }),
        2,
      );
      const events =
        order === 'new first' ? [registered, deregistered] : [deregistered, registered];
      expect(cluster.applyAll(events).applied).toBe(2);
      cluster.putAttribute('i-1', 'stack', 'blue');
      expect(cluster.listContainerInstances({ filter: 'attribute:stack == blue' })).toEqual({
        containerInstanceArns: [instanceArn('new')],
      });
    }
  });
});
