/**
 * What compiling an expression produces: a predicate on instance views plus an explainer
 * that names the comparisons responsible for a `false`.
 */
import type { InstanceView } from '../kernel/instance-view.js';
import type { FailingComparison } from './failing-comparison.js';

export interface CompiledExpression {
  /** The expression text as given. */
  readonly source: string;
  /** Whether the instance satisfies the expression: closures only, no parsing or AST walk. */
  matches(view: InstanceView): boolean;
  /**
   * For an instance on which the expression is false, the comparisons that made it false:
   * under `and` the false operands, under `or` all of them, under `not` the true ones
   * (recursively); `[]` when the expression holds.
   */
  explain(view: InstanceView): FailingComparison[];
}
