/**
 * The ECS operations by their API names, each a call on the Cluster facade: the one table
 * both the endpoint (`ecs-placement serve`) and the in-process DryRunEcsClient dispatch
 * through, so the two cannot answer differently. Inputs are untyped here; every facade
 * method checks its input against the operation's request shape.
 */
import { type Cluster, DEFAULT_SEED } from '../api/cluster.js';
import { listContainerInstancesInputShape } from '../api/operation-shapes.js';
import { page } from '../api/paging.js';
import { checkShape } from '../api/validate-shape.js';

/** What a call may depend on besides its input: the seed of random choices. */
export interface CallSettings {
  seed?: string;
}

type Operation = (cluster: Cluster, input: never, settings: CallSettings) => unknown;

const seeded = (settings: CallSettings) => ({ seed: settings.seed ?? DEFAULT_SEED });

/** Operation name -> what it does; `mutates` says whether it may change the state. */
export const ECS_OPERATIONS = {
  RunTask: { mutates: true, call: (c, i, s) => c.runTask(i, seeded(s)) },
  StartTask: { mutates: true, call: (c, i, s) => c.startTask(i, seeded(s)) },
  StopTask: { mutates: true, call: (c, i) => c.stopTask(i) },
  ListContainerInstances: { mutates: false, call: (c, i) => listContainerInstances(c, i) },
  DescribeContainerInstances: { mutates: false, call: (c, i) => c.describeContainerInstances(i) },
  ListTasks: { mutates: false, call: (c, i) => c.listTasks(i) },
  DescribeTasks: { mutates: false, call: (c, i) => c.describeTasks(i) },
  DescribeTaskDefinition: { mutates: false, call: (c, i) => c.describeTaskDefinition(i) },
  ListTaskDefinitions: { mutates: false, call: (c, i) => c.listTaskDefinitions(i) },
  DescribeClusters: { mutates: false, call: (c, i) => c.describeClusters(i) },
  ListClusters: { mutates: false, call: (c, i) => c.listClusters(i) },
  DescribeCapacityProviders: { mutates: false, call: (c, i) => c.describeCapacityProviders(i) },
  PutAttributes: { mutates: true, call: (c, i) => c.putAttributes(i) },
  DeleteAttributes: { mutates: true, call: (c, i) => c.deleteAttributes(i) },
  ListAttributes: { mutates: false, call: (c, i) => c.listAttributes(i) },
  UpdateContainerInstancesState: {
    mutates: true,
    call: (c, i) => c.updateContainerInstancesState(i),
  },
  RegisterContainerInstance: {
    mutates: true,
    call: (c, i, s) => c.registerAgentInstance(i, seeded(s)),
  },
  DeregisterContainerInstance: { mutates: true, call: (c, i) => c.deregisterContainerInstance(i) },
  CreateCluster: { mutates: true, call: (c, i) => c.createCluster(i) },
  DeleteCluster: { mutates: true, call: (c, i) => c.deleteCluster(i) },
  RegisterTaskDefinition: { mutates: true, call: (c, i) => c.registerTaskDefinition(i) },
  DeregisterTaskDefinition: { mutates: true, call: (c, i) => c.deregisterTaskDefinition(i) },
  CreateCapacityProvider: { mutates: true, call: (c, i) => c.createCapacityProvider(i) },
  PutClusterCapacityProviders: {
    mutates: true,
    call: (c, i) => c.putClusterCapacityProviders(i),
  },
  TagResource: { mutates: true, call: (c, i) => c.tagResource(i) },
  ListTagsForResource: { mutates: false, call: (c, i) => c.listTagsForResource(i) },
} satisfies Record<string, { mutates: boolean; call: Operation }>;

export type EcsOperationName = keyof typeof ECS_OPERATIONS;

export function isEcsOperation(name: string): name is EcsOperationName {
  return Object.hasOwn(ECS_OPERATIONS, name);
}

/**
 * Runs the operation `name` with untyped `input` (undefined: `{}`); throws the ECS
 * exceptions. The caller checked the name with isEcsOperation.
 */
export function callEcsOperation(
  cluster: Cluster,
  name: EcsOperationName,
  input: unknown,
  settings: CallSettings = {},
): unknown {
  const operation = ECS_OPERATIONS[name].call as (
    c: Cluster,
    i: unknown,
    s: CallSettings,
  ) => unknown;
  return operation(cluster, input ?? {}, settings);
}

/** ListContainerInstances with the API's paging (the facade's method lists everything). */
function listContainerInstances(cluster: Cluster, input: unknown) {
  const { maxResults, nextToken, ...rest } = checkShape(input, listContainerInstancesInputShape);
  const all = cluster.listContainerInstances(rest).containerInstanceArns;
  const paged = page(all, {
    ...(maxResults !== undefined ? { maxResults } : {}),
    ...(nextToken !== undefined ? { nextToken } : {}),
  });
  return paged.nextToken !== undefined
    ? { containerInstanceArns: paged.items, nextToken: paged.nextToken }
    : { containerInstanceArns: paged.items };
}
