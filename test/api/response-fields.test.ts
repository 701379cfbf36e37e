// Response fields checked against the seed's RunTask response structure, expectations by hand:
// a container's cpu "is 0 if no value was specified in the container definition"; ECS reports
// the task's CPU architecture as the attribute ecs.cpu-architecture ("x86_64", as in the AWS
// CLI's run-task example output); platformFamily is reported for Fargate tasks only.
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { Snapshot, TaskDefinition } from '../../src/kernel/ecs-types.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';

const mixed = taskDefinition('mixed', [
  { name: 'sized', image: 'app', cpu: 128, memory: 256, memoryReservation: 128 },
  { name: 'bare', image: 'sidecar', memoryReservation: 64 },
]);

const fargate = (extra: Partial<TaskDefinition> = {}): TaskDefinition =>
  taskDefinition(
    'edge',
    [
      { name: 'proxy', image: 'envoy', memory: 512 },
      { name: 'app', image: 'app', cpu: 256 },
    ],
    {
      networkMode: 'awsvpc',
      cpu: '1 vCPU',
      memory: '2 GB',
      compatibilities: ['EC2', 'FARGATE'],
      ...extra,
    },
  );

function state(definitions: TaskDefinition[], architecture?: string): Snapshot {
  const snapshot = snapshotOf({
    instances: [
      containerInstance({
        id: 'ci0',
        attributes: {
          'ecs.availability-zone': 'us-east-1a',
          ...(architecture ? { 'ecs.cpu-architecture': architecture } : {}),
        },
      }),
    ],
    taskDefinitions: definitions,
    subnets: { 'subnet-a': 'us-east-1a' },
  });
  snapshot.clusters[0]!.capacityProviders = ['FARGATE', 'FARGATE_SPOT'];
  return snapshot;
}

const onFargate: Pick<RunTaskInput, 'launchType' | 'networkConfiguration'> = {
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
};

describe('container cpu, memory and memoryReservation', () => {
  test('EC2: a container without cpu shows cpu "0"; unset memory figures are left out', () => {
    const { tasks } = Cluster.fromSnapshot(state([mixed])).runTask({ taskDefinition: 'mixed' });
    const [sized, bare] = tasks[0]!.containers!;
    expect(sized).toMatchObject({ cpu: '128', memory: '256', memoryReservation: '128' });
    expect(bare!.cpu).toBe('0');
    expect(bare!.memoryReservation).toBe('64');
    expect(bare).not.toHaveProperty('memory');
  });

  test('EC2: a container override of cpu shows the overridden figure', () => {
    const { tasks } = Cluster.fromSnapshot(state([mixed])).runTask({
      taskDefinition: 'mixed',
      overrides: { containerOverrides: [{ name: 'bare', cpu: 32 }] },
    });
    expect(tasks[0]!.containers![1]!.cpu).toBe('32');
  });

  test('Fargate: containers carry their figures too, cpu "0" when unset', () => {
    const { tasks } = Cluster.fromSnapshot(state([fargate()])).runTask({
      taskDefinition: 'edge',
      ...onFargate,
      overrides: { containerOverrides: [{ name: 'app', memory: 1024 }] },
    });
    const [proxy, app] = tasks[0]!.containers!;
    expect(proxy).toMatchObject({ name: 'proxy', cpu: '0', memory: '512' });
    expect(app).toMatchObject({ name: 'app', cpu: '256', memory: '1024' });
    expect(proxy).not.toHaveProperty('memoryReservation');
    // Task-level "1 vCPU" / "2 GB" are reported converted, as DescribeTasks shows them.
    expect(tasks[0]).toMatchObject({ cpu: '1024', memory: '2048' });
  });
});

describe('attributes: ecs.cpu-architecture', () => {
  test("EC2: the instance's architecture", () => {
    const { tasks } = Cluster.fromSnapshot(state([mixed], 'arm64')).runTask({
      taskDefinition: 'mixed',
    });
    expect(tasks[0]!.attributes).toEqual([{ name: 'ecs.cpu-architecture', value: 'arm64' }]);
  });

  test('EC2: left out when the instance does not say', () => {
    const { tasks } = Cluster.fromSnapshot(state([mixed])).runTask({ taskDefinition: 'mixed' });
    expect(tasks[0]).not.toHaveProperty('attributes');
  });

  test('Fargate: x86_64 by default, arm64 from runtimePlatform', () => {
    const x86 = Cluster.fromSnapshot(state([fargate()])).runTask({
      taskDefinition: 'edge',
      ...onFargate,
    });
    expect(x86.tasks[0]!.attributes).toEqual([{ name: 'ecs.cpu-architecture', value: 'x86_64' }]);
    const arm = Cluster.fromSnapshot(
      state([fargate({ runtimePlatform: { cpuArchitecture: 'ARM64' } })]),
    ).runTask({ taskDefinition: 'edge', ...onFargate });
    expect(arm.tasks[0]!.attributes).toEqual([{ name: 'ecs.cpu-architecture', value: 'arm64' }]);
  });
});

describe('platformFamily and platformVersion', () => {
  test('Linux Fargate tasks: "Linux" on 1.4.0', () => {
    const { tasks } = Cluster.fromSnapshot(state([fargate()])).runTask({
      taskDefinition: 'edge',
      ...onFargate,
    });
    expect(tasks[0]).toMatchObject({ platformFamily: 'Linux', platformVersion: '1.4.0' });
  });

  test('Windows Fargate tasks: the Windows family on 1.0.0', () => {
    const windows = fargate({
      runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_FULL' },
    });
    const { tasks } = Cluster.fromSnapshot(state([windows])).runTask({
      taskDefinition: 'edge',
      ...onFargate,
      platformVersion: '1.0.0',
    });
    expect(tasks[0]).toMatchObject({
      platformFamily: 'WINDOWS_SERVER_2022_FULL',
      platformVersion: '1.0.0',
      launchType: 'FARGATE',
    });
  });

  test('EC2 tasks have neither', () => {
    const { tasks } = Cluster.fromSnapshot(state([mixed])).runTask({ taskDefinition: 'mixed' });
    expect(tasks[0]).not.toHaveProperty('platformFamily');
    expect(tasks[0]).not.toHaveProperty('platformVersion');
  });
});
