import type { FailingComparison } from '../../cql/failing-comparison.js';
import type { InstanceView, InstanceViewTable } from '../../kernel/instance-view.js';
import { defineCheck, keyOf } from './placement-check.js';

/** The part of a compiled CQL expression placement uses (src/cql's CompiledExpression). */
export interface InstancePredicate {
  matches(view: InstanceView): boolean;
  explain(view: InstanceView): FailingComparison[];
  /** Optional: `matches` over many rows of a table at once (CompiledExpression.filter). */
  filter?(table: InstanceViewTable, rows: Int32Array, count: number): number;
}

/** One memberOf constraint of the call: its text and its compiled predicate. */
export interface MemberOfConstraint {
  readonly expression: string;
  readonly predicate: InstancePredicate;
}

/**
 * memberOf: the instance must satisfy the constraint's expression. Several constraints are
 * several entries of the chain (one per constraint), all must hold. The explanation quotes
 * the comparisons that made the expression false (the compiled expression's own `explain`).
 */
export const memberOfCheck = defineCheck<MemberOfConstraint>({
  name: 'MemberOf',
  reason: 'MemberOf placement constraint unsatisfied.',
  order: 100,
  each: (call) => call.constraints.memberOf,
  memoKey: (call) => keyOf(call.constraints.memberOf, (m) => m.expression),
  passes: (instance, _needs, _ctx, constraint) => constraint.predicate.matches(instance.view),
  filter(model, rows, count, _needs, _ctx, { predicate }) {
    if (predicate.filter) return predicate.filter(model.viewTable, rows, count);
    const { instances } = model;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      if (predicate.matches(instances[row]!.view)) rows[kept++] = row;
    }
    return kept;
  },
  explain(instance, _needs, _ctx, { expression, predicate }) {
    const failing = predicate.explain(instance.view);
    const shown = failing.map((f) => `${f.text} (observed ${f.observed ?? 'nothing'})`);
    return {
      detail: `\`${expression}\` is false${shown.length > 0 ? `: ${shown.join('; ')}` : ''}`,
      expression,
      failing,
    };
  },
  label: (failure) => `MemberOf (\`${failure.expression ?? ''}\`)`,
});
