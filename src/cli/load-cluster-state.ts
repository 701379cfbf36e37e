/**
 * Reads the `--cluster-state` snapshot file. Any problem (missing file, too large, bad JSON,
 * nesting too deep, AWS CLI output instead of a snapshot, and, via `clusterStateProblem`, an
 * invalid snapshot) is a ClusterStateError naming the file and, when known, the JSON path or
 * the line and column of the problem with a short excerpt.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SnapshotError } from '../cluster/validate-snapshot.js';
import { awsCliOutputHint, awsCliOutputsHint } from '../snapshot/cli-output-hint.js';
import { type FileIdentity, identityOf } from './file-identity.js';
import { MAX_SNAPSHOT_BYTES, nestingTooDeep, SNAPSHOT_DEPTH } from './input-limits.js';
import { JsonTextError, parseJsonText, stripByteOrderMark } from './json-text.js';

export class ClusterStateError extends Error {
  override readonly name = 'ClusterStateError';
}

export interface LoadedClusterState {
  /** Absolute path of the file. */
  path: string;
  /** The parsed JSON, not yet validated: Cluster.fromSnapshot validates it (once). */
  snapshot: unknown;
  /** The file that was read, as it was when read. */
  identity: FileIdentity;
}

export function loadClusterState(file: string, cwd: string): LoadedClusterState {
  const path = resolve(cwd, file);
  const { text, identity } = readSnapshotText(path, file);
  const content = stripByteOrderMark(text);
  let snapshot: unknown;
  try {
    snapshot = parseJsonText(content);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    if (error.kind === 'depth') {
      throw new ClusterStateError(
        `the cluster state ${file} is refused: ${nestingTooDeep(SNAPSHOT_DEPTH)}${error.where}`,
      );
    }
    const hint = awsCliOutputsHint(content);
    throw new ClusterStateError(
      hint !== undefined
        ? notASnapshot(file, hint)
        : `the cluster state ${file} is not valid JSON: ${error.message}`,
    );
  }
  // AWS CLI output given as it is: say which, and how to make a snapshot of it.
  const hint = awsCliOutputHint(snapshot);
  if (hint !== undefined) throw new ClusterStateError(notASnapshot(file, hint));
  return { path, snapshot, identity };
}

function notASnapshot(file: string, hint: string): string {
  return `the cluster state ${file} is not a cluster snapshot: ${hint}`;
}

/** The file's text and identity, from one open file (so both describe the same version). */
function readSnapshotText(path: string, file: string): { text: string; identity: FileIdentity } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new ClusterStateError(`could not read the cluster state ${file}: ${reasonOf(error)}`);
  }
  try {
    const stats = fstatSync(fd, { bigint: true });
    if (stats.isFile() && stats.size > BigInt(MAX_SNAPSHOT_BYTES)) throw tooLarge(file, stats.size);
    let text: string;
    try {
      text = readFileSync(fd, 'utf8');
    } catch (error) {
      // A pipe or device has no size to check up front.
      if ((error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') throw tooLarge(file);
      throw new ClusterStateError(`could not read the cluster state ${file}: ${reasonOf(error)}`);
    }
    return { text, identity: identityOf(stats) };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(file: string, size?: bigint): ClusterStateError {
  const actual = size === undefined ? 'larger' : `${size.toLocaleString('en-US')} bytes`;
  return new ClusterStateError(
    `the cluster state ${file} is too large (${actual}): a snapshot can be at most ${MAX_SNAPSHOT_BYTES.toLocaleString('en-US')} bytes, the longest text JavaScript can hold`,
  );
}

/** A snapshot the cluster refused (SnapshotError, with its JSON path) becomes a ClusterStateError. */
export function clusterStateProblem(file: string, error: unknown): ClusterStateError | unknown {
  if (error instanceof SnapshotError) {
    return new ClusterStateError(`the cluster state ${file} is invalid at ${error.message}`);
  }
  if (error instanceof RangeError) {
    // Whatever the library could not cope with (input nested or sized past the engine's
    // limits) is still a problem of this file, not a crash of the command.
    return new ClusterStateError(`the cluster state ${file} could not be loaded: ${error.message}`);
  }
  return error;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
