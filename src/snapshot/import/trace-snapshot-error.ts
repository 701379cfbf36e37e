/**
 * A problem validateSnapshot found in the assembled snapshot, told in terms of the inputs:
 * `$.clusters[0].containerInstances[3].status` becomes the file and JSON path the record
 * came from (`instances.json at $.containerInstances[1].status`).
 */
import type { SnapshotError } from '../../cluster/validate-snapshot.js';
import type { SnapshotOrigins } from './assemble-snapshot.js';
import { SnapshotImportError } from './import-error.js';
import { describeOrigin, type Origin } from './origin.js';

const CLUSTER_RECORD = /^\$\.clusters\[(\d+)\]\.(containerInstances|tasks)\[(\d+)\](.*)$/;
const CLUSTER = /^\$\.clusters\[(\d+)\](.*)$/;
const TOP_LEVEL = /^\$\.(taskDefinitions|capacityProviders)\[(\d+)\](.*)$/;
const SUBNET = /^\$\.subnets\[("(?:[^"\\]|\\.)*")\](.*)$/;

export function traceSnapshotError(
  error: SnapshotError,
  origins: SnapshotOrigins,
): SnapshotImportError {
  const reason = error.message.slice(error.path.length + 2);
  const traced = originOf(error.path, origins);
  if (traced === undefined) {
    return new SnapshotImportError(`the snapshot is invalid at ${error.path}: ${reason}`);
  }
  const [origin, rest] = traced;
  const path = origin.path + rest;
  return new SnapshotImportError(`${describeOrigin({ ...origin, path })}: ${reason}`);
}

function originOf(path: string, origins: SnapshotOrigins): [Origin, string] | undefined {
  let match = CLUSTER_RECORD.exec(path);
  if (match) {
    const [, cluster, list, index, rest] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    const table = list === 'tasks' ? origins.tasks : origins.containerInstances;
    const origin = table[Number(cluster)]?.[Number(index)];
    return origin && [origin, rest];
  }
  match = CLUSTER.exec(path);
  if (match) {
    const origin = origins.clusters[Number(match[1])];
    return origin && [origin, match[2]!];
  }
  match = TOP_LEVEL.exec(path);
  if (match) {
    const table =
      match[1] === 'taskDefinitions' ? origins.taskDefinitions : origins.capacityProviders;
    const origin = table[Number(match[2])];
    return origin && [origin, match[3]!];
  }
  match = SUBNET.exec(path);
  if (match) {
    const origin = origins.subnets.get(JSON.parse(match[1]!) as string);
    return origin && [origin, '.AvailabilityZone'];
  }
  return undefined;
}
