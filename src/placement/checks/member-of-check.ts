import type { InstanceView } from '../../kernel/instance-view.js';
import type { FailingComparison } from '../explanation.js';
import { FAILURE_REASONS } from '../failure-reasons.js';
import type { PlacementCheck } from './placement-check.js';

/** The part of a compiled CQL expression placement uses (src/cql's CompiledExpression). */
export interface InstancePredicate {
  matches(view: InstanceView): boolean;
  explain(view: InstanceView): FailingComparison[];
}

/** One memberOf constraint; several constraints are several checks, all must hold. */
export function memberOfCheck(expression: string, predicate: InstancePredicate): PlacementCheck {
  const reason = FAILURE_REASONS.MemberOf;
  return {
    name: 'MemberOf',
    reason,
    passes: (instance) => predicate.matches(instance.view),
    check(instance) {
      if (predicate.matches(instance.view)) return undefined;
      const failing = predicate.explain(instance.view);
      const shown = failing.map((f) => `${f.text} (observed ${f.observed ?? 'nothing'})`);
      return {
        check: 'MemberOf',
        reason,
        detail: `\`${expression}\` is false${shown.length > 0 ? `: ${shown.join('; ')}` : ''}`,
        expression,
        failing,
      };
    },
  };
}
