import type { ClusterSnapshot, Snapshot } from '../cluster/ecs-types.js';
import { ClusterNotFoundException } from './errors.js';

/** A cluster given by short name or ARN; no name means `default`, as in ECS. */
export function resolveCluster(snapshot: Snapshot, ref: string | undefined): ClusterSnapshot {
  const wanted = ref ?? 'default';
  const name = wanted.startsWith('arn:') ? wanted.slice(wanted.lastIndexOf('/') + 1) : wanted;
  const found = snapshot.clusters.find((c) => c.clusterName === name);
  if (!found) throw new ClusterNotFoundException('Cluster not found.');
  return found;
}
