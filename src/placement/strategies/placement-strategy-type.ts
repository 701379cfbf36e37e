/**
 * A placement strategy type (binpack, spread, random), as one file defines it and the
 * strategy registry (registry.ts) lists it: which `field` values it takes, for request
 * validation, and the ranking rule it gives a call, with the explanation of its keys.
 */
import type { ClusterModel } from '../../cluster/cluster-model.js';
import type { PlacementStrategy } from '../../kernel/ecs-types.js';
import type { RankRule } from '../rank-rules.js';

/** What a strategy may know about the call when it builds its rule. */
export interface StrategyCall {
  readonly model: ClusterModel;
  /** The task group of the call (spread counts the group's tasks). */
  readonly group: string;
}

export interface PlacementStrategyType {
  /** The strategy's `type` in requests. */
  readonly type: string;
  /**
   * Why `field` is not accepted, in words for the InvalidParameterException ("binpack
   * needs the field cpu or memory"); undefined when it is.
   */
  fieldProblem(field: string | undefined): string | undefined;
  /**
   * The ranking rule of one strategy of the call (lower keys are better; see RankRule),
   * `undefined` for a field it does not rank by (request validation refuses those first).
   */
  rank(strategy: PlacementStrategy, call: StrategyCall): RankRule | undefined;
  /**
   * The strategy leaves every remaining candidate tied (random): the ranking stops there,
   * since no later rule could matter, and the seeded tie-break chooses.
   */
  readonly endsRanking?: boolean;
}
