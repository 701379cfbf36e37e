/**
 * The request shapes of the ECS operations the Cluster facade serves besides RunTask, member
 * for member as the ECS API reference lists them (the AWS SDK's `*CommandInput` types). Each
 * facade method checks its untyped input against its shape (`checkShape`: unknown members,
 * wrong types and missing required members are InvalidParameterException naming the path),
 * and the TypeScript input types are derived from the shapes, so the two cannot disagree.
 *
 * RegisterTaskDefinition is not here: a task definition is an open shape (the snapshot's
 * task-definition check reads it and keeps members it does not model), see
 * src/api/task-definition-operations.ts.
 */
import { runTaskInputShape } from '../kernel/run-task-shape.js';
import { boolean, integer, list, string, structure, type ValueOf } from '../kernel/shape.js';

const tag = structure({ key: string(), value: string() });
const attribute = structure(
  {
    name: string(),
    value: string(),
    targetType: string(['container-instance']),
    targetId: string(),
  },
  ['name'],
);
const resource = structure(
  {
    name: string(),
    type: string(),
    // The shape language has no fractions; a resource the placement reads (CPU, MEMORY) is
    // whole units, and a JSON 2048.0 reads as 2048.
    doubleValue: integer,
    longValue: integer,
    integerValue: integer,
    stringSetValue: list(string()),
  },
  ['name'],
);
const capacityProviderStrategyItem = structure(
  { capacityProvider: string(), weight: integer, base: integer },
  ['capacityProvider'],
);
const paging = { maxResults: integer, nextToken: string() };
const run = runTaskInputShape.members;

/** StartTask: RunTask's members that StartTask shares, and the instances to start on. */
export const startTaskInputShape = structure(
  {
    cluster: run.cluster,
    containerInstances: list(string()),
    enableECSManagedTags: run.enableECSManagedTags,
    enableExecuteCommand: run.enableExecuteCommand,
    group: run.group,
    networkConfiguration: run.networkConfiguration,
    overrides: run.overrides,
    propagateTags: run.propagateTags,
    referenceId: run.referenceId,
    startedBy: run.startedBy,
    tags: run.tags,
    taskDefinition: run.taskDefinition,
    volumeConfigurations: run.volumeConfigurations,
  },
  ['containerInstances', 'taskDefinition'],
);
export type StartTaskInput = ValueOf<typeof startTaskInputShape>;

export const updateContainerInstancesStateInputShape = structure(
  {
    cluster: string(),
    containerInstances: list(string()),
    status: string(['ACTIVE', 'DRAINING']),
  },
  ['containerInstances', 'status'],
);
export type UpdateContainerInstancesStateInput = ValueOf<
  typeof updateContainerInstancesStateInputShape
>;

export const deregisterContainerInstanceInputShape = structure(
  { cluster: string(), containerInstance: string(), force: boolean },
  ['containerInstance'],
);
export type DeregisterContainerInstanceInput = ValueOf<
  typeof deregisterContainerInstanceInputShape
>;

export const registerContainerInstanceInputShape = structure({
  cluster: string(),
  instanceIdentityDocument: string(),
  instanceIdentityDocumentSignature: string(),
  totalResources: list(resource),
  versionInfo: structure({ agentVersion: string(), agentHash: string(), dockerVersion: string() }),
  containerInstanceArn: string(),
  attributes: list(attribute),
  platformDevices: list(structure({ id: string(), type: string(['GPU']) }, ['id', 'type'])),
  tags: list(tag),
});
export type RegisterContainerInstanceInput = ValueOf<typeof registerContainerInstanceInputShape>;

export const attributesInputShape = structure({ cluster: string(), attributes: list(attribute) }, [
  'attributes',
]);
/** PutAttributes and DeleteAttributes. */
export type AttributesInput = ValueOf<typeof attributesInputShape>;

export const listAttributesInputShape = structure(
  {
    cluster: string(),
    targetType: string(['container-instance']),
    attributeName: string(),
    attributeValue: string(),
    ...paging,
  },
  ['targetType'],
);
export type ListAttributesInput = ValueOf<typeof listAttributesInputShape>;

const include = list(string());

export const describeContainerInstancesInputShape = structure(
  { cluster: string(), containerInstances: list(string()), include },
  ['containerInstances'],
);
export type DescribeContainerInstancesInput = ValueOf<typeof describeContainerInstancesInputShape>;

export const listContainerInstancesInputShape = structure({
  cluster: string(),
  filter: string(),
  status: string(['ACTIVE', 'DRAINING', 'REGISTERING', 'DEREGISTERING', 'REGISTRATION_FAILED']),
  ...paging,
});

export const listTasksInputShape = structure({
  cluster: string(),
  containerInstance: string(),
  family: string(),
  startedBy: string(),
  serviceName: string(),
  desiredStatus: string(['RUNNING', 'PENDING', 'STOPPED']),
  launchType: string(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']),
  ...paging,
});
export type ListTasksInput = ValueOf<typeof listTasksInputShape>;

export const describeTasksInputShape = structure(
  { cluster: string(), tasks: list(string()), include },
  ['tasks'],
);
export type DescribeTasksInput = ValueOf<typeof describeTasksInputShape>;

export const stopTaskInputShape = structure(
  { cluster: string(), task: string(), reason: string() },
  ['task'],
);
export type StopTaskInput = ValueOf<typeof stopTaskInputShape>;

export const describeTaskDefinitionInputShape = structure({ taskDefinition: string(), include }, [
  'taskDefinition',
]);
export type DescribeTaskDefinitionInput = ValueOf<typeof describeTaskDefinitionInputShape>;

export const listTaskDefinitionsInputShape = structure({
  familyPrefix: string(),
  status: string(['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS']),
  sort: string(['ASC', 'DESC']),
  ...paging,
});
export type ListTaskDefinitionsInput = ValueOf<typeof listTaskDefinitionsInputShape>;

export const deregisterTaskDefinitionInputShape = structure({ taskDefinition: string() }, [
  'taskDefinition',
]);
export type DeregisterTaskDefinitionInput = ValueOf<typeof deregisterTaskDefinitionInputShape>;

export const describeClustersInputShape = structure({ clusters: list(string()), include });
export type DescribeClustersInput = ValueOf<typeof describeClustersInputShape>;

export const listClustersInputShape = structure({ ...paging });
export type ListClustersInput = ValueOf<typeof listClustersInputShape>;

export const createClusterInputShape = structure({
  clusterName: string(),
  tags: list(tag),
  capacityProviders: list(string()),
  defaultCapacityProviderStrategy: list(capacityProviderStrategyItem),
});
export type CreateClusterInput = ValueOf<typeof createClusterInputShape>;

export const deleteClusterInputShape = structure({ cluster: string() }, ['cluster']);
export type DeleteClusterInput = ValueOf<typeof deleteClusterInputShape>;

export const putClusterCapacityProvidersInputShape = structure(
  {
    cluster: string(),
    capacityProviders: list(string()),
    defaultCapacityProviderStrategy: list(capacityProviderStrategyItem),
  },
  ['cluster', 'capacityProviders', 'defaultCapacityProviderStrategy'],
);
export type PutClusterCapacityProvidersInput = ValueOf<
  typeof putClusterCapacityProvidersInputShape
>;

export const describeCapacityProvidersInputShape = structure({
  capacityProviders: list(string()),
  include,
  ...paging,
});
export type DescribeCapacityProvidersInput = ValueOf<typeof describeCapacityProvidersInputShape>;

export const createCapacityProviderInputShape = structure(
  {
    name: string(),
    autoScalingGroupProvider: structure(
      {
        autoScalingGroupArn: string(),
        managedScaling: structure({
          status: string(['ENABLED', 'DISABLED']),
          targetCapacity: integer,
          minimumScalingStepSize: integer,
          maximumScalingStepSize: integer,
          instanceWarmupPeriod: integer,
        }),
        managedTerminationProtection: string(['ENABLED', 'DISABLED']),
        managedDraining: string(['ENABLED', 'DISABLED']),
      },
      ['autoScalingGroupArn'],
    ),
    tags: list(tag),
  },
  ['name', 'autoScalingGroupProvider'],
);
export type CreateCapacityProviderInput = ValueOf<typeof createCapacityProviderInputShape>;

export const tagResourceInputShape = structure({ resourceArn: string(), tags: list(tag) }, [
  'resourceArn',
  'tags',
]);
export type TagResourceInput = ValueOf<typeof tagResourceInputShape>;

export const listTagsForResourceInputShape = structure({ resourceArn: string() }, ['resourceArn']);
export type ListTagsForResourceInput = ValueOf<typeof listTagsForResourceInputShape>;
