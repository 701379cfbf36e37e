// The smallest snapshot with one of everything, for tests to break one member at a time.
import type { Snapshot } from '../../src/kernel/ecs-types.js';

const ci = (id: string) => `arn:aws:ecs:us-east-1:123456789012:container-instance/default/${id}`;
const resource = (name: string, integerValue: number) => ({ name, type: 'INTEGER', integerValue });

export function instanceJson(id: string): Record<string, unknown> {
  return {
    containerInstanceArn: ci(id),
    ec2InstanceId: `i-${id}`,
    capacityProviderName: 'ondemand',
    status: 'ACTIVE',
    agentConnected: true,
    registeredAt: 1700000000,
    versionInfo: { agentVersion: '1.86.3' },
    remainingResources: [
      resource('CPU', 2048),
      resource('MEMORY', 4096),
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '80'] },
      { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
    ],
    registeredResources: [resource('CPU', 2048), resource('MEMORY', 4096)],
    attributes: [
      { name: 'ecs.availability-zone', value: 'us-east-1a' },
      { name: 'com.amazonaws.ecs.capability.privileged-container' },
    ],
  };
}

/** A fresh, valid snapshot as plain JSON (so tests may break it freely). */
export function snapshotJson(): Record<string, unknown> & { clusters: Record<string, unknown>[] } {
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    clusters: [
      {
        clusterName: 'default',
        capacityProviders: ['ondemand', 'FARGATE'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'ondemand', weight: 1 }],
        containerInstances: [
          instanceJson('a1'),
          instanceJson('b2'),
          instanceJson('c3'),
          instanceJson('d4'),
        ],
        tasks: [
          {
            taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/t1',
            containerInstanceArn: ci('a1'),
            desiredStatus: 'RUNNING',
            lastStatus: 'RUNNING',
            group: 'family:web',
            launchType: 'EC2',
            createdAt: '2024-05-01T10:00:00.500000+00:00',
            containers: [{ name: 'web', networkBindings: [{ hostPort: 80, containerPort: 80 }] }],
          },
          {
            taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/t2',
            desiredStatus: 'RUNNING',
            launchType: 'FARGATE',
            capacityProviderName: 'FARGATE',
            availabilityZone: 'us-east-1b',
          },
        ],
      },
    ],
    capacityProviders: [{ name: 'ondemand', status: 'ACTIVE', autoScalingGroupProvider: {} }],
    taskDefinitions: [
      {
        family: 'web',
        revision: 1,
        status: 'ACTIVE',
        networkMode: 'bridge',
        containerDefinitions: [
          {
            name: 'web',
            cpu: 256,
            memory: 512,
            portMappings: [{ containerPort: 80, hostPort: 80 }],
          },
        ],
        placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }],
      },
    ],
    subnets: { 'subnet-1': 'us-east-1a' },
  };
}

export type { Snapshot };
