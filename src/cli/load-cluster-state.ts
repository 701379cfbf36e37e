/**
 * Reads the `--cluster-state` snapshot file. Any problem (missing file, bad JSON, and, via
 * `clusterStateProblem`, an invalid snapshot) is a ClusterStateError naming the file and,
 * when known, the JSON path or the line and column of the problem.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SnapshotError } from '../cluster/validate-snapshot.js';

export class ClusterStateError extends Error {
  override readonly name = 'ClusterStateError';
}

export interface LoadedClusterState {
  /** Absolute path of the file. */
  path: string;
  /** The parsed JSON, not yet validated: Cluster.fromSnapshot validates it (once). */
  snapshot: unknown;
}

export function loadClusterState(file: string, cwd: string): LoadedClusterState {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ClusterStateError(`could not read the cluster state ${file}: ${reasonOf(error)}`);
  }
  try {
    return { path, snapshot: JSON.parse(text) };
  } catch (error) {
    throw new ClusterStateError(
      `the cluster state ${file} is not valid JSON: ${describeJsonError(reasonOf(error), text)}`,
    );
  }
}

/** A snapshot the cluster refused (SnapshotError, with its JSON path) becomes a ClusterStateError. */
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
