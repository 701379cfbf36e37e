/**
 * The checks of one call in ECS order, built from the registry: each registered check adds
 * its entries (none when it cannot fail for the call; memberOf one per constraint), each
 * with its per-call state.
 */
import type { InstanceState } from '../../cluster/instance-state.js';
import type { CheckFailure, InstanceVerdict } from '../explanation.js';
import type { TaskNeeds } from '../task-needs.js';
import { FEASIBLE } from './first-failing.js';
import type { CheckCall, CheckContext, PlacementCheck } from './placement-check.js';
import { registrations } from './registry.js';

export type { CompiledConstraints } from './placement-check.js';

/** A list of check entries: `checks[k]` runs with `states[k]`. */
export interface CheckList {
  readonly checks: readonly PlacementCheck[];
  readonly states: readonly unknown[];
}

export interface CheckChain extends CheckList {
  /**
   * The entries whose check has a memoKey, and `at[k]`, the index in the chain of the
   * memoised entry k: their verdicts are kept between calls (feasibility-memo.ts).
   */
  readonly memoised: CheckList & { readonly at: readonly number[] };
  /** The entries made on every call (no memoKey), with their indexes in the chain. */
  readonly perCall: CheckList & { readonly at: readonly number[] };
  /** The entries that keep per-call state up to date as tasks land (see CheckSpec.placed). */
  readonly placed: CheckList;
  /** The call's signature for the feasibility memo: every memoised check and its key. */
  readonly memoKey: string;
}

export function buildCheckChain(call: CheckCall): CheckChain {
  const checks: PlacementCheck[] = [];
  const states: unknown[] = [];
  const memoised = { checks: [] as PlacementCheck[], states: [] as unknown[], at: [] as number[] };
  const perCall = { checks: [] as PlacementCheck[], states: [] as unknown[], at: [] as number[] };
  const placed = { checks: [] as PlacementCheck[], states: [] as unknown[] };
  let memoKey = '';
  for (const { check, id } of registrations()) {
    const entries = check.entries(call);
    if (entries.length === 0) continue;
    // Length-prefixed parts: no two different chains give the same key.
    const part = check.memoKey ? check.memoKey(call) : '*';
    memoKey += `${id}x${entries.length}:${part.length}:${part};`;
    for (const state of entries) {
      const list = check.memoKey ? memoised : perCall;
      list.checks.push(check);
      list.states.push(state);
      list.at.push(checks.length);
      if (check.placed) {
        placed.checks.push(check);
        placed.states.push(state);
      }
      checks.push(check);
      states.push(state);
    }
  }
  if (checks.length >= FEASIBLE) {
    throw new RangeError(
      `A call can have at most ${FEASIBLE - 1} checks; it has ${checks.length}.`,
    );
  }
  return { checks, states, memoised, perCall, placed, memoKey };
}

/** Every failing check of an instance, in chain order, and what passing checks could not tell. */
export function verdictOf(
  chain: CheckList,
  instance: InstanceState,
  needs: TaskNeeds,
  ctx: CheckContext,
): InstanceVerdict {
  const failures: CheckFailure[] = [];
  const notes: string[] = [];
  for (let k = 0; k < chain.checks.length; k++) {
    const check = chain.checks[k]!;
    const state = chain.states[k];
    const failure = check.check(instance, needs, ctx, state);
    if (failure) failures.push(failure);
    const note = failure ? undefined : check.note?.(instance, needs, ctx, state);
    if (note !== undefined) notes.push(note);
  }
  const verdict: InstanceVerdict = { containerInstanceArn: instance.arn, failures };
  if (instance.ec2InstanceId !== undefined) verdict.ec2InstanceId = instance.ec2InstanceId;
  if (notes.length > 0) verdict.notes = notes;
  return verdict;
}
