// An instance's version names one state of it: the feasibility memo reuses a verdict while
// the version is unchanged. A change gives a version never used before; an exact undo (a
// rolled-back placement or stop) gives the former version back, unless something else
// changed the instance in between.
import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import type { TaskFootprint } from '../../src/cluster/task-footprint.js';
import type { Task } from '../../src/kernel/ecs-types.js';
import { containerInstance, snapshotOf } from '../../src/testing/builders.js';

const footprint: TaskFootprint = {
  cpu: 256,
  memory: 512,
  tcpPorts: [],
  udpPorts: [],
  gpuIds: [],
  eni: 0,
};

let taskNumber = 0;
function task(): Task {
  taskNumber++;
  return {
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/default/t${taskNumber}`,
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
    desiredStatus: 'RUNNING',
    lastStatus: 'PENDING',
  } as Task;
}

function model(): ClusterModel {
  const snapshot = snapshotOf({
    instances: [containerInstance({ id: 'a' }), containerInstance({ id: 'b' })],
    taskDefinitions: [],
  });
  return new ClusterModel(snapshot.clusters[0]!);
}

describe('instance versions', () => {
  test('a rolled-back placement gives the version back; a new placement a new one', () => {
    const m = model();
    const a = m.instances[0]!;
    const start = a.version;
    const mark = m.begin();
    m.commit(a, task(), footprint);
    const placed = a.version;
    expect(placed).not.toBe(start);
    m.rollback(mark);
    expect(a.version).toBe(start);
    expect(a.cpu).toBe(2048);
    m.commit(a, task(), footprint);
    expect(a.version).not.toBe(start);
    expect(a.version).not.toBe(placed);
  });

  test('nested transactions restore each version in turn', () => {
    const m = model();
    const a = m.instances[0]!;
    const start = a.version;
    const outer = m.begin();
    m.commit(a, task(), footprint);
    const first = a.version;
    const inner = m.begin();
    m.commit(a, task(), footprint);
    expect(a.version).not.toBe(first);
    m.rollback(inner);
    expect(a.version).toBe(first);
    m.rollback(outer);
    expect(a.version).toBe(start);
  });

  test('a change the rollback does not undo leaves a new version', () => {
    const m = model();
    const a = m.instances[0]!;
    const start = a.version;
    const mark = m.begin();
    m.commit(a, task(), footprint);
    const placed = a.version;
    m.putAttribute(a, 'stack', 'prod'); // not undone by a rollback
    const changed = a.version;
    m.rollback(mark);
    expect([start, placed, changed]).not.toContain(a.version);
  });

  test('a rolled-back stop gives the version back', () => {
    const m = model();
    const a = m.instances[0]!;
    const t = task();
    m.commit(a, t, footprint);
    const running = a.version;
    const mark = m.begin();
    expect(m.stopTask(t.taskArn)).toBe(true);
    expect(a.version).not.toBe(running);
    m.rollback(mark);
    expect(a.version).toBe(running);
    expect(a.cpu).toBe(2048 - 256);
  });

  test('versions are per instance: another instance keeps its own', () => {
    const m = model();
    const [a, b] = [m.instances[0]!, m.instances[1]!];
    const bStart = b.version;
    m.commit(a, task(), footprint);
    expect(b.version).toBe(bStart);
    expect(m.instanceColumns.versions[a.index]).toBe(a.version);
    expect(m.instanceColumns.memory[a.index]).toBe(4096 - 512);
  });
});

// The model indexes tasks by ARN and id lazily (on the first lookup after they were
// recorded), so a rolled-back placement never touches the index: lookups must still see
// exactly the tasks that are there.
describe('task lookup', () => {
  const id = (t: Task) => t.taskArn.slice(t.taskArn.lastIndexOf('/') + 1);

  test('finds recorded tasks by ARN and id, and none that were rolled back', () => {
    const m = model();
    const a = m.instances[0]!;
    const first = task();
    m.commit(a, first, footprint);
    expect(m.stopTask(first.taskArn)).toBe(true); // indexes `first`
    const mark = m.begin();
    const undone = task();
    m.commit(a, undone, footprint);
    expect(m.stopTask(id(undone))).toBe(true); // indexes `undone`, inside the transaction
    m.rollback(mark);
    expect(m.stopTask(undone.taskArn)).toBe(false);
    expect(m.stopTask(id(undone))).toBe(false);
    const later = task();
    m.commit(a, later, footprint);
    const mark2 = m.begin();
    m.commit(a, task(), footprint); // never looked up before its rollback
    m.rollback(mark2);
    expect(m.stopTask(id(later))).toBe(true);
    expect(m.tasks.map(id)).toEqual([id(first), id(later)]);
  });
});
