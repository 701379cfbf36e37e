/**
 * Reads the `--cluster-state` snapshot file. Any problem (missing file, bad JSON, invalid
 * snapshot) is a ClusterStateError naming the file and, when known, the JSON path or the
 * line and column of the problem.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Snapshot } from '../cluster/ecs-types.js';
import { SnapshotError, validateSnapshot } from '../cluster/validate-snapshot.js';

export class ClusterStateError extends Error {
  override readonly name = 'ClusterStateError';
}

export interface LoadedClusterState {
  /** Absolute path of the file. */
  path: string;
  snapshot: Snapshot;
}

export function loadClusterState(file: string, cwd: string): LoadedClusterState {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ClusterStateError(`could not read the cluster state ${file}: ${reasonOf(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ClusterStateError(
      `the cluster state ${file} is not valid JSON: ${describeJsonError(reasonOf(error), text)}`,
    );
  }
  try {
    return { path, snapshot: validateSnapshot(json) };
  } catch (error) {
    throw clusterStateProblem(file, error);
  }
}

/** Wraps a snapshot problem found while loading (validation or building the cluster). */
export function clusterStateProblem(file: string, error: unknown): ClusterStateError | unknown {
  if (error instanceof SnapshotError) {
    return new ClusterStateError(`the cluster state ${file} is invalid at ${error.message}`);
  }
  return error;
}

/** Adds line and column to Node's "at position N" so the place is easy to find. */
function describeJsonError(reason: string, text: string): string {
  const match = /position (\d+)/.exec(reason);
  if (!match) return reason;
  const offset = Number(match[1]);
  const before = text.slice(0, offset).split('\n');
  return `${reason} (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
