import type { ClusterSnapshot, Snapshot } from '../kernel/ecs-types.js';
import { ClusterNotFoundException } from '../kernel/errors.js';

/** arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME */
const CLUSTER_ARN = /^arn:[a-z-]+:ecs:([a-z0-9-]+):([0-9]{12}):cluster\/(.+)$/;

/**
 * A cluster given by short name or ARN; no name means `default`, as in ECS. An unknown name,
 * a malformed ARN, or an ARN of another region or account is ClusterNotFoundException.
 */
export function resolveCluster(snapshot: Snapshot, ref: string | undefined): ClusterSnapshot {
  const wanted = ref ?? 'default';
  let name: string | undefined = wanted;
  if (wanted.startsWith('arn:')) {
    const arn = CLUSTER_ARN.exec(wanted);
    const here = arn && arn[1] === snapshot.region && arn[2] === snapshot.accountId;
    name = here ? arn[3] : undefined;
  }
  const found = snapshot.clusters.find((c) => c.clusterName === name);
  if (!found) throw new ClusterNotFoundException('Cluster not found.');
  return found;
}
