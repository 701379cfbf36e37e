/**
 * Lexicographic selection over the feasible candidates: the candidates tied for best under
 * every rule, in candidate order. Two implementations with identical results: a single
 * allocation-free pass for runTask, and a rule-by-rule filter that records the ranking
 * for the explanation.
 */
import type { InstanceState } from '../cluster/instance-state.js';
import type { StrategyStep } from './explanation.js';
import type { RankRule } from './rank-rules.js';

/**
 * Fills `ties` with the positions of the best candidates among `feasible[0..feasibleCount)`
 * whose `alive[c]` is still set, and returns how many. `best` is scratch space of at least
 * `rules.length` entries.
 */
export function selectBestInOnePass(
  candidates: readonly InstanceState[],
  feasible: Int32Array,
  feasibleCount: number,
  alive: Uint8Array,
  rules: readonly RankRule[],
  ties: Int32Array,
  best: Float64Array,
): number {
  let tied = 0;
  const ruleCount = rules.length;
  for (let k = 0; k < feasibleCount; k++) {
    const c = feasible[k]!;
    if (alive[c] === 0) continue;
    const instance = candidates[c]!;
    if (tied === 0) {
      for (let r = 0; r < ruleCount; r++) best[r] = rules[r]!.key(instance);
      ties[0] = c;
      tied = 1;
      continue;
    }
    let r = 0;
    let order = 0;
    for (; r < ruleCount; r++) {
      const key = rules[r]!.key(instance);
      const current = best[r]!;
      if (key < current) {
        order = -1;
        best[r] = key;
        break;
      }
      if (key > current) {
        order = 1;
        break;
      }
    }
    if (order > 0) continue;
    if (order < 0) {
      for (r++; r < ruleCount; r++) best[r] = rules[r]!.key(instance);
      tied = 0;
    }
    ties[tied++] = c;
  }
  return tied;
}

/** The same selection, rule by rule, recording every rule's ranking; returns positions. */
export function selectBestTraced(
  candidates: readonly InstanceState[],
  feasible: Int32Array,
  feasibleCount: number,
  alive: Uint8Array,
  rules: readonly RankRule[],
  steps: StrategyStep[],
): number[] {
  let survivors: number[] = [];
  for (let k = 0; k < feasibleCount; k++) if (alive[feasible[k]!] === 1) survivors.push(feasible[k]!);
  for (const rule of rules) {
    if (survivors.length === 0) break;
    const keys = survivors.map((c) => rule.key(candidates[c]!));
    let min = Number.POSITIVE_INFINITY;
    for (const key of keys) min = Math.min(min, key);
    steps.push({
      strategy: rule.strategy,
      ranking: survivors.map((c, n) => ({
        containerInstanceArn: candidates[c]!.arn,
        key: rule.describe(candidates[c]!),
        score: keys[n]!,
        kept: keys[n] === min,
      })),
    });
    survivors = survivors.filter((_, n) => keys[n] === min);
  }
  return survivors;
}
