// Small clusters and snapshots for the capacity tests (not a test file itself).
import type {
  CapacityProvider,
  CapacityProviderStrategyItem,
  ClusterSnapshot,
  Snapshot,
  TaskDefinition,
} from '../../src/kernel/ecs-types.js';

export const ASG_PROVIDERS = ['asg-a', 'asg-b', 'asg-c', 'asg-d', 'asg-e', 'asg-f', 'asg-g'];

export function cluster(overrides: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    clusterName: 'prod',
    capacityProviders: [
      'FARGATE',
      'FARGATE_SPOT',
      ...ASG_PROVIDERS,
      'asg-inactive',
      'asg-updating',
      'asg-update-in-progress',
      'asg-undescribed',
    ],
    containerInstances: [],
    tasks: [],
    ...overrides,
  };
}

export function snapshot(extra: CapacityProvider[] = []): Snapshot {
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    clusters: [cluster()],
    capacityProviders: [
      ...ASG_PROVIDERS.map((name) => ({ name, status: 'ACTIVE' as const })),
      // Described but never associated with the cluster.
      { name: 'asg-elsewhere', status: 'ACTIVE' },
      { name: 'asg-inactive', status: 'INACTIVE' },
      { name: 'asg-updating', status: 'UPDATING' } as unknown as CapacityProvider,
      { name: 'asg-update-in-progress', status: 'ACTIVE', updateStatus: 'UPDATE_IN_PROGRESS' },
      ...extra,
    ],
    taskDefinitions: [],
    subnets: {},
  };
}

export function item(
  capacityProvider: string,
  weight?: number,
  base?: number,
): CapacityProviderStrategyItem {
  return {
    capacityProvider,
    ...(weight === undefined ? {} : { weight }),
    ...(base === undefined ? {} : { base }),
  };
}

export function fargateTaskDefinition(overrides: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    family: 'web',
    revision: 3,
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image: 'nginx' }],
    ...overrides,
  };
}
