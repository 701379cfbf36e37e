// What an event invalidates in the cluster model: the changed instance's version only, and
// the candidate lists only when an instance's status changes.
import { describe, expect, it } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { validateSnapshot } from '../../src/cluster/validate-snapshot.js';
import type { ContainerInstance, Task } from '../../src/kernel/ecs-types.js';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

function model(): ClusterModel {
  const snapshot = validateSnapshot(
    snapshotOf({
      instances: [containerInstance({ id: 'a' }), containerInstance({ id: 'b' })],
      taskDefinitions: [taskDefinition('web', [{ name: 'app', memory: 8 }])],
      tasks: [{ ...runningTask('t', 'a', 'family:web'), lastStatus: 'PENDING', version: 1 }],
    }),
  );
  return new ClusterModel(snapshot.clusters[0]!);
}

const record = (spec: Parameters<typeof containerInstance>[0], version: number) =>
  ({ ...containerInstance(spec), version }) as ContainerInstance;

describe('ClusterModel upserts', () => {
  it('a new figure bumps only that instance; the candidate list stays', () => {
    const m = model();
    const [a, b] = m.instances;
    const candidates = m.candidates({ kind: 'EC2' });
    const before = [a!.version, b!.version];
    m.upsertInstance(record({ id: 'a', cpu: 1 }, 2));
    expect([a!.version, b!.version]).toEqual([before[0]! + 1, before[1]]);
    expect(a!.cpu).toBe(1);
    expect(m.candidates({ kind: 'EC2' })).toBe(candidates);
  });

  it('a record with the same figures keeps the version', () => {
    const m = model();
    const a = m.instances[0]!;
    const version = a.version;
    m.upsertInstance(record({ id: 'a' }, 2));
    expect(a.version).toBe(version);
    expect(a.source.version).toBe(2);
  });

  it('a status change rebuilds the candidate lists', () => {
    const m = model();
    const candidates = m.candidates({ kind: 'EC2' });
    m.upsertInstance(record({ id: 'b', status: 'DRAINING' }, 2));
    const rebuilt = m.candidates({ kind: 'EC2' });
    expect(rebuilt).not.toBe(candidates);
    expect(rebuilt.map((i) => i.id)).toEqual(['a']);
  });

  it('a task moving PENDING -> RUNNING keeps its instance version; stopping it does not', () => {
    const m = model();
    const a = m.instances[0]!;
    const version = a.version;
    const running: Task = { ...runningTask('t', 'a', 'family:web'), version: 2 };
    m.upsertTask(running);
    expect(a.version).toBe(version);
    expect(m.findTask('t')?.lastStatus).toBe('RUNNING');
    m.upsertTask({ ...running, desiredStatus: 'STOPPED', version: 3 });
    expect(a.version).toBeGreaterThan(version);
    expect(a.view.runningTasksCount).toBe(0);
  });
});
