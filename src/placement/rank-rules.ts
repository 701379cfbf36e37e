/**
 * Placement strategies as ranking rules: each gives a candidate a key, lower is better.
 * A call applies them lexicographically (docs/placement.md, "Strategies"), then breaks the
 * remaining tie at random (the strategy types are in strategies/, listed by
 * strategies/registry.ts).
 */
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { InstanceState } from '../cluster/instance-state.js';
import type { PlacementStrategy } from '../kernel/ecs-types.js';
import { strategyType } from './strategies/registry.js';

export interface RankRule {
  readonly strategy: PlacementStrategy;
  /** The candidate's rank under this rule; lower is better. */
  key(instance: InstanceState): number;
  /**
   * `key` as a column by instance index, when the rule reads one of the model's columns
   * (binpack): the rule columns then fill without visiting the instances.
   */
  readonly keys?: Float64Array;
  /**
   * Bucket rules (spread on an attribute): the key is `load[bucketOf(instance)]`, and the
   * load array changes for every instance of a bucket at once. Other rules' keys change only
   * for the instance that receives a task.
   */
  readonly buckets?: {
    of(instance: InstanceState): number;
    load: Int32Array;
    /** `of` by instance index, when the rule has it as a column (read without the instance). */
    ids?: Int32Array;
  };
  /** What the key is about, for the explanation ("us-east-1a: 2 tasks", "1024 MiB left"). */
  describe(instance: InstanceState): string;
  /** Keeps incremental counts right after a task of the call lands on `instance`. */
  onPlaced(instance: InstanceState): void;
}

/**
 * The rules of a call in order. A strategy that ends the ranking (random) ends the list: it
 * leaves every remaining candidate tied, so later rules could never matter; so does a
 * strategy without a type. Unknown types and fields (refused earlier by request
 * validation) rank nothing.
 */
export function buildRankRules(
  strategies: readonly PlacementStrategy[],
  model: ClusterModel,
  group: string,
): RankRule[] {
  const rules: RankRule[] = [];
  for (const strategy of strategies) {
    if (strategy.type === undefined) break;
    const type = strategyType(strategy.type);
    if (type?.endsRanking) break;
    const rule = type?.rank(strategy, { model, group });
    if (rule) rules.push(rule);
  }
  return rules;
}
