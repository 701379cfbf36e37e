/**
 * The ECS data shapes this project reads and writes, named and shaped as the ECS API
 * (DescribeContainerInstances, DescribeTasks, DescribeTaskDefinition, DescribeCapacityProviders).
 * Only the members placement needs are typed; snapshots may carry more, which we keep as-is.
 */

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
  launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
  platformVersion?: string;
  platformFamily?: string;
  availabilityZone?: string;
  attachments?: Attachment[];
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
  requiresCompatibilities?: ('EC2' | 'FARGATE' | 'EXTERNAL')[];
  compatibilities?: ('EC2' | 'FARGATE' | 'EXTERNAL')[];
  /** ECS stores these as strings ("1024"); snapshots may hold numbers. */
  cpu?: string | number;
  memory?: string | number;
  tags?: Tag[];
}

export interface CapacityProviderStrategyItem {
  capacityProvider: string;
  weight?: number;
  base?: number;
}

export interface CapacityProvider {
  capacityProviderArn?: string;
  name: string;
  status?: 'ACTIVE' | 'INACTIVE';
  updateStatus?: string;
  autoScalingGroupProvider?: { autoScalingGroupArn?: string };
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
