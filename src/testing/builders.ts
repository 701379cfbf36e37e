/**
 * Small builders for snapshots in the ECS shapes, so tests and examples state only what
 * matters to them.
 */
import type {
  ContainerDefinition,
  ContainerInstance,
  ContainerInstanceStatus,
  Snapshot,
  Task,
  TaskDefinition,
} from '../kernel/ecs-types.js';

export const TEST_REGION = 'us-east-1';
export const TEST_ACCOUNT = '123456789012';

export interface InstanceSpec {
  /** Container instance id (the ARN's last segment). */
  id: string;
  cluster?: string;
  cpu?: number;
  memory?: number;
  /** Taken TCP / UDP host ports. */
  ports?: readonly number[];
  udpPorts?: readonly number[];
  /** Free GPU ids. */
  gpus?: readonly string[];
  /** Name -> value (`null`: a name-only attribute). */
  attributes?: Readonly<Record<string, string | null>>;
  status?: ContainerInstanceStatus;
  agentConnected?: boolean;
  capacityProviderName?: string;
  ec2InstanceId?: string;
  agentVersion?: string;
  registeredAt?: string | number;
}

export function instanceArn(id: string, cluster = 'default'): string {
  return `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}:container-instance/${cluster}/${id}`;
}

export function containerInstance(spec: InstanceSpec): ContainerInstance {
  const instance: ContainerInstance = {
    containerInstanceArn: instanceArn(spec.id, spec.cluster),
    ec2InstanceId: spec.ec2InstanceId ?? `i-${spec.id}`,
    status: spec.status ?? 'ACTIVE',
    agentConnected: spec.agentConnected ?? true,
    remainingResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: spec.cpu ?? 2048 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: spec.memory ?? 4096 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: (spec.ports ?? []).map(String) },
      { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: (spec.udpPorts ?? []).map(String) },
      ...(spec.gpus
        ? [{ name: 'GPU', type: 'STRINGSET' as const, stringSetValue: [...spec.gpus] }]
        : []),
    ],
    attributes: Object.entries(spec.attributes ?? {}).map(([name, value]) =>
      value === null ? { name } : { name, value },
    ),
    runningTasksCount: 0,
    pendingTasksCount: 0,
    versionInfo: { agentVersion: spec.agentVersion ?? '1.80.0' },
    registeredAt: spec.registeredAt ?? '2024-01-01T00:00:00Z',
  };
  if (spec.capacityProviderName !== undefined)
    instance.capacityProviderName = spec.capacityProviderName;
  return instance;
}

export function taskDefinition(
  family: string,
  containers: readonly ContainerDefinition[],
  extra: Partial<TaskDefinition> = {},
): TaskDefinition {
  return {
    taskDefinitionArn: `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}:task-definition/${family}:${extra.revision ?? 1}`,
    family,
    revision: 1,
    status: 'ACTIVE',
    containerDefinitions: [...containers],
    compatibilities: ['EC2', 'EXTERNAL'],
    ...extra,
  };
}

export interface SnapshotSpec {
  instances: readonly ContainerInstance[];
  taskDefinitions: readonly TaskDefinition[];
  tasks?: readonly Task[];
  clusterName?: string;
  subnets?: Record<string, string>;
}

export function snapshotOf(spec: SnapshotSpec): Snapshot {
  const clusterName = spec.clusterName ?? 'default';
  return {
    region: TEST_REGION,
    accountId: TEST_ACCOUNT,
    clusters: [
      {
        clusterName,
        clusterArn: `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}:cluster/${clusterName}`,
        status: 'ACTIVE',
        capacityProviders: [],
        defaultCapacityProviderStrategy: [],
        containerInstances: [...spec.instances],
        tasks: [...(spec.tasks ?? [])],
      },
    ],
    capacityProviders: [],
    taskDefinitions: [...spec.taskDefinitions],
    subnets: spec.subnets ?? {},
  };
}

/** A task already running on an instance, as DescribeTasks shows it. */
export function runningTask(
  id: string,
  instanceId: string,
  group: string,
  extra: Partial<Task> = {},
): Task {
  return {
    taskArn: `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}:task/default/${id}`,
    containerInstanceArn: instanceArn(instanceId),
    taskDefinitionArn: `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}:task-definition/${group.replace(/^family:/, '')}:1`,
    desiredStatus: 'RUNNING',
    lastStatus: 'RUNNING',
    group,
    containers: [],
    ...extra,
  };
}
