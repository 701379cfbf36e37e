import type { RankRule } from '../rank-rules.js';
import type { PlacementStrategyType } from './placement-strategy-type.js';

const FIELDS = ['cpu', 'memory'] as const;

/** binpack: the instance with the least of `field` (cpu or memory) left first. */
export const binpackStrategy: PlacementStrategyType = {
  type: 'binpack',
  fieldProblem: (field) =>
    (FIELDS as readonly unknown[]).includes(field)
      ? undefined
      : 'binpack needs the field cpu or memory',
  rank(strategy, { model }): RankRule | undefined {
    switch (strategy.field) {
      case 'cpu':
        return {
          strategy,
          key: (i) => i.cpu,
          keys: model.instanceColumns.cpu,
          describe: (i) => `${i.cpu} CPU units left`,
          onPlaced: () => {},
        };
      case 'memory':
        return {
          strategy,
          key: (i) => i.memory,
          keys: model.instanceColumns.memory,
          describe: (i) => `${i.memory} MiB left`,
          onPlaced: () => {},
        };
      default:
        return undefined;
    }
  },
};
