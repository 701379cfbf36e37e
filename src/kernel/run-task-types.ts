/**
 * RunTask request and response, with the field names and shapes of the ECS API
 * (boto3 `run_task`, `RunTaskCommandInput` / `RunTaskCommandOutput` of @aws-sdk/client-ecs).
 */
import type {
  CapacityProviderStrategyItem,
  PlacementConstraint,
  PlacementStrategy,
  Tag,
  Task,
  TaskOverride,
} from './ecs-types.js';
import type { LaunchType } from './ecs-enums.js';

export type { LaunchType } from './ecs-enums.js';
export type PropagateTags = 'TASK_DEFINITION' | 'SERVICE' | 'NONE';

export interface AwsVpcConfiguration {
  subnets: string[];
  securityGroups?: string[];
  assignPublicIp?: 'ENABLED' | 'DISABLED';
}

export interface NetworkConfiguration {
  awsvpcConfiguration?: AwsVpcConfiguration;
}

/** The termination policy of a task's Amazon EBS volume. */
export interface TaskManagedEBSVolumeTerminationPolicy {
  deleteOnTermination: boolean;
}

export interface EBSTagSpecification {
  resourceType: 'volume';
  tags?: Tag[];
  propagateTags?: PropagateTags;
}

/** The Amazon EBS volume ECS would create for each task (validated and echoed, not modelled). */
export interface TaskManagedEBSVolumeConfiguration {
  encrypted?: boolean;
  kmsKeyId?: string;
  volumeType?: string;
  sizeInGiB?: number;
  snapshotId?: string;
  volumeInitializationRate?: number;
  iops?: number;
  throughput?: number;
  tagSpecifications?: EBSTagSpecification[];
  roleArn: string;
  terminationPolicy?: TaskManagedEBSVolumeTerminationPolicy;
  filesystemType?: 'ext3' | 'ext4' | 'ntfs' | 'xfs';
}

/** A task definition volume marked `configuredAtLaunch`, configured by this RunTask call. */
export interface TaskVolumeConfiguration {
  name: string;
  managedEBSVolume?: TaskManagedEBSVolumeConfiguration;
}

export interface RunTaskInput {
  taskDefinition: string;
  cluster?: string;
  count?: number;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  enableECSManagedTags?: boolean;
  enableExecuteCommand?: boolean;
  group?: string;
  launchType?: LaunchType;
  networkConfiguration?: NetworkConfiguration;
  overrides?: TaskOverride;
  placementConstraints?: PlacementConstraint[];
  placementStrategy?: PlacementStrategy[];
  platformVersion?: string;
  propagateTags?: PropagateTags;
  referenceId?: string;
  startedBy?: string;
  tags?: Tag[];
  /** Idempotency token: up to 64 ASCII characters 33-126 (docs/validation.md). */
  clientToken?: string;
  volumeConfigurations?: TaskVolumeConfiguration[];
}

export interface Failure {
  arn?: string;
  reason?: string;
  detail?: string;
}

export interface RunTaskOutput {
  tasks: Task[];
  failures: Failure[];
}

export interface ListContainerInstancesInput {
  cluster?: string;
  filter?: string;
  status?: 'ACTIVE' | 'DRAINING' | 'REGISTERING' | 'DEREGISTERING' | 'REGISTRATION_FAILED';
}

export interface ListContainerInstancesOutput {
  containerInstanceArns: string[];
}

export interface RunTaskOptions {
  /** Seed for every random choice; the same seed and input always give the same result. */
  seed?: string;
}
