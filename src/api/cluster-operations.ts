/**
 * CreateCluster, DeleteCluster, DescribeClusters, ListClusters and
 * PutClusterCapacityProviders over the account's clusters.
 *
 * - CreateCluster: `clusterName` defaults to `default` (up to 255 letters, numbers,
 *   underscores and hyphens); creating a cluster that exists returns it unchanged, as ECS
 *   does. Its capacity providers and default strategy are checked as PutClusterCapacityProviders
 *   checks them.
 * - DeleteCluster: refused while the cluster has container instances that are not INACTIVE
 *   (ClusterContainsContainerInstancesException) or tasks whose desiredStatus is not STOPPED
 *   (ClusterContainsTasksException). A deleted cluster is forgotten: Describe reports it
 *   MISSING (ECS shows INACTIVE clusters for a while; nothing here reads them).
 * - PutClusterCapacityProviders: every provider must exist (FARGATE and FARGATE_SPOT always
 *   do) and the default strategy may name only the listed ones (the RunTask strategy rules).
 * - DescribeClusters: counts as ECS reports them: registeredContainerInstancesCount (instances
 *   not INACTIVE), runningTasksCount and pendingTasksCount (tasks by lastStatus).
 */
import { validateCapacityProviderStrategy } from '../capacity/validate-capacity-provider-strategy.js';
import { isFargateCapacityProvider } from '../capacity/fargate-providers.js';
import { cloneData } from '../cluster/copy-data.js';
import type { CapacityProviderStrategyItem, ClusterSnapshot, Tag } from '../kernel/ecs-types.js';
import {
  ClusterContainsContainerInstancesException,
  ClusterContainsTasksException,
  ClusterNotFoundException,
  InvalidParameterException,
} from '../kernel/errors.js';
import type { Failure } from '../kernel/run-task-types.js';
import type { Account } from './account.js';
import { clusterArn } from './arns.js';
import {
  type CreateClusterInput,
  createClusterInputShape,
  type DeleteClusterInput,
  type DescribeClustersInput,
  deleteClusterInputShape,
  describeClustersInputShape,
  type ListClustersInput,
  listClustersInputShape,
  type PutClusterCapacityProvidersInput,
  putClusterCapacityProvidersInputShape,
} from './operation-shapes.js';
import { atMost, page } from './paging.js';
import { resolveCluster } from './resolve-cluster.js';
import { checkShape, invalidParameter } from './validate-shape.js';

const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** A cluster as DescribeClusters returns it. */
export interface ClusterDescription {
  clusterArn: string;
  clusterName: string;
  status: string;
  registeredContainerInstancesCount: number;
  runningTasksCount: number;
  pendingTasksCount: number;
  activeServicesCount: number;
  statistics: { name?: string; value?: string }[];
  tags?: Tag[];
  settings: { name?: string; value?: string }[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: CapacityProviderStrategyItem[];
}

export function createCluster(
  account: Account,
  input: CreateClusterInput = {},
): { cluster: ClusterDescription } {
  const request = checkShape(input, createClusterInputShape);
  const name = request.clusterName ?? 'default';
  if (!CLUSTER_NAME.test(name)) {
    throw invalidParameter(
      'clusterName',
      name,
      'up to 255 letters (uppercase and lowercase), numbers, underscores and hyphens',
    );
  }
  const existing = account.snapshot.clusters.find((c) => c.clusterName === name);
  if (existing) return { cluster: describe(account, existing) };
  const cluster: ClusterSnapshot = {
    clusterName: name,
    clusterArn: clusterArn(account.arns, name),
    status: 'ACTIVE',
    containerInstances: [],
    tasks: [],
  };
  if (request.tags) (cluster as ClusterSnapshot & { tags?: Tag[] }).tags = request.tags;
  setProviders(
    account,
    cluster,
    request.capacityProviders ?? [],
    request.defaultCapacityProviderStrategy ?? [],
  );
  account.addCluster(cluster);
  return { cluster: describe(account, cluster) };
}

export function deleteCluster(
  account: Account,
  input: DeleteClusterInput,
): { cluster: ClusterDescription } {
  const request = checkShape(input, deleteClusterInputShape);
  const cluster = resolveCluster(account.snapshot, request.cluster);
  const model = account.model(cluster);
  if (model.instances.some((i) => i.status !== 'INACTIVE')) {
    throw new ClusterContainsContainerInstancesException(
      'The Cluster cannot be deleted while Container Instances are active or draining.',
    );
  }
  if (model.tasks.some((t) => t.desiredStatus !== 'STOPPED')) {
    throw new ClusterContainsTasksException(
      'The Cluster cannot be deleted while Tasks are active.',
    );
  }
  const description = describe(account, cluster);
  account.removeCluster(cluster);
  return { cluster: { ...description, status: 'INACTIVE' } };
}

export function describeClusters(
  account: Account,
  input: DescribeClustersInput = {},
): { clusters: ClusterDescription[]; failures: Failure[] } {
  const request = checkShape(input, describeClustersInputShape);
  const names = request.clusters ?? ['default'];
  atMost('clusters', names, 100, 0);
  const clusters: ClusterDescription[] = [];
  const failures: Failure[] = [];
  const withTags = request.include?.includes('TAGS') ?? false;
  for (const ref of names) {
    let cluster: ClusterSnapshot;
    try {
      cluster = resolveCluster(account.snapshot, ref);
    } catch (error) {
      if (!(error instanceof ClusterNotFoundException)) throw error;
      failures.push({
        arn: ref.startsWith('arn:') ? ref : clusterArn(account.arns, ref),
        reason: 'MISSING',
      });
      continue;
    }
    const { tags, ...description } = describe(account, cluster);
    clusters.push(withTags ? { ...description, tags: tags ?? [] } : description);
  }
  return { clusters, failures };
}

export function listClusters(
  account: Account,
  input: ListClustersInput = {},
): { clusterArns: string[]; nextToken?: string } {
  const request = checkShape(input, listClustersInputShape);
  const arns = account.snapshot.clusters.map(
    (c) => c.clusterArn ?? clusterArn(account.arns, c.clusterName),
  );
  const { items, nextToken } = page(arns, request);
  return nextToken !== undefined ? { clusterArns: items, nextToken } : { clusterArns: items };
}

export function putClusterCapacityProviders(
  account: Account,
  input: PutClusterCapacityProvidersInput,
): { cluster: ClusterDescription } {
  const request = checkShape(input, putClusterCapacityProvidersInputShape);
  const cluster = resolveCluster(account.snapshot, request.cluster);
  setProviders(
    account,
    cluster,
    request.capacityProviders,
    request.defaultCapacityProviderStrategy,
  );
  return { cluster: describe(account, cluster) };
}

/** Checks the providers and the default strategy, then sets both (nothing on a failure). */
function setProviders(
  account: Account,
  cluster: ClusterSnapshot,
  providers: string[],
  strategy: CapacityProviderStrategyItem[],
): void {
  const known = new Set((account.snapshot.capacityProviders ?? []).map((p) => p.name));
  for (const [i, name] of providers.entries()) {
    if (!isFargateCapacityProvider(name) && !known.has(name)) {
      throw new InvalidParameterException(
        `Invalid capacityProviders[${i}] ${JSON.stringify(name)}: the capacity provider does not exist (create it with CreateCapacityProvider).`,
      );
    }
  }
  const trial = { ...cluster, capacityProviders: providers };
  validateCapacityProviderStrategy(strategy, trial, account.snapshot, 'cluster-default');
  cluster.capacityProviders = [...providers];
  cluster.defaultCapacityProviderStrategy = cloneData(strategy);
}

export function describe(account: Account, cluster: ClusterSnapshot): ClusterDescription {
  const model = account.model(cluster);
  let running = 0;
  let pending = 0;
  for (const task of model.tasks) {
    if (task.lastStatus === 'RUNNING') running++;
    else if (task.lastStatus === 'PENDING') pending++;
  }
  const tags = (cluster as ClusterSnapshot & { tags?: Tag[] }).tags;
  return {
    clusterArn: cluster.clusterArn ?? clusterArn(account.arns, cluster.clusterName),
    clusterName: cluster.clusterName,
    status: cluster.status ?? 'ACTIVE',
    registeredContainerInstancesCount: model.instances.filter((i) => i.status !== 'INACTIVE')
      .length,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: 0,
    statistics: [],
    ...(tags ? { tags: cloneData(tags) } : {}),
    settings: [],
    capacityProviders: [...(cluster.capacityProviders ?? [])],
    defaultCapacityProviderStrategy: cloneData(cluster.defaultCapacityProviderStrategy ?? []),
  };
}
