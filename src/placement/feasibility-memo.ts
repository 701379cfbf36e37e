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

/**
 * The memo of `workspace`'s cluster for calls with this key over these candidates. With
 * `keep` false (StartTask, one named instance at a time) a memo for the call alone: a kept
 * one would take the place of the memo of the RunTask calls of the same kind (same key,
 * another candidate list), whose next call would then evaluate every candidate again.
 */
export function feasibilityMemo(
  workspace: PlacementWorkspace,
  key: string,
  candidates: readonly InstanceState[],
  keep = true,
): FeasibilityMemo {
  if (!keep) return newMemo(workspace, candidates, undefined);
  const byCall = workspace.memos;
  let memo = byCall.get(key);
  if (memo && memo.candidates === candidates) {
    // Keep recently used memos at the end so the oldest is evicted first.
    byCall.delete(key);
    byCall.set(key, memo);
    return memo;
  }
  let evicted: FeasibilityMemo | undefined;
  if (!memo && byCall.size >= MEMOS_PER_CLUSTER) {
    const oldest = byCall.keys().next().value!;
    evicted = byCall.get(oldest);
    byCall.delete(oldest);
  }
  const former = memo;
  memo = newMemo(workspace, candidates, evicted);
  // Same kind of call, new candidate list (an instance drained, reactivated, registered):
  // the verdicts of the instances in both lists still hold for the versions they were
  // computed at, so only the instances that changed are evaluated again.
  if (former) carryOver(former, memo);
  byCall.delete(key);
  if (byCall.size >= MEMOS_PER_CLUSTER) byCall.delete(byCall.keys().next().value!);
  byCall.set(key, memo);
  return memo;
}

/**
 * A memo with no entry yet (versions 0), reusing the arrays of `evicted` (the memo it
 * replaces) when they fit, so a new kind of call on a large cluster allocates nothing.
 */
function newMemo(
  workspace: PlacementWorkspace,
  candidates: readonly InstanceState[],
  evicted: FeasibilityMemo | undefined,
): FeasibilityMemo {
  const n = candidates.length;
  const reuse = evicted !== undefined && evicted.versions.length === n;
  const versions = reuse ? evicted.versions.fill(0) : new Float64Array(n);
  const { indexes, positions } = indexesOf(workspace, candidates);
  return {
    candidates,
    indexes,
    positions,
    seenChanges: -1,
    versions,
    firstFail: reuse ? evicted.firstFail : new Uint8Array(n),
    open: reuse ? evicted.open : new Int32Array(n),
    openCount: 0,
    openStale: true,
  };
}

/** Copies each instance's entry (version and verdict) from `from` to `to`, by instance index. */
function carryOver(from: FeasibilityMemo, to: FeasibilityMemo): void {
  const { positions, versions, firstFail } = from;
  const { indexes } = to;
  for (let c = 0; c < indexes.length; c++) {
    const index = indexes[c]!;
    const p = index < positions.length ? positions[index]! : -1;
    if (p < 0) continue;
    to.versions[c] = versions[p]!;
    to.firstFail[c] = firstFail[p]!;
  }
}

/**
 * The instance index of each candidate, and each instance's position among the candidates,
 * once per candidate list. The engine reads the candidates' numbers from the model's
 * columns by these indexes, so every candidate must be the model's own (as
 * ClusterModel.candidates gives them).
 */
function indexesOf(
  workspace: PlacementWorkspace,
  candidates: readonly InstanceState[],
): { indexes: Int32Array; positions: Int32Array } {
  let found = workspace.candidateIndexes.get(candidates);
  if (found) return found;
  const { model } = workspace;
  const indexes = new Int32Array(candidates.length);
  const positions = new Int32Array(model.instances.length).fill(-1);
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c]!;
    if (model.instances[candidate.index] !== candidate) {
      throw new Error(
        `${candidate.arn} is not an instance of cluster ${model.clusterName}'s model`,
      );
    }
    indexes[c] = candidate.index;
    positions[candidate.index] = c;
  }
  found = { indexes, positions };
  workspace.candidateIndexes.set(candidates, found);
  return found;
}
