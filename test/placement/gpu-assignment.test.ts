/**
 * GPU ids in the response (docs/placement.md, "Checks and failure reasons"): a task takes the
 * first free ids of its instance in order, and each container gets its own share as
 * `gpuIds`: the ids of a task's containers are pairwise distinct, and distinct from those
 * every other active task holds on that instance.
 */
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import {
  containerInstance,
  instanceArn,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

const gpu = (value: string) => [{ type: 'GPU' as const, value }];
// Containers needing 0, 2 and 1 GPUs.
const trainer = taskDefinition('trainer', [
  { name: 'sidecar', memory: 64 },
  { name: 'main', memory: 64, resourceRequirements: gpu('2') },
  { name: 'helper', memory: 64, resourceRequirements: gpu('1') },
]);

const snapshot = () =>
  snapshotOf({
    instances: [containerInstance({ id: 'g', gpus: ['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6'] })],
    taskDefinitions: [trainer],
    // g9 is held by a running task, so it is not in the free list.
    tasks: [runningTask('held', 'g', 'family:trainer', { containers: [{ gpuIds: ['g9'] }] })],
  });

describe('per-container GPU ids', () => {
  test('each container gets its own share, in container order', () => {
    const { tasks } = Cluster.fromSnapshot(snapshot()).runTask(
      { taskDefinition: 'trainer', count: 2 },
      { seed: 'gpu' },
    );
    expect(tasks.map((t) => t.containers!.map((c) => c.gpuIds))).toEqual([
      [undefined, ['g0', 'g1'], ['g2']],
      [undefined, ['g3', 'g4'], ['g5']],
    ]);
  });

  test('ids are never given twice on an instance, across calls and with the snapshot task', () => {
    const cluster = Cluster.fromSnapshot(snapshot());
    const first = cluster.runTask({ taskDefinition: 'trainer', count: 2 }, { seed: 'a' });
    const second = cluster.runTask({ taskDefinition: 'trainer' }, { seed: 'b' });
    expect(second.tasks).toEqual([]);
    expect(second.failures).toEqual([{ arn: instanceArn('g'), reason: 'RESOURCE:GPU' }]);
    const given = first.tasks.flatMap((t) => t.containers!.flatMap((c) => c.gpuIds ?? []));
    expect(new Set([...given, 'g9']).size).toBe(given.length + 1);
    expect(
      cluster.toSnapshot().clusters[0]!.containerInstances[0]!.remainingResources,
    ).toContainEqual({ name: 'GPU', type: 'STRINGSET', stringSetValue: ['g6'] });
  });

  test('a container override changes that container’s share only', () => {
    const { tasks } = Cluster.fromSnapshot(snapshot()).runTask(
      {
        taskDefinition: 'trainer',
        overrides: { containerOverrides: [{ name: 'main', resourceRequirements: gpu('1') }] },
      },
      { seed: 'gpu' },
    );
    expect(tasks[0]!.containers!.map((c) => c.gpuIds)).toEqual([undefined, ['g0'], ['g1']]);
  });

  test('stopping a task gives its ids back', () => {
    const cluster = Cluster.fromSnapshot(snapshot());
    const [task] = cluster.runTask({ taskDefinition: 'trainer' }, { seed: 'a' }).tasks;
    cluster.stopTask(task!.taskArn);
    const again = cluster.runTask({ taskDefinition: 'trainer', count: 2 }, { seed: 'b' });
    const given = again.tasks.flatMap((t) => t.containers!.flatMap((c) => c.gpuIds ?? []));
    expect(given).toHaveLength(6);
    expect(new Set(given).size).toBe(6);
  });
});
