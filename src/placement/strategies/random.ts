import type { PlacementStrategyType } from './placement-strategy-type.js';

/**
 * random: every candidate left is as good as any other; the seeded tie-break chooses. The
 * field "is not used" (the API reference): any value is accepted and ignored.
 */
export const randomStrategy: PlacementStrategyType = {
  type: 'random',
  fieldProblem: () => undefined,
  rank: () => undefined,
  endsRanking: true,
};
