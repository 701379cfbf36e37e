/**
 * The RunTask request's shape, defined once: member for member as the seed (boto3 `run_task`,
 * `aws ecs run-task`) lists it, plus `clientToken` and `volumeConfigurations` of the current
 * API reference (so skeletons of a current AWS CLI are accepted). It drives the API's shape
 * check (`parseRunTaskInput`), the CLI's typing of option values and `--cli-input-json`, the
 * skeletons, auto-prompt and the member table of docs/validation.md. Anything not listed is
 * refused, as the AWS SDK's parameter validation refuses it, so a typo such as
 * `placementStrategies` is an error instead of being ignored.
 *
 * `ValueOf<typeof runTaskInputShape>` is the type `RunTaskInput` (a type test checks that
 * they are the same); the response shape is what `--generate-cli-skeleton output` prints.
 */
import { LAUNCH_TYPES } from './ecs-enums.js';
import { boolean, integer, list, string, structure } from './shape.js';

const PROPAGATE_TAGS = ['TASK_DEFINITION', 'SERVICE', 'NONE'] as const;

const keyValuePair = structure({ name: string(), value: string() });
const tag = structure({ key: string(), value: string() });
const ephemeralStorage = structure({ sizeInGiB: integer }, ['sizeInGiB']);

const resourceRequirement = structure(
  { value: string(), type: string(['GPU', 'InferenceAccelerator']) },
  ['value', 'type'],
);

const capacityProviderStrategyItem = structure(
  { capacityProvider: string(), weight: integer, base: integer },
  ['capacityProvider'],
);

const networkConfiguration = structure({
  awsvpcConfiguration: structure(
    {
      subnets: list(string()),
      securityGroups: list(string()),
      assignPublicIp: string(['ENABLED', 'DISABLED']),
    },
    ['subnets'],
  ),
});

const taskOverride = structure({
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

/** Only the member types; the rules of each type and field are checked later (ECS does). */
const placementConstraint = structure({
  type: string(['distinctInstance', 'memberOf']),
  expression: string(),
});

const placementStrategy = structure({
  type: string(['random', 'spread', 'binpack']),
  field: string(),
});

const volumeConfiguration = structure(
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
              propagateTags: string(PROPAGATE_TAGS),
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

/** Every RunTask request member, in boto3's order (the current API's two newer ones last). */
export const runTaskInputShape = structure(
  {
    capacityProviderStrategy: list(capacityProviderStrategyItem),
    cluster: string(),
    count: integer,
    enableECSManagedTags: boolean,
    enableExecuteCommand: boolean,
    group: string(),
    launchType: string(LAUNCH_TYPES),
    networkConfiguration,
    overrides: taskOverride,
    placementConstraints: list(placementConstraint),
    placementStrategy: list(placementStrategy),
    platformVersion: string(),
    propagateTags: string(PROPAGATE_TAGS),
    referenceId: string(),
    startedBy: string(),
    tags: list(tag),
    taskDefinition: string(),
    // Newer than the seed: the current API reference's RunTask members.
    clientToken: string(),
    volumeConfigurations: list(volumeConfiguration),
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
export const runTaskOutputShape = structure({
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
      launchType: string(LAUNCH_TYPES),
      memory: string(),
      overrides: taskOverride,
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
