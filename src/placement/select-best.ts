/**
 * Lexicographic selection over the feasible candidates: the candidates tied for best under
 * every rule, in candidate order. Two implementations with identical results: a single
 * allocation-free pass for runTask, and a rule-by-rule filter that records the ranking
 * for the explanation.
 */
import type { InstanceState } from '../cluster/instance-state.js';
import type { StrategyStep } from './explanation.js';
import type { RankRule } from './rank-rules.js';
import type { RuleColumns } from './rule-columns.js';

/**
 * Fills `ties` with the feasible indexes `k` (into `feasible`) of the best candidates whose
 * `alive[feasible[k]]` is still set, and returns how many. `best` is scratch space of at
 * least `columns.count` entries.
 */
export function selectBestInOnePass(
  feasible: Int32Array,
  feasibleCount: number,
  alive: Uint8Array,
  columns: RuleColumns,
  ties: Int32Array,
  best: Float64Array,
): number {
  const { count: ruleCount, isBucket, values, buckets, loads } = columns;
  let tied = 0;
  for (let k = 0; k < feasibleCount; k++) {
    if (alive[feasible[k]!] === 0) continue;
    let r = 0;
    let order = 0;
    if (tied > 0) {
      for (; r < ruleCount; r++) {
        const key = isBucket[r] === 1 ? loads[r]![buckets[r]![k]!]! : values[r]![k]!;
        const current = best[r]!;
        if (key < current) {
          order = -1;
          best[r] = key;
          r++;
          break;
        }
        if (key > current) {
          order = 1;
          break;
        }
      }
      if (order > 0) continue;
    } else {
      order = -1;
    }
    if (order < 0) {
      for (; r < ruleCount; r++)
        best[r] = isBucket[r] === 1 ? loads[r]![buckets[r]![k]!]! : values[r]![k]!;
      tied = 0;
    }
    ties[tied++] = k;
  }
  return tied;
}

/** The same selection, rule by rule, recording every rule's ranking; returns feasible indexes. */
export function selectBestTraced(
  candidates: readonly InstanceState[],
  feasible: Int32Array,
  feasibleCount: number,
  alive: Uint8Array,
  rules: readonly RankRule[],
  steps: StrategyStep[],
): number[] {
  let survivors: number[] = [];
  for (let k = 0; k < feasibleCount; k++) if (alive[feasible[k]!] === 1) survivors.push(k);
  for (const rule of rules) {
    if (survivors.length === 0) break;
    const keys = survivors.map((k) => rule.key(candidates[feasible[k]!]!));
    let min = Number.POSITIVE_INFINITY;
    for (const key of keys) min = Math.min(min, key);
    steps.push({
      strategy: rule.strategy,
      ranking: survivors.map((k, n) => ({
        containerInstanceArn: candidates[feasible[k]!]!.arn,
        key: rule.describe(candidates[feasible[k]!]!),
        score: keys[n]!,
        kept: keys[n] === min,
      })),
    });
    survivors = survivors.filter((_, n) => keys[n] === min);
  }
  return survivors;
}
