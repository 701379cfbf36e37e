/**
 * What the ECS operations of the Cluster facade read and change: the account's snapshot (its
 * clusters, task definitions and capacity providers) and one cluster model per cluster. The
 * facade is the only implementation; each operation file takes it as its first argument.
 */
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { InstanceState } from '../cluster/instance-state.js';
import type { ClusterSnapshot, Snapshot } from '../kernel/ecs-types.js';
import type { ArnContext } from './arns.js';
import { resolveCluster } from './resolve-cluster.js';

export interface Account {
  readonly snapshot: Snapshot;
  readonly arns: ArnContext;
  model(cluster: ClusterSnapshot): ClusterModel;
  /** CreateCluster: a new, empty cluster. */
  addCluster(cluster: ClusterSnapshot): void;
  /** DeleteCluster: the cluster, its model and its client tokens are forgotten. */
  removeCluster(cluster: ClusterSnapshot): void;
}

/** The cluster's model by name or ARN (`default` when absent); ClusterNotFoundException. */
export function modelOf(account: Account, cluster: string | undefined): ClusterModel {
  return account.model(resolveCluster(account.snapshot, cluster));
}

/** An instance of the cluster by container instance ARN or id (or EC2 instance id). */
export function findInstance(model: ClusterModel, ref: string): InstanceState | undefined {
  return model.instance(ref);
}
