import type { InstanceState } from '../../cluster/instance-state.js';
import type { TaskNeeds } from '../task-needs.js';
import { agentCheck } from './agent-check.js';
import { attributeCheck } from './attribute-check.js';
import type { CheckContext, PlacementCheck } from './placement-check.js';
import { cpuCheck, memoryCheck } from './resource-checks.js';

/** No check failed: the instance is feasible. */
export const FEASIBLE = 255;

/**
 * The index in `chain` of the first check the instance fails, FEASIBLE when none does.
 * The common checks are called at call sites of their own: one `chain[k].passes` site that
 * sees every kind of check is megamorphic and V8 cannot inline it, which cost ~13% of a
 * call evaluating every candidate. Each check still decides with its own `passes`.
 */
export function firstFailing(
  chain: readonly PlacementCheck[],
  instance: InstanceState,
  needs: TaskNeeds,
  ctx: CheckContext,
): number {
  for (let k = 0; k < chain.length; k++) {
    const check = chain[k]!;
    let passes: boolean;
    switch (check) {
      case agentCheck:
        passes = agentCheck.passes(instance, needs, ctx);
        break;
      case attributeCheck:
        passes = attributeCheck.passes(instance, needs, ctx);
        break;
      case cpuCheck:
        passes = cpuCheck.passes(instance, needs, ctx);
        break;
      case memoryCheck:
        passes = memoryCheck.passes(instance, needs, ctx);
        break;
      default:
        passes = check.passes(instance, needs, ctx);
    }
    if (!passes) return k;
  }
  return FEASIBLE;
}
