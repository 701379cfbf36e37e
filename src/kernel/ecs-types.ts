/**
 * The ECS data shapes this project reads and writes, named and shaped as the ECS API
 * (DescribeContainerInstances, DescribeTasks, DescribeTaskDefinition, DescribeCapacityProviders).
 * Only the members placement needs are typed; snapshots may carry more, which we keep as-is.
 */
import type { LaunchType } from './ecs-enums.js';

export interface Attribute {
  name: string;
  value?: string;
  targetType?: string;
  targetId?: string;
}

export interface Resource {
  name: string;
  type?: 'INTEGER' | 'DOUBLE' | 'LONG' | 'STRINGSET';
  doubleValue?: number;
  longValue?: number;
  integerValue?: number;
  stringSetValue?: string[];
}

export type ContainerInstanceStatus =
  | 'ACTIVE'
  | 'DRAINING'
  | 'REGISTERING'
  | 'DEREGISTERING'
  | 'REGISTRATION_FAILED'
  | 'INACTIVE';

export interface VersionInfo {
  agentVersion?: string;
  agentHash?: string;
  dockerVersion?: string;
}

export interface ContainerInstance {
  containerInstanceArn: string;
  ec2InstanceId?: string;
  capacityProviderName?: string;
  version?: number;
  versionInfo?: VersionInfo;
  remainingResources?: Resource[];
  registeredResources?: Resource[];
  status: ContainerInstanceStatus;
  agentConnected: boolean;
  runningTasksCount?: number;
  pendingTasksCount?: number;
  attributes?: Attribute[];
  /** ISO string or epoch seconds in a snapshot; normalised to an ISO string when loaded. */
  registeredAt?: string | number;
  tags?: Tag[];
}

export interface Tag {
  key?: string;
  value?: string;
}

export interface KeyValuePair {
  name?: string;
  value?: string;
}

export interface NetworkBinding {
  bindIP?: string;
  containerPort?: number;
  hostPort?: number;
  protocol?: 'tcp' | 'udp';
}

export interface Container {
  containerArn?: string;
  taskArn?: string;
  name?: string;
  image?: string;
  lastStatus?: string;
  networkBindings?: NetworkBinding[];
  networkInterfaces?: { attachmentId?: string; privateIpv4Address?: string }[];
  cpu?: string;
  memory?: string;
  memoryReservation?: string;
  gpuIds?: string[];
}

export type DesiredStatus = 'RUNNING' | 'PENDING' | 'STOPPED';

export interface Attachment {
  id?: string;
  type?: string;
  status?: string;
  details?: KeyValuePair[];
}

/** A task as DescribeTasks (and RunTask) return it. */
export interface Task {
  taskArn: string;
  clusterArn?: string;
  taskDefinitionArn?: string;
  containerInstanceArn?: string;
  capacityProviderName?: string;
  overrides?: TaskOverride;
  lastStatus?: string;
  desiredStatus: DesiredStatus;
  cpu?: string;
  memory?: string;
  containers?: Container[];
  startedBy?: string;
  version?: number;
  createdAt?: string | number;
  group?: string;
  launchType?: LaunchType;
  platformVersion?: string;
  platformFamily?: string;
  availabilityZone?: string;
  attachments?: Attachment[];
  /** Task attributes; ECS reports `ecs.cpu-architecture` here. */
  attributes?: { name: string; value?: string }[];
  tags?: Tag[];
  enableExecuteCommand?: boolean;
  ephemeralStorage?: { sizeInGiB: number };
}

export interface PortMapping {
  containerPort?: number;
  hostPort?: number;
  protocol?: 'tcp' | 'udp';
  name?: string;
}

export interface ResourceRequirement {
  type: 'GPU' | 'InferenceAccelerator';
  value: string;
}

export interface ContainerDefinition {
  name: string;
  image?: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  essential?: boolean;
  portMappings?: PortMapping[];
  resourceRequirements?: ResourceRequirement[];
}

export interface PlacementConstraint {
  type?: 'memberOf' | 'distinctInstance';
  expression?: string;
}

export interface PlacementStrategy {
  type?: 'random' | 'spread' | 'binpack';
  field?: string;
}

export type NetworkMode = 'bridge' | 'host' | 'awsvpc' | 'none';

/** RuntimePlatform.operatingSystemFamily, as the ECS API lists the values. */
export type OSFamily =
  | 'LINUX'
  | 'WINDOWS_SERVER_2019_FULL'
  | 'WINDOWS_SERVER_2019_CORE'
  | 'WINDOWS_SERVER_2016_FULL'
  | 'WINDOWS_SERVER_2004_CORE'
  | 'WINDOWS_SERVER_2022_CORE'
  | 'WINDOWS_SERVER_2022_FULL'
  | 'WINDOWS_SERVER_2025_CORE'
  | 'WINDOWS_SERVER_2025_FULL'
  | 'WINDOWS_SERVER_20H2_CORE';

/** The task definition's operating system and CPU architecture (absent: Linux on X86_64). */
export interface RuntimePlatform {
  cpuArchitecture?: 'X86_64' | 'ARM64';
  operatingSystemFamily?: OSFamily;
}

/** A task definition volume; only what RunTask's volumeConfigurations are checked against. */
export interface Volume {
  name?: string;
  configuredAtLaunch?: boolean;
}

export interface TaskDefinition {
  taskDefinitionArn?: string;
  family: string;
  revision: number;
  status?: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  containerDefinitions: ContainerDefinition[];
  taskRoleArn?: string;
  executionRoleArn?: string;
  networkMode?: NetworkMode;
  requiresAttributes?: Attribute[];
  placementConstraints?: PlacementConstraint[];
  requiresCompatibilities?: LaunchType[];
  compatibilities?: LaunchType[];
  /** ECS stores these as strings ("1024"); snapshots may hold numbers or "1 vCPU" / "2 GB". */
  cpu?: string | number;
  memory?: string | number;
  runtimePlatform?: RuntimePlatform;
  volumes?: Volume[];
  tags?: Tag[];
}

export interface CapacityProviderStrategyItem {
  capacityProvider: string;
  weight?: number;
  base?: number;
}

/** DescribeCapacityProviders' `autoScalingGroupProvider.managedScaling`. */
export interface ManagedScaling {
  status?: 'ENABLED' | 'DISABLED';
  targetCapacity?: number;
  minimumScalingStepSize?: number;
  maximumScalingStepSize?: number;
  instanceWarmupPeriod?: number;
}

export interface CapacityProvider {
  capacityProviderArn?: string;
  name: string;
  status?: 'ACTIVE' | 'INACTIVE';
  updateStatus?: string;
  autoScalingGroupProvider?: { autoScalingGroupArn?: string; managedScaling?: ManagedScaling };
}

export interface ContainerOverride {
  name?: string;
  command?: string[];
  environment?: KeyValuePair[];
  environmentFiles?: { value: string; type: 's3' }[];
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  resourceRequirements?: ResourceRequirement[];
}

export interface TaskOverride {
  containerOverrides?: ContainerOverride[];
  cpu?: string;
  inferenceAcceleratorOverrides?: { deviceName?: string; deviceType?: string }[];
  executionRoleArn?: string;
  memory?: string;
  taskRoleArn?: string;
  ephemeralStorage?: { sizeInGiB: number };
}

export interface ClusterSnapshot {
  clusterName: string;
  clusterArn?: string;
  status?: string;
  capacityProviders?: string[];
  defaultCapacityProviderStrategy?: CapacityProviderStrategyItem[];
  containerInstances: ContainerInstance[];
  tasks: Task[];
  /** RunTask client tokens used in this cluster in the last 24 hours (src/api/client-tokens.ts). */
  clientTokens?: ClientTokenRecord[];
}

/** A RunTask `clientToken` the cluster remembers, so that a retry returns the first response. */
export interface ClientTokenRecord {
  clientToken: string;
  /** When the first call ran (ISO string); the token lasts 24 hours from then. */
  recordedAt: string;
  /** The first call's request, without clientToken and cluster, as JSON with sorted keys. */
  request: string;
  /** The first call's response, returned again by a retry. */
  response: { tasks: Task[]; failures: { arn?: string; reason?: string; detail?: string }[] };
}

/** The `--cluster-state` file; its rules are in docs/validation.md, "Cluster snapshots". */
export interface Snapshot {
  region: string;
  accountId: string;
  clusters: ClusterSnapshot[];
  capacityProviders?: CapacityProvider[];
  taskDefinitions: TaskDefinition[];
  subnets?: Record<string, string>;
}
