/**
 * The first failing check of each candidate for one kind of call (same needs, same memberOf
 * expressions), kept between calls and recomputed for an instance only when its `version`
 * changed. A call then costs one tight pass over the candidates instead of evaluating every
 * check and expression on every instance again. The group-dependent distinctInstance check
 * is not memoised (it is evaluated per call).
 */
import type { InstanceState } from '../cluster/instance-state.js';
import type { CompiledConstraints } from './checks/check-chain.js';
import type { TaskNeeds } from './task-needs.js';
import type { FeasibilityMemo, PlacementWorkspace } from './workspace.js';

export type { FeasibilityMemo } from './workspace.js';

const MEMOS_PER_CLUSTER = 16;

/** What the memoised checks depend on besides the instance. */
export function callSignature(needs: TaskNeeds, constraints: CompiledConstraints): string {
  // A name alone and a name with an empty value are different requirements.
  const attributes = needs.requiredAttributes
    .map((a) => (a.value === undefined ? a.name : `${a.name}\u0001${a.value}`))
    .join('\u0000');
  const expressions = constraints.memberOf.map((m) => m.expression).join('\u0000');
  // LOCATION depends on the request's subnets: their zones are part of what was checked.
  const zones = needs.zones === undefined ? '-' : [...needs.zones].sort().join(',');
  // RESOURCE:ENI is in the chain for awsvpc tasks only (even when their zones are unknown).
  const eni = needs.networkMode === 'awsvpc' ? 'eni' : '-';
  return `${needs.cpu}|${needs.memory}|${needs.tcpPorts}|${needs.udpPorts}|${needs.gpus}|${eni}|${attributes}|${zones}|${expressions}`;
}

/** The memo of `workspace`'s cluster for calls with this signature over these candidates. */
export function feasibilityMemo(
  workspace: PlacementWorkspace,
  signature: string,
  candidates: readonly InstanceState[],
): FeasibilityMemo {
  const byCall = workspace.memos;
  let memo = byCall.get(signature);
  if (memo && memo.candidates === candidates) {
    // Keep recently used memos at the end so the oldest is evicted first.
    byCall.delete(signature);
    byCall.set(signature, memo);
    return memo;
  }
  memo = {
    candidates,
    versions: new Uint32Array(candidates.length),
    firstFail: new Uint8Array(candidates.length),
  };
  byCall.delete(signature);
  if (byCall.size >= MEMOS_PER_CLUSTER) byCall.delete(byCall.keys().next().value!);
  byCall.set(signature, memo);
  return memo;
}
