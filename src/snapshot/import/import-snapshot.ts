/**
 * Builds a snapshot (the `--cluster-state` file) from the JSON outputs of the AWS CLI's
 * describe-* and list-* calls: recognise each document by its shape, merge pages, drop
 * duplicates, check region and account, assemble the clusters, then validate the result
 * with validateSnapshot. Any problem is a SnapshotImportError naming the input and what to do.
 */
import type { Snapshot } from '../../kernel/ecs-types.js';
import { SnapshotError, validateSnapshot } from '../../cluster/validate-snapshot.js';
import { AccountScope } from './account-scope.js';
import { assembleSnapshot } from './assemble-snapshot.js';
import { collectDocuments } from './collect-documents.js';
import { SnapshotImportError } from './import-error.js';
import type { ImportDocument } from './origin.js';
import { traceSnapshotError } from './trace-snapshot-error.js';

export interface ImportSnapshotOptions {
  /** The region, when no ARN tells it; must agree with the ARNs otherwise. */
  region?: string;
  /** The 12-digit account id, when no ARN tells it; must agree with the ARNs otherwise. */
  accountId?: string;
  /**
   * Leave out, with a note, tasks whose container instance is missing from the inputs and
   * listed instances or tasks never described, instead of refusing.
   */
  allowPartial?: boolean;
}

export interface ImportSnapshotResult {
  /** The validated, normalised snapshot (as Cluster.fromSnapshot reads it). */
  snapshot: Snapshot;
  /** Things the user should know: duplicates resolved, failures ECS reported, parts left out. */
  notes: string[];
}

export function importSnapshot(
  documents: readonly ImportDocument[],
  options: ImportSnapshotOptions = {},
): ImportSnapshotResult {
  if (documents.length === 0) {
    throw new SnapshotImportError(
      'no input: give the JSON outputs of the AWS CLI describe-* calls',
    );
  }
  const scope = new AccountScope(options);
  const collected = collectDocuments(documents, scope);
  const { region, accountId } = scope.result();
  const assembled = assembleSnapshot(collected, {
    region,
    accountId,
    allowPartial: options.allowPartial === true,
  });
  let snapshot: Snapshot;
  try {
    snapshot = validateSnapshot(assembled.snapshot);
  } catch (error) {
    if (error instanceof SnapshotError) throw traceSnapshotError(error, assembled.origins);
    throw error;
  }
  return { snapshot, notes: [...collected.notes, ...assembled.notes] };
}
