/**
 * The shape of a RunTask request, member for member as the seed (boto3 `run_task`, `aws ecs
 * run-task`) lists it, plus `clientToken` and `volumeConfigurations` of the current API
 * reference (so skeletons of a current AWS CLI are accepted). Anything not listed is refused, as the AWS SDK's parameter validation
 * refuses it, so a typo such as `placementStrategies` is an error instead of being ignored.
 */
import { bool, int, listOf, oneOf, type Shape, str, structure } from './validate-shape.js';

const capacityProviderStrategyItem = structure({ capacityProvider: str, weight: int, base: int }, [
  'capacityProvider',
]);

const awsvpcConfiguration = structure(
  {
    subnets: listOf(str),
    securityGroups: listOf(str),
    assignPublicIp: oneOf('ENABLED', 'DISABLED'),
  },
  ['subnets'],
);

const keyValuePair = structure({ name: str, value: str });

const resourceRequirement = structure({ value: str, type: oneOf('GPU', 'InferenceAccelerator') }, [
  'value',
  'type',
]);

const containerOverride = structure({
  name: str,
  command: listOf(str),
  environment: listOf(keyValuePair),
  environmentFiles: listOf(structure({ value: str, type: oneOf('s3') }, ['value', 'type'])),
  cpu: int,
  memory: int,
  memoryReservation: int,
  resourceRequirements: listOf(resourceRequirement),
});

const taskOverride = structure({
  containerOverrides: listOf(containerOverride),
  cpu: str,
  inferenceAcceleratorOverrides: listOf(structure({ deviceName: str, deviceType: str })),
  executionRoleArn: str,
  memory: str,
  taskRoleArn: str,
  ephemeralStorage: structure({ sizeInGiB: int }, ['sizeInGiB']),
});

const tag = structure({ key: str, value: str });

const managedEBSVolume = structure(
  {
    encrypted: bool,
    kmsKeyId: str,
    volumeType: str,
    sizeInGiB: int,
    snapshotId: str,
    volumeInitializationRate: int,
    iops: int,
    throughput: int,
    tagSpecifications: listOf(
      structure(
        {
          resourceType: oneOf('volume'),
          tags: listOf(tag),
          propagateTags: oneOf('TASK_DEFINITION', 'SERVICE', 'NONE'),
        },
        ['resourceType'],
      ),
    ),
    roleArn: str,
    terminationPolicy: structure({ deleteOnTermination: bool }, ['deleteOnTermination']),
    filesystemType: oneOf('ext3', 'ext4', 'ntfs', 'xfs'),
  },
  ['roleArn'],
);

export const runTaskInputShape: Shape = structure(
  {
    capacityProviderStrategy: listOf(capacityProviderStrategyItem),
    cluster: str,
    count: int,
    enableECSManagedTags: bool,
    enableExecuteCommand: bool,
    group: str,
    launchType: oneOf('EC2', 'FARGATE', 'EXTERNAL'),
    networkConfiguration: structure({ awsvpcConfiguration }),
    overrides: taskOverride,
    placementConstraints: listOf(
      structure({ type: oneOf('distinctInstance', 'memberOf'), expression: str }),
    ),
    placementStrategy: listOf(
      structure({ type: oneOf('random', 'spread', 'binpack'), field: str }),
    ),
    platformVersion: str,
    propagateTags: oneOf('TASK_DEFINITION', 'SERVICE', 'NONE'),
    referenceId: str,
    startedBy: str,
    tags: listOf(tag),
    taskDefinition: str,
    // Newer than the seed: the current API reference's RunTask members.
    clientToken: str,
    volumeConfigurations: listOf(structure({ name: str, managedEBSVolume }, ['name'])),
  },
  ['taskDefinition'],
);
