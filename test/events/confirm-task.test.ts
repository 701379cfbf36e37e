import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { Task } from '../../src/kernel/ecs-types.js';
import {
  containerInstance,
  instanceArn,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { instanceEvent, taskEvent } from './event-builders.js';

const web = taskDefinition('web', [{ name: 'app', image: 'nginx', cpu: 512, memory: 256 }]);

function setUp() {
  const cluster = Cluster.fromSnapshot(
    snapshotOf({
      instances: [containerInstance({ id: 'a', cpu: 2048, memory: 4096 })],
      taskDefinitions: [web],
      tasks: [runningTask('old', 'a', 'family:other')],
    }),
  );
  const [placed] = cluster.runTask({ taskDefinition: 'web' }).tasks;
  // The task ECS started for the decision, as StartTask returns it.
  const real: Task = {
    ...runningTask('real', 'a', 'family:web', { cpu: '512', memory: '256' }),
    lastStatus: 'PENDING',
    version: 1,
  };
  return { cluster, placed: placed!, real };
}

const state = (cluster: Cluster) => {
  const c = cluster.toSnapshot().clusters[0]!;
  const a = c.containerInstances[0]!;
  return {
    tasks: c.tasks.map((t) => t.taskArn.slice(t.taskArn.lastIndexOf('/') + 1)),
    cpu: a.remainingResources?.find((r) => r.name === 'CPU')?.integerValue,
    running: a.runningTasksCount,
  };
};

describe('confirmTask', () => {
  it('swaps the decision for the real task: counted once, its resources still held', () => {
    const { cluster, placed, real } = setUp();
    expect(state(cluster).cpu).toBe(1536);
    cluster.confirmTask(placed.taskArn, real);
    expect(state(cluster)).toEqual({ tasks: ['old', 'real'], cpu: 1536, running: 2 });
    // The real task's own events update it (by version) rather than adding a task.
    expect(cluster.apply(taskEvent({ ...real, lastStatus: 'RUNNING' }, 2))).toMatchObject({
      change: 'updated',
    });
    expect(cluster.apply(taskEvent(real, 1))).toMatchObject({ reason: 'stale' });
    // The instance's event counts the real task: its figures replace the mirror's.
    cluster.apply(instanceEvent(containerInstance({ id: 'a', cpu: 1536, memory: 3840 }), 2));
    expect(state(cluster)).toEqual({ tasks: ['old', 'real'], cpu: 1536, running: 2 });
    // Stopped: no longer counted; the resources come back with the instance's next event.
    cluster.apply(taskEvent({ ...real, lastStatus: 'STOPPED', desiredStatus: 'STOPPED' }, 3));
    expect(state(cluster)).toEqual({ tasks: ['old', 'real'], cpu: 1536, running: 1 });
    cluster.apply(instanceEvent(containerInstance({ id: 'a', cpu: 2048, memory: 4096 }), 3));
    expect(state(cluster).cpu).toBe(2048);
  });

  it('is undone by a rollback', () => {
    const { cluster, placed, real } = setUp();
    const before = cluster.toSnapshot();
    const tx = cluster.transaction();
    cluster.confirmTask(placed.taskArn, real);
    tx.rollback();
    expect(cluster.toSnapshot()).toEqual(before);
  });

  it('refuses what is not a decision of this cluster, or does not match it', () => {
    const { cluster, placed, real } = setUp();
    const before = cluster.toSnapshot();
    expect(() => cluster.confirmTask('nope', real)).toThrow('The referenced task was not found.');
    expect(() => cluster.confirmTask('old', real)).toThrow(/was not placed by runTask/);
    expect(() =>
      cluster.confirmTask(placed.taskArn, { ...real, containerInstanceArn: instanceArn('b') }),
    ).toThrow(/runs on .*\/b, not on .*\/a/);
    expect(() =>
      cluster.confirmTask(placed.taskArn, {
        ...real,
        taskArn: runningTask('old', 'a', 'x').taskArn,
      }),
    ).toThrow(/is already recorded/);
    expect(() =>
      cluster.confirmTask(placed.taskArn, { ...real, desiredStatus: 'LOST' } as unknown as Task),
    ).toThrow(/Invalid task\.desiredStatus/);
    expect(cluster.toSnapshot()).toEqual(before);
  });
});
