/**
 * What compiling an expression produces: a predicate on instance views plus an explainer
 * that names the comparisons responsible for a `false`.
 */
import type { InstanceView, InstanceViewTable } from '../kernel/instance-view.js';
import type { FailingComparison } from './failing-comparison.js';

export interface CompiledExpression {
  /** The expression text as given. */
  readonly source: string;
  /** Whether the instance satisfies the expression: closures only, no parsing or AST walk. */
  matches(view: InstanceView): boolean;
  /**
   * The expression over many instances at once: narrows `rows[0 .. count)` (rows of
   * `table`) to those whose view it matches, keeping their order, and returns how many
   * those are. Agrees with `matches` on every row; faster over many rows, since comparisons
   * on the table's columns (attributes, runningTasksCount, agentConnected) read arrays
   * instead of visiting views, and an attribute comparison is decided once per distinct value.
   */
  filter(table: InstanceViewTable, rows: Int32Array, count: number): number;
  /**
   * For an instance on which the expression is false, the comparisons that made it false:
   * under `and` the false operands, under `or` all of them, under `not` the true ones
   * (recursively); `[]` when the expression holds.
   */
  explain(view: InstanceView): FailingComparison[];
}
