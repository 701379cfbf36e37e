/**
 * The RunTask request and response as shapes, following the seed's synopsis and boto3's
 * `run_task` (which adds `enableExecuteCommand` and `ephemeralStorage`), plus `clientToken`
 * and `volumeConfigurations` of the current API (so a current AWS CLI's skeleton works).
 */
import { boolean, integer, list, type StructureShape, string, structure } from './shape.js';

const keyValuePair = structure({ name: string(), value: string() });
const tag = structure({ key: string(), value: string() });
const resourceRequirement = structure(
  { value: string(), type: string(['GPU', 'InferenceAccelerator']) },
  ['value', 'type'],
);
const ephemeralStorage = structure({ sizeInGiB: integer }, ['sizeInGiB']);

export const capacityProviderStrategyItemShape = structure(
  { capacityProvider: string(), weight: integer, base: integer },
  ['capacityProvider'],
);

export const networkConfigurationShape = structure({
  awsvpcConfiguration: structure(
    {
      subnets: list(string()),
      securityGroups: list(string()),
      assignPublicIp: string(['ENABLED', 'DISABLED']),
    },
    ['subnets'],
  ),
});

export const taskOverrideShape = structure({
  containerOverrides: list(
    structure({
      name: string(),
      command: list(string()),
      environment: list(keyValuePair),
      environmentFiles: list(
        structure({ value: string(), type: string(['s3']) }, ['value', 'type']),
      ),
      cpu: integer,
      memory: integer,
      memoryReservation: integer,
      resourceRequirements: list(resourceRequirement),
    }),
  ),
  cpu: string(),
  inferenceAcceleratorOverrides: list(structure({ deviceName: string(), deviceType: string() })),
  executionRoleArn: string(),
  memory: string(),
  taskRoleArn: string(),
  ephemeralStorage,
});

export const placementConstraintShape = structure({
  type: string(['distinctInstance', 'memberOf']),
  expression: string(),
});

export const placementStrategyShape = structure({
  type: string(['random', 'spread', 'binpack']),
  field: string(),
});

export const tagShape = tag;

export const volumeConfigurationShape = structure(
  {
    name: string(),
    managedEBSVolume: structure(
      {
        encrypted: boolean,
        kmsKeyId: string(),
        volumeType: string(),
        sizeInGiB: integer,
        snapshotId: string(),
        volumeInitializationRate: integer,
        iops: integer,
        throughput: integer,
        tagSpecifications: list(
          structure(
            {
              resourceType: string(['volume']),
              tags: list(tag),
              propagateTags: string(['TASK_DEFINITION', 'SERVICE', 'NONE']),
            },
            ['resourceType'],
          ),
        ),
        roleArn: string(),
        terminationPolicy: structure({ deleteOnTermination: boolean }, ['deleteOnTermination']),
        filesystemType: string(['ext3', 'ext4', 'ntfs', 'xfs']),
      },
      ['roleArn'],
    ),
  },
  ['name'],
);

/** Every RunTask input field, in boto3's order (the current API's two newer ones last). */
export const runTaskInputShape: StructureShape = structure(
  {
    capacityProviderStrategy: list(capacityProviderStrategyItemShape),
    cluster: string(),
    count: integer,
    enableECSManagedTags: boolean,
    enableExecuteCommand: boolean,
    group: string(),
    launchType: string(['EC2', 'FARGATE', 'EXTERNAL']),
    networkConfiguration: networkConfigurationShape,
    overrides: taskOverrideShape,
    placementConstraints: list(placementConstraintShape),
    placementStrategy: list(placementStrategyShape),
    platformVersion: string(),
    propagateTags: string(['TASK_DEFINITION', 'SERVICE', 'NONE']),
    referenceId: string(),
    startedBy: string(),
    tags: list(tag),
    taskDefinition: string(),
    clientToken: string(),
    volumeConfigurations: list(volumeConfigurationShape),
  },
  ['taskDefinition'],
);

const networkBinding = structure({
  bindIP: string(),
  containerPort: integer,
  hostPort: integer,
  protocol: string(['tcp', 'udp']),
});

const container = structure({
  containerArn: string(),
  taskArn: string(),
  name: string(),
  image: string(),
  lastStatus: string(),
  networkBindings: list(networkBinding),
  networkInterfaces: list(structure({ attachmentId: string(), privateIpv4Address: string() })),
  cpu: string(),
  memory: string(),
  memoryReservation: string(),
  gpuIds: list(string()),
});

/** The RunTask response: the task fields this project fills, and failures. */
export const runTaskOutputShape: StructureShape = structure({
  tasks: list(
    structure({
      attachments: list(
        structure({ id: string(), type: string(), status: string(), details: list(keyValuePair) }),
      ),
      attributes: list(structure({ name: string(), value: string() })),
      availabilityZone: string(),
      capacityProviderName: string(),
      clusterArn: string(),
      containerInstanceArn: string(),
      containers: list(container),
      cpu: string(),
      createdAt: string(),
      desiredStatus: string(),
      enableExecuteCommand: boolean,
      group: string(),
      lastStatus: string(),
      launchType: string(['EC2', 'FARGATE', 'EXTERNAL']),
      memory: string(),
      overrides: taskOverrideShape,
      platformVersion: string(),
      platformFamily: string(),
      startedBy: string(),
      tags: list(tag),
      taskArn: string(),
      taskDefinitionArn: string(),
      version: integer,
      ephemeralStorage,
    }),
  ),
  failures: list(structure({ arn: string(), reason: string(), detail: string() })),
});
