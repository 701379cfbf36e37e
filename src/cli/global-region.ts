/**
 * `--region` offline: a snapshot holds one region's clusters, so asking for another region
 * is asking for a cluster that does not exist there, which ECS answers with
 * ClusterNotFoundException. A note on stderr says which regions differ. Without --region
 * (AWS_REGION and AWS_DEFAULT_REGION included) the snapshot's region is used, whatever it is.
 */
import { ClusterNotFoundException } from '../kernel/errors.js';
import type { CliIO } from './cli-io.js';

export function checkSnapshotRegion(
  snapshot: unknown,
  region: string | undefined,
  file: string,
  io: CliIO,
  commandPath: string,
): void {
  if (region === undefined) return;
  const own =
    typeof snapshot === 'object' && snapshot !== null && 'region' in snapshot
      ? snapshot.region
      : undefined;
  if (typeof own !== 'string' || own === region) return;
  io.stderr.write(
    `${commandPath}: note: --region ${region}, but the cluster state ${file} is of region ${own}\n`,
  );
  throw new ClusterNotFoundException('Cluster not found.');
}
