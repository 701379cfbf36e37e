import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import type { Task } from '../../src/kernel/ecs-types.js';
import type { InstanceState } from '../../src/cluster/instance-state.js';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

const def = taskDefinition('web', [{ name: 'a', memory: 8 }]);

function model() {
  const snapshot = snapshotOf({
    instances: [
      containerInstance({
        id: 'a',
        cpu: 1000,
        memory: 2000,
        ports: [22, 80],
        udpPorts: [53],
        gpus: ['g0', 'g1'],
        registeredAt: 1_700_000_000,
        attributes: { 'ecs.availability-zone': 'us-east-1a' },
      }),
      containerInstance({
        id: 'b',
        status: 'DRAINING',
        attributes: { 'ecs.availability-zone': 'us-east-1b' },
      }),
      containerInstance({ id: 'c', attributes: { 'ecs.capability.external': null } }),
    ],
    taskDefinitions: [def],
    tasks: [
      runningTask('t1', 'a', 'family:web', {
        containers: [
          {
            name: 'a',
            networkBindings: [{ hostPort: 80, protocol: 'tcp' }],
            memory: '100',
            gpuIds: ['g9'],
          },
        ],
      }),
      runningTask('t2', 'a', 'family:web', { desiredStatus: 'STOPPED' }),
      runningTask('t3', 'a', 'service:api', { desiredStatus: 'PENDING' }),
    ],
  });
  return new ClusterModel(snapshot.clusters[0]!);
}

function snapshotState(instance: InstanceState) {
  return {
    cpu: instance.cpu,
    memory: instance.memory,
    tcp: [...instance.tcpTaken],
    udp: [...instance.udpTaken],
    gpus: [...instance.freeGpus],
    groups: [...instance.view.taskGroups].sort(),
    active: [...instance.activeGroups].sort(),
    running: instance.view.runningTasksCount,
  };
}

function newTask(n: number, instance: InstanceState, group = 'family:web'): Task {
  return {
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/default/new${n}`,
    containerInstanceArn: instance.arn,
    desiredStatus: 'RUNNING',
    lastStatus: 'PENDING',
    group,
  };
}

describe('ClusterModel', () => {
  test('loads resources, taken ports, free GPUs, views and groups from the snapshot', () => {
    const m = model();
    const a = m.instance('a')!;
    expect(snapshotState(a)).toEqual({
      cpu: 1000,
      memory: 2000,
      tcp: [22, 80],
      udp: [53],
      gpus: ['g0', 'g1'],
      groups: [['family:web', 1]],
      active: [
        ['family:web', 1],
        ['service:api', 1],
      ],
      running: 1,
    });
    expect(a.view.registeredAt).toBe(1_700_000_000_000);
    expect(m.instance('i-a')).toBe(a);
    expect(m.instance(a.arn)).toBe(a);
    expect(m.groupHostsOf('family:web')?.get(a)).toBe(1);
  });

  test('candidates are the ACTIVE instances of the scope', () => {
    const m = model();
    expect(m.candidates({ kind: 'EC2' }).map((i) => i.id)).toEqual(['a']);
    expect(m.candidates({ kind: 'EXTERNAL' }).map((i) => i.id)).toEqual(['c']);
    m.putAttribute(m.instance('a')!, 'ecs.capability.external', null);
    expect(m.candidates({ kind: 'EXTERNAL' }).map((i) => i.id)).toEqual(['a', 'c']);
    m.registerInstance(containerInstance({ id: 'd' }));
    expect(m.candidates({ kind: 'EC2' }).map((i) => i.id)).toEqual(['d']);
  });

  test('commit takes the footprint; rollback restores the exact previous state', () => {
    const m = model();
    const a = m.instance('a')!;
    const before = snapshotState(a);
    const tasksBefore = m.tasks.length;
    const mark = m.begin();
    m.commit(a, newTask(1, a), {
      cpu: 100,
      memory: 200,
      tcpPorts: [8080],
      udpPorts: [9000],
      gpuIds: ['g1'],
      eni: 0,
    });
    m.commit(a, newTask(2, a, 'batch'), {
      cpu: 1,
      memory: 2,
      tcpPorts: [],
      udpPorts: [],
      gpuIds: ['g0'],
      eni: 0,
    });
    expect(snapshotState(a)).toEqual({
      cpu: 899,
      memory: 1798,
      tcp: [22, 80, 8080],
      udp: [53, 9000],
      gpus: [],
      groups: [
        ['batch', 1],
        ['family:web', 2],
      ],
      active: [
        ['batch', 1],
        ['family:web', 2],
        ['service:api', 1],
      ],
      running: 3,
    });
    expect(m.attributeColumn('ecs.availability-zone').values).toEqual([
      null,
      'us-east-1a',
      'us-east-1b',
    ]);
    m.rollback(mark);
    expect(snapshotState(a)).toEqual(before);
    expect(m.tasks).toHaveLength(tasksBefore);
    expect(m.groupHostsOf('batch')?.size ?? 0).toBe(0);
  });

  test('nested transactions: an inner rollback keeps the outer changes, stops inside are undone too', () => {
    const m = model();
    const a = m.instance('a')!;
    const before = snapshotState(a);
    const outer = m.begin();
    m.commit(a, newTask(1, a), {
      cpu: 100,
      memory: 200,
      tcpPorts: [8080],
      udpPorts: [],
      gpuIds: [],
      eni: 0,
    });
    const afterOuter = snapshotState(a);
    const inner = m.begin();
    m.commit(a, newTask(2, a), {
      cpu: 1,
      memory: 2,
      tcpPorts: [],
      udpPorts: [],
      gpuIds: ['g0'],
      eni: 0,
    });
    m.stopTask('new1');
    m.rollback(inner);
    expect(snapshotState(a)).toEqual(afterOuter);
    m.stopTask('new1');
    m.stopTask('t1');
    m.rollback(outer);
    expect(snapshotState(a)).toEqual(before);
    expect(m.tasks.map((t) => t.desiredStatus)).toEqual(['RUNNING', 'STOPPED', 'PENDING']);
  });

  test('stopping a task releases what it held', () => {
    const m = model();
    const a = m.instance('a')!;
    m.commit(a, newTask(1, a), {
      cpu: 100,
      memory: 200,
      tcpPorts: [8080],
      udpPorts: [],
      gpuIds: ['g1'],
      eni: 0,
    });
    expect(m.stopTask('new1')).toBe(true);
    expect(snapshotState(a)).toMatchObject({
      cpu: 1000,
      memory: 2000,
      tcp: [22, 80],
      gpus: ['g0', 'g1'],
      running: 1,
    });
    // A snapshot task: its footprint is read from its containers.
    expect(m.stopTask('t1')).toBe(true);
    expect(snapshotState(a)).toMatchObject({
      memory: 2100,
      tcp: [22],
      gpus: ['g0', 'g1', 'g9'],
      groups: [],
      running: 0,
    });
    expect(m.stopTask('unknown')).toBe(false);
  });

  test('toClusterSnapshot writes the state back in the snapshot format and reloads identically', () => {
    const m = model();
    const a = m.instance('a')!;
    m.commit(a, newTask(1, a), {
      cpu: 100,
      memory: 200,
      tcpPorts: [8080],
      udpPorts: [],
      gpuIds: ['g0'],
      eni: 0,
    });
    const written = m.toClusterSnapshot();
    const ci = written.containerInstances[0]!;
    expect(ci.remainingResources).toEqual([
      { name: 'CPU', type: 'INTEGER', integerValue: 900 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 1800 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '80', '8080'] },
      { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: ['53'] },
      { name: 'GPU', type: 'STRINGSET', stringSetValue: ['g1'] },
    ]);
    expect(ci.pendingTasksCount).toBe(1);
    expect(written.tasks).toHaveLength(4);
    const reloaded = new ClusterModel(written);
    expect(snapshotState(reloaded.instance('a')!)).toEqual(snapshotState(a));
  });
});
