// Placing and stopping a task go through one footprint apply(+1/-1) in the cluster model:
// stopping a task we placed gives back exactly what placing it took, for every kind of
// resource the footprint holds, and only the model changes an instance.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { emptyCopyOf } from '../../src/cluster/empty-copy.js';
import type { InstanceState } from '../../src/cluster/instance-state.js';
import { containerInstance, snapshotOf } from '../../src/testing/builders.js';

function freshModel() {
  return new ClusterModel(
    snapshotOf({
      instances: [
        containerInstance({
          id: 'a',
          cpu: 4096,
          memory: 8192,
          ports: [22],
          udpPorts: [53],
          gpus: ['g0', 'g1', 'g2'],
          attributes: { 'ecs.instance-type': 'm5.large' },
        }),
        containerInstance({ id: 'b' }),
      ],
      taskDefinitions: [],
    }).clusters[0]!,
  );
}

/** Everything a footprint can change on an instance, GPU ids as a set (a stop appends them). */
function held(instance: InstanceState, group: string) {
  return {
    cpu: instance.cpu,
    memory: instance.memory,
    tcp: [...instance.tcpTaken].sort(),
    udp: [...instance.udpTaken].sort(),
    gpus: [...instance.freeGpus].sort(),
    eni: instance.eniTasks,
    pending: instance.pendingAdded,
    running: instance.view.runningTasksCount,
    group: instance.view.taskGroups.get(group) ?? 0,
    active: instance.activeGroups.get(group) ?? 0,
  };
}

const footprintArb = fc.record({
  cpu: fc.integer({ min: 0, max: 1024 }),
  memory: fc.integer({ min: 0, max: 2048 }),
  tcpPorts: fc.uniqueArray(fc.integer({ min: 1000, max: 1010 }), { maxLength: 3 }),
  udpPorts: fc.uniqueArray(fc.integer({ min: 2000, max: 2010 }), { maxLength: 2 }),
  gpuIds: fc.subarray(['g0', 'g1', 'g2']),
  eni: fc.constantFrom(0, 1),
});

describe('one footprint apply for placing and stopping', () => {
  test('stopping a placed task gives back exactly what placing it took', () => {
    fc.assert(
      fc.property(footprintArb, fc.constantFrom('family:web', 'service:x'), (footprint, group) => {
        const model = freshModel();
        const a = model.instance('a')!;
        const before = held(a, group);
        model.commit(
          a,
          {
            taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/n1',
            containerInstanceArn: a.arn,
            desiredStatus: 'RUNNING',
            lastStatus: 'PENDING',
            group,
          },
          footprint,
        );
        const during = held(a, group);
        expect(during.cpu).toBe(before.cpu - footprint.cpu);
        expect(during.memory).toBe(before.memory - footprint.memory);
        expect(during.eni).toBe(before.eni + footprint.eni);
        expect(during.gpus).toEqual(before.gpus.filter((id) => !footprint.gpuIds.includes(id)));
        expect(during.group).toBe(before.group + 1);
        expect(during.active).toBe(before.active + 1);
        expect(during.pending).toBe(before.pending + 1);
        expect(model.stopTask('n1')).toBe(true);
        expect(held(a, group)).toEqual(before);
      }),
    );
  });

  test('only the model changes an instance: a copy or another model instance is refused', () => {
    const model = freshModel();
    const other = freshModel().instance('a')!;
    const task = {
      taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/n1',
      desiredStatus: 'RUNNING' as const,
      lastStatus: 'PENDING',
    };
    const footprint = { cpu: 1, memory: 1, tcpPorts: [], udpPorts: [], gpuIds: [], eni: 0 };
    expect(() => model.commit(other, task, footprint)).toThrow(/is not an instance of cluster/);
    expect(() => model.commit(emptyCopyOf(model.instance('a')!), task, footprint)).toThrow(
      /is not an instance of cluster/,
    );
    expect(() => model.putAttribute(other, 'x', 'y')).toThrow(/is not an instance of cluster/);
    expect(model.tasks).toHaveLength(0);
    expect(model.instance('a')!.cpu).toBe(4096);
  });
});
