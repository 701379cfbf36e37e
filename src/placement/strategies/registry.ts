/**
 * The placement strategy types, in one list: request validation (which types and fields
 * exist) and the ranking both read it. To add a strategy, write its file (a
 * PlacementStrategyType) and put it in BUILT_IN_STRATEGIES; docs/ARCHITECTURE.md,
 * "How to add a strategy", has the steps. `registerStrategy` adds one at run time (tests,
 * experiments) and returns the function that removes it again.
 */
import { binpackStrategy } from './binpack.js';
import type { PlacementStrategyType } from './placement-strategy-type.js';
import { randomStrategy } from './random.js';
import { spreadStrategy } from './spread.js';

/** In the order error messages list them ("random, spread or binpack"). */
export const BUILT_IN_STRATEGIES: readonly PlacementStrategyType[] = [
  randomStrategy,
  spreadStrategy,
  binpackStrategy,
];

let strategies: readonly PlacementStrategyType[] = BUILT_IN_STRATEGIES;

/** The registered strategy types, built-in ones first. */
export function registeredStrategies(): readonly PlacementStrategyType[] {
  return strategies;
}

/** The strategy type named `type`, if one is registered. */
export function strategyType(type: string | undefined): PlacementStrategyType | undefined {
  return strategies.find((s) => s.type === type);
}

/** Adds a strategy type from now on; returns the function that removes it. Its type must be new. */
export function registerStrategy(strategy: PlacementStrategyType): () => void {
  if (strategyType(strategy.type)) {
    throw new Error(`A placement strategy of type ${strategy.type} is registered already.`);
  }
  strategies = [...strategies, strategy];
  return () => {
    strategies = strategies.filter((s) => s !== strategy);
  };
}
