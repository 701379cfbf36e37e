// A cluster loaded from a snapshot and fed a shuffled, duplicated stream of ECS events ends
// in the state of the snapshot made of each resource's last version.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { ContainerInstance, Snapshot, Task } from '../../src/kernel/ecs-types.js';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { runs } from '../support/runs.js';
import { CLUSTER_ARN, instanceEvent, taskEvent } from './event-builders.js';

const web = taskDefinition('web', [{ name: 'app', image: 'nginx', cpu: 256, memory: 256 }]);
const IDS = ['a', 'b', 'c', 'd'] as const;
const GROUPS = ['family:web', 'family:batch', 'service:api'] as const;

const instanceStateArb = fc.record({
  cpu: fc.integer({ min: 0, max: 4096 }),
  memory: fc.integer({ min: 0, max: 8192 }),
  ports: fc.subarray([22, 80, 443, 8080]),
  status: fc.constantFrom('ACTIVE', 'ACTIVE', 'DRAINING', 'INACTIVE'),
  agentConnected: fc.boolean(),
  stack: fc.constantFrom('blue', 'red', undefined),
  runningTasksCount: fc.integer({ min: 0, max: 3 }),
});

type InstanceVersion = typeof instanceStateArb extends fc.Arbitrary<infer T> ? T : never;

function instanceRecord(id: string, state: InstanceVersion, version: number) {
  const record: ContainerInstance = {
    ...containerInstance({
      id,
      cpu: state.cpu,
      memory: state.memory,
      ports: state.ports,
      status: state.status as ContainerInstance['status'],
      agentConnected: state.agentConnected,
      attributes: state.stack !== undefined ? { stack: state.stack } : {},
    }),
    runningTasksCount: state.runningTasksCount,
  };
  return { ...record, clusterArn: CLUSTER_ARN, version } as ContainerInstance;
}

const taskStateArb = fc.record({
  status: fc.constantFrom(
    ['PENDING', 'RUNNING'] as const,
    ['RUNNING', 'RUNNING'] as const,
    ['RUNNING', 'STOPPED'] as const,
    ['STOPPED', 'STOPPED'] as const,
  ),
  cpu: fc.constantFrom('256', '512'),
});

const scenarioArb = fc
  .record({
    instances: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...IDS),
        versions: fc.array(instanceStateArb, { minLength: 1, maxLength: 4 }),
        inSnapshot: fc.boolean(),
      }),
      { selector: (i) => i.id, minLength: 1, maxLength: IDS.length },
    ),
    tasks: fc.array(
      fc.record({
        on: fc.nat(),
        group: fc.constantFrom(...GROUPS),
        awsvpc: fc.boolean(),
        versions: fc.array(taskStateArb, { minLength: 1, maxLength: 3 }),
        inSnapshot: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
  })
  .chain((scenario) => {
    const instances = scenario.instances.map((i) =>
      i.versions.map((state, v) => instanceRecord(i.id, state, v + 1)),
    );
    const tasks = scenario.tasks.map((t, n) => {
      const host = scenario.instances[t.on % scenario.instances.length]!;
      return {
        host,
        records: t.versions.map((state, v) => {
          const task: Task = runningTask(`t${n}`, host.id, t.group, {
            desiredStatus: state.status[1],
            lastStatus: state.status[0],
            cpu: state.cpu,
            ...(t.awsvpc
              ? { attachments: [{ type: 'ElasticNetworkInterface', status: 'ATTACHED' }] }
              : {}),
          });
          return { ...task, clusterArn: CLUSTER_ARN, version: v + 1 } as Task;
        }),
        inSnapshot: t.inSnapshot && host.inSnapshot,
      };
    });
    const events = [
      ...instances.flatMap((versions) => versions.map((r) => instanceEvent(r, r.version!))),
      ...tasks.flatMap((t) => t.records.map((r) => taskEvent(r, r.version!))),
    ];
    const initial = snapshotOf({
      instances: scenario.instances.flatMap((i, n) => (i.inSnapshot ? [instances[n]![0]!] : [])),
      tasks: tasks.flatMap((t) => (t.inSnapshot ? [t.records[0]!] : [])),
      taskDefinitions: [web],
    });
    const last = snapshotOf({
      instances: instances.map((versions) => versions.at(-1)!),
      tasks: tasks.map((t) => t.records.at(-1)!),
      taskDefinitions: [web],
    });
    return fc.record({
      initial: fc.constant(initial),
      last: fc.constant(last),
      stream: fc
        .tuple(
          fc.shuffledSubarray(events, { minLength: events.length }),
          fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
        )
        .map(([shuffled, copies]) => {
          const stream = [...shuffled];
          for (const [which, where] of copies) {
            stream.splice(where % (stream.length + 1), 0, events[which % events.length]!);
          }
          return stream;
        }),
    });
  });

/** The snapshot with instances and tasks in ARN order (arrival order is not state). */
function state(snapshot: Snapshot) {
  const cluster = snapshot.clusters[0]!;
  return {
    instances: [...cluster.containerInstances].sort((x, y) =>
      x.containerInstanceArn.localeCompare(y.containerInstanceArn),
    ),
    tasks: [...cluster.tasks].sort((x, y) => x.taskArn.localeCompare(y.taskArn)),
  };
}

describe('a shuffled, duplicated event stream', () => {
  it('ends in the snapshot of the last versions', () => {
    fc.assert(
      fc.property(scenarioArb, ({ initial, last, stream }) => {
        const cluster = Cluster.fromSnapshot(initial);
        const report = cluster.applyAll(stream);
        expect(report.rejected).toBe(0);
        const expected = Cluster.fromSnapshot(last);
        expect(state(cluster.toSnapshot())).toEqual(state(expected.toSnapshot()));
        // What placement reads agrees too: the same instances match the same CQL filters.
        for (const filter of [
          'runningTasksCount > 0',
          'attribute:stack == blue',
          'agentConnected == true',
        ]) {
          const sorted = (c: Cluster) =>
            [...c.listContainerInstances({ filter }).containerInstanceArns].sort();
          expect(sorted(cluster)).toEqual(sorted(expected));
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('applied inside a transaction and rolled back, leaves the state exactly as loaded', () => {
    fc.assert(
      fc.property(scenarioArb, ({ initial, stream }) => {
        const cluster = Cluster.fromSnapshot(initial);
        const before = cluster.toSnapshot();
        const tx = cluster.transaction();
        cluster.applyAll(stream);
        tx.rollback();
        expect(cluster.toSnapshot()).toEqual(before);
        // And the state still takes the stream afterwards, as a fresh one does.
        const again = cluster.applyAll(stream);
        const fresh = Cluster.fromSnapshot(initial).applyAll(stream);
        expect(again.results).toEqual(fresh.results);
      }),
      { numRuns: runs(100) },
    );
  });
});
