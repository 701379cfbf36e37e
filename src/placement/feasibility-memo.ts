/**
 * The first failing memoised check of each candidate for one kind of call (same memo key:
 * the same checks with the same needs and expressions, see CheckSpec.memoKey), kept between
 * calls and recomputed for an instance only when its `version` changed. A call then costs
 * one tight pass over the candidates instead of evaluating every check and expression on
 * every instance again. Checks without a memoKey (distinctInstance) are made on every call.
 */
import type { InstanceState } from '../cluster/instance-state.js';
import type { FeasibilityMemo, PlacementWorkspace } from './workspace.js';

export type { FeasibilityMemo } from './workspace.js';

const MEMOS_PER_CLUSTER = 16;

/** The memo of `workspace`'s cluster for calls with this key over these candidates. */
export function feasibilityMemo(
  workspace: PlacementWorkspace,
  key: string,
  candidates: readonly InstanceState[],
): FeasibilityMemo {
  const byCall = workspace.memos;
  let memo = byCall.get(key);
  if (memo && memo.candidates === candidates) {
    // Keep recently used memos at the end so the oldest is evicted first.
    byCall.delete(key);
    byCall.set(key, memo);
    return memo;
  }
  // The engine reads candidates' numbers from the model's columns by instance index: every
  // candidate must be the model's own (as ClusterModel.candidates gives them).
  const instances = workspace.model.instances;
  for (const candidate of candidates) {
    if (instances[candidate.index] !== candidate) {
      throw new Error(
        `${candidate.arn} is not an instance of cluster ${workspace.model.clusterName}'s model`,
      );
    }
  }
  memo = {
    candidates,
    indexes: Int32Array.from(candidates, (instance) => instance.index),
    versions: new Uint32Array(candidates.length),
    firstFail: new Uint8Array(candidates.length),
    open: new Int32Array(candidates.length),
    openCount: 0,
    openStale: true,
  };
  byCall.delete(key);
  if (byCall.size >= MEMOS_PER_CLUSTER) byCall.delete(byCall.keys().next().value!);
  byCall.set(key, memo);
  return memo;
}
