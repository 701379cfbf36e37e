import type { InstanceState } from '../../cluster/instance-state.js';
import type { TaskNeeds } from '../task-needs.js';
import { agentCheck } from './agent-check.js';
import { attributeCheck } from './attribute-check.js';
import type { CheckList } from './check-chain.js';
import { type MemberOfConstraint, memberOfCheck } from './member-of-check.js';
import type { CheckContext } from './placement-check.js';
import { cpuCheck, memoryCheck } from './resource-checks.js';

/** No check failed: the instance is feasible. */
export const FEASIBLE = 255;

/**
 * The index in `list` of the first check the instance fails, FEASIBLE when none does.
 * The common checks are called at call sites of their own: one `checks[k].passes` site that
 * sees every kind of check is megamorphic and V8 cannot inline it, which cost ~13% of a
 * call evaluating every candidate. Each check still decides with its own `passes`.
 */
export function firstFailing(
  list: CheckList,
  instance: InstanceState,
  needs: TaskNeeds,
  ctx: CheckContext,
): number {
  const { checks, states } = list;
  for (let k = 0; k < checks.length; k++) {
    const check = checks[k]!;
    let passes: boolean;
    switch (check) {
      case agentCheck:
        passes = agentCheck.passes(instance, needs, ctx, undefined);
        break;
      case attributeCheck:
        passes = attributeCheck.passes(
          instance,
          needs,
          ctx,
          states[k] as Parameters<typeof attributeCheck.passes>[3],
        );
        break;
      case cpuCheck:
        passes = cpuCheck.passes(instance, needs, ctx, undefined);
        break;
      case memoryCheck:
        passes = memoryCheck.passes(instance, needs, ctx, undefined);
        break;
      case memberOfCheck:
        passes = memberOfCheck.passes(instance, needs, ctx, states[k] as MemberOfConstraint);
        break;
      default:
        passes = check.passes(instance, needs, ctx, states[k]);
    }
    if (!passes) return k;
  }
  return FEASIBLE;
}
