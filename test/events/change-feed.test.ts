import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { ClusterChange } from '../../src/api/change-feed.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import {
  containerInstance,
  instanceArn,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { instanceEvent, taskEvent } from './event-builders.js';

const web = taskDefinition('web', [{ name: 'app', image: 'nginx', cpu: 512, memory: 256 }]);
const two: RunTaskInput = {
  taskDefinition: 'web',
  count: 2,
  placementStrategy: [{ type: 'binpack', field: 'memory' }],
};

function cluster(): Cluster {
  return Cluster.fromSnapshot(
    snapshotOf({
      instances: [
        containerInstance({ id: 'a', cpu: 2048, memory: 1024 }),
        containerInstance({ id: 'b', cpu: 2048, memory: 4096 }),
      ],
      taskDefinitions: [web],
      tasks: [runningTask('old', 'b', 'family:web', { cpu: '512', memory: '256' })],
    }),
  );
}

function listen(c: Cluster): ClusterChange[] {
  const seen: ClusterChange[] = [];
  c.onChange((change) => seen.push(change));
  return seen;
}

describe('the change feed', () => {
  it('reports runTask: the tasks placed and the resources they moved', () => {
    const c = cluster();
    const seen = listen(c);
    const out = c.runTask(two);
    expect(seen).toHaveLength(1);
    const [change] = seen;
    expect(change).toMatchObject({
      sequence: 1,
      cluster: 'default',
      cause: 'runTask',
      tasksStopped: [],
      instancesRegistered: [],
    });
    expect(change!.tasksPlaced.map((t) => t.taskArn)).toEqual(out.tasks.map((t) => t.taskArn));
    // binpack on memory: both tasks on a, the instance with the least memory left.
    expect(change!.resources).toEqual([
      {
        containerInstanceArn: instanceArn('a'),
        cpu: { before: 2048, after: 1024 },
        memory: { before: 1024, after: 512 },
      },
    ]);
  });

  it('hands each listener its own copy', () => {
    const c = cluster();
    const first = listen(c);
    const second = listen(c);
    c.runTask(two);
    first[0]!.tasksPlaced.length = 0;
    expect(second[0]!.tasksPlaced).toHaveLength(2);
    expect(c.toSnapshot().clusters[0]!.tasks).toHaveLength(3);
  });

  it('reports stopTask, events, and nothing for plans or ignored events', () => {
    const c = cluster();
    const seen = listen(c);
    c.planRunTask(two);
    c.stopTask('old');
    c.apply(instanceEvent(containerInstance({ id: 'a', cpu: 100, memory: 1024 }), 2));
    c.apply(instanceEvent(containerInstance({ id: 'a', cpu: 100, memory: 1024 }), 2));
    c.apply(instanceEvent(containerInstance({ id: 'new' }), 1));
    c.apply(instanceEvent(containerInstance({ id: 'new', status: 'INACTIVE' }), 2));
    c.apply(taskEvent(runningTask('t1', 'new', 'family:web'), 1));
    expect(seen.map((s) => s.cause)).toEqual(['stopTask', 'event', 'event', 'event', 'event']);
    expect(seen[0]).toMatchObject({
      tasksStopped: [runningTask('old', 'b', 'family:web').taskArn],
      resources: [
        {
          containerInstanceArn: instanceArn('b'),
          cpu: { before: 2048, after: 2560 },
          memory: { before: 4096, after: 4352 },
        },
      ],
    });
    expect(seen[1]).toMatchObject({
      instancesChanged: [instanceArn('a')],
      resources: [{ cpu: { before: 2048, after: 100 }, memory: { before: 1024, after: 1024 } }],
    });
    expect(seen[2]!.instancesRegistered).toEqual([instanceArn('new')]);
    expect(seen[3]!.instancesDeregistered).toEqual([instanceArn('new')]);
    expect(seen[4]!.tasksUpdated).toEqual([runningTask('t1', 'new', 'family:web').taskArn]);
  });

  it('a rollback restores the mirror and names what it undid', () => {
    const c = cluster();
    const seen = listen(c);
    const before = c.toSnapshot();
    const tx = c.transaction();
    c.runTask(two);
    c.stopTask('old');
    tx.rollback();
    expect(c.toSnapshot()).toEqual(before);
    expect(seen.map((s) => [s.sequence, s.cause, s.undid])).toEqual([
      [1, 'runTask', undefined],
      [2, 'stopTask', undefined],
      [3, 'rollback', [2, 1]],
    ]);
  });

  it('a kept transaction keeps its changes; an outer rollback still undoes them', () => {
    const c = cluster();
    const seen = listen(c);
    const outer = c.transaction();
    const inner = c.transaction();
    c.runTask(two);
    expect(() => outer.keep()).toThrow(/started inside this one is still open/);
    inner.keep();
    expect(() => inner.rollback()).toThrow(/ended already/);
    expect(c.toSnapshot().clusters[0]!.tasks).toHaveLength(3);
    outer.rollback();
    expect(c.toSnapshot().clusters[0]!.tasks).toHaveLength(1);
    expect(seen.at(-1)).toMatchObject({ cause: 'rollback', undid: [1] });
  });

  it('a listener that throws does not stop the others nor undo the change', () => {
    const c = cluster();
    const seen: string[] = [];
    c.onChange(() => {
      throw new Error('listener failed');
    });
    c.onChange((change) => seen.push(change.cause));
    expect(() => c.runTask(two)).toThrow('listener failed');
    expect(seen).toEqual(['runTask']);
    expect(c.toSnapshot().clusters[0]!.tasks).toHaveLength(3);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => cluster().onChange('x' as unknown as () => void)).toThrow(
      'onChange takes a function, called with each change.',
    );
  });

  it('unsubscribing stops the listener', () => {
    const c = cluster();
    const seen: ClusterChange[] = [];
    const stop = c.onChange((change) => seen.push(change));
    stop();
    c.runTask(two);
    expect(seen).toEqual([]);
  });

  it('is an async iterator too: buffered changes, then waiting, then return()', async () => {
    const c = cluster();
    const changes = c.changes();
    c.runTask(two);
    const first = await changes.next();
    expect(first.value?.cause).toBe('runTask');
    const pending = changes.next();
    c.stopTask('old');
    expect((await pending).value?.cause).toBe('stopTask');
    await changes.return?.();
    c.runTask(two);
    expect(await changes.next()).toEqual({ value: undefined, done: true });
    const causes: string[] = [];
    const loop = (async () => {
      for await (const change of c.changes()) {
        causes.push(change.cause);
        if (causes.length === 2) break;
      }
    })();
    c.runTask(two);
    c.runTask(two);
    await loop;
    expect(causes).toEqual(['runTask', 'runTask']);
  });
});
