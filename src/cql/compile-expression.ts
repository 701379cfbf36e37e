/**
 * `compileExpression`: text -> CompiledExpression. The AST is turned once into a tree of
 * closures; `and`/`or` evaluate their cheaper operands first (every comparison is pure, so
 * the order changes the cost, never the result). The original tree is kept for `explain`.
 */
import type { Expression } from '../../grammar/ast.js';
import type { InstanceView } from '../kernel/instance-view.js';
import type { FailingComparison } from './failing-comparison.js';
import {
  type CompileContext,
  compileComparison,
  type Evaluator,
  type RowFilter,
} from './compile-comparison.js';
import type { CompiledExpression } from './compiled-expression.js';
import type { CqlError } from './errors.js';
import { type Observer, observerFor } from './observed-value.js';
import { parseExpression } from './parse-expression.js';

/**
 * Every node also has a RowFilter for evaluating it over many rows of a table at once
 * (CompiledExpression.filter), and `rowCost`, its rough cost per row there: a comparison
 * on a column of the table costs a typed-array read, anything else a visit to the row's view.
 */
type CompiledNode = { readonly filter: RowFilter; readonly rowCost: number } & (
  | {
      readonly kind: 'comparison';
      readonly evaluate: Evaluator;
      readonly cost: number;
      readonly text: string;
      readonly start: number;
      readonly end: number;
      readonly observe: Observer;
    }
  | {
      readonly kind: 'and' | 'or';
      readonly evaluate: Evaluator;
      readonly cost: number;
      readonly operands: readonly CompiledNode[];
    }
  | {
      readonly kind: 'not';
      readonly evaluate: Evaluator;
      readonly cost: number;
      readonly operand: CompiledNode;
    }
);

/** What visiting a row's view adds to a node's rowCost (several typed-array reads). */
const VIEW_VISIT = 10;

/** A node over many rows without columns: its evaluator on each row's view. */
function viewFilter(evaluate: Evaluator): RowFilter {
  return (table, rows, count) => {
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      if (evaluate(table.view(row))) rows[kept++] = row;
    }
    return kept;
  };
}

/** `and` over many rows: each operand narrows the rows the previous ones left. */
function allRows(filters: readonly RowFilter[]): RowFilter {
  if (filters.length === 1) return filters[0]!;
  return (table, rows, count) => {
    let left = count;
    for (let k = 0; k < filters.length && left > 0; k++) left = filters[k]!(table, rows, left);
    return left;
  };
}

// Fixed-arity closures for the common sizes: V8 inlines them better than a loop.
// Longer lists are split into groups of four, keeping the order (and the short-circuit).
function allOf(evaluators: readonly Evaluator[]): Evaluator {
  if (evaluators.length > 4) {
    const head = allOf(evaluators.slice(0, 4));
    const tail = allOf(evaluators.slice(4));
    return (v) => head(v) && tail(v);
  }
  const [a, b, c, d] = evaluators;
  if (evaluators.length === 1) return a!;
  if (evaluators.length === 2) return (v) => a!(v) && b!(v);
  if (evaluators.length === 3) return (v) => a!(v) && b!(v) && c!(v);
  if (evaluators.length === 4) return (v) => a!(v) && b!(v) && c!(v) && d!(v);
  return (v) => {
    for (const evaluate of evaluators) if (!evaluate(v)) return false;
    return true;
  };
}

function anyOf(evaluators: readonly Evaluator[]): Evaluator {
  if (evaluators.length > 4) {
    const head = anyOf(evaluators.slice(0, 4));
    const tail = anyOf(evaluators.slice(4));
    return (v) => head(v) || tail(v);
  }
  const [a, b, c, d] = evaluators;
  if (evaluators.length === 1) return a!;
  if (evaluators.length === 2) return (v) => a!(v) || b!(v);
  if (evaluators.length === 3) return (v) => a!(v) || b!(v) || c!(v);
  if (evaluators.length === 4) return (v) => a!(v) || b!(v) || c!(v) || d!(v);
  return (v) => {
    for (const evaluate of evaluators) if (evaluate(v)) return true;
    return false;
  };
}

function compileNode(node: Expression, context: CompileContext): CompiledNode {
  switch (node.kind) {
    case 'comparison': {
      const { evaluate, cost, filter } = compileComparison(node, context);
      return {
        kind: 'comparison',
        evaluate,
        cost,
        filter: filter ?? viewFilter(evaluate),
        rowCost: filter ? 1 : VIEW_VISIT + cost,
        text: context.text.slice(node.start, node.end),
        start: node.start,
        end: node.end,
        observe: observerFor(node.subject),
      };
    }
    case 'not': {
      const operand = compileNode(node.operand, context);
      const inner = operand.evaluate;
      const evaluate: Evaluator = (v) => !inner(v);
      const rowCost = VIEW_VISIT + operand.cost;
      return {
        kind: 'not',
        evaluate,
        cost: operand.cost,
        operand,
        filter: viewFilter(evaluate),
        rowCost,
      };
    }
    case 'and':
    case 'or': {
      const operands = node.operands.map((operand) => compileNode(operand, context));
      // Stable sort: equal-cost operands keep their written order.
      const cheapestFirst = [...operands].sort((x, y) => x.cost - y.cost).map((o) => o.evaluate);
      const evaluate = node.kind === 'and' ? allOf(cheapestFirst) : anyOf(cheapestFirst);
      const cost = operands.reduce((sum, o) => sum + o.cost, 0);
      if (node.kind === 'or') {
        const rowCost = VIEW_VISIT + cost;
        return { kind: node.kind, evaluate, cost, operands, filter: viewFilter(evaluate), rowCost };
      }
      // Over many rows, the operands that read columns first: they leave fewer rows to visit.
      const byRowCost = [...operands].sort((x, y) => x.rowCost - y.rowCost);
      const filter = allRows(byRowCost.map((o) => o.filter));
      const rowCost = operands.reduce((sum, o) => sum + o.rowCost, 0);
      return { kind: node.kind, evaluate, cost, operands, filter, rowCost };
    }
  }
}

/** Collects the comparisons that give `node` the value `value` on `view`. */
function responsible(
  node: CompiledNode,
  value: boolean,
  view: InstanceView,
  out: FailingComparison[],
): void {
  switch (node.kind) {
    case 'comparison':
      out.push({
        text: node.text,
        span: { start: node.start, end: node.end },
        observed: node.observe(view),
      });
      return;
    case 'not':
      responsible(node.operand, !value, view, out);
      return;
    default: {
      // A false `and` is due to its false operands; a false `or` to all of them (all are
      // false). Symmetrically for a true node under `not`.
      const decisive = (node.kind === 'and') !== value;
      for (const operand of node.operands) {
        if (!decisive || operand.evaluate(view) === value) responsible(operand, value, view, out);
      }
    }
  }
}

/**
 * Every problem of an expression: syntax first, then subject/operator pairings, literals
 * and regular expressions. Empty when the expression compiles.
 */
export function validateExpression(text: string): CqlError[] {
  return compileTree(text).errors;
}

function compileTree(text: string): { root: CompiledNode | undefined; errors: CqlError[] } {
  const parsed = parseExpression(text);
  if (parsed.ast === undefined) return { root: undefined, errors: [...parsed.errors] };
  const context: CompileContext = { text, errors: [] };
  const root = compileNode(parsed.ast, context);
  return { root, errors: context.errors };
}

// Compiled expressions are pure, so the same text is compiled once: callers send the same
// constraint again and again (RunTask validation, placement, filters). Bounded by clearing.
const compiled = new Map<string, CompiledExpression>();
const COMPILED_LIMIT = 512;

/** Compiles an expression; throws the first CqlError when it is not valid. */
export function compileExpression(text: string): CompiledExpression {
  const known = compiled.get(text);
  if (known !== undefined) return known;
  const fresh = compileFresh(text);
  if (compiled.size >= COMPILED_LIMIT) compiled.clear();
  compiled.set(text, fresh);
  return fresh;
}

function compileFresh(text: string): CompiledExpression {
  const { root, errors } = compileTree(text);
  const first = errors[0];
  if (first !== undefined || root === undefined) throw first;
  const matches = root.evaluate;
  return {
    source: text,
    matches,
    filter: root.filter,
    explain(view) {
      const out: FailingComparison[] = [];
      if (!matches(view)) responsible(root, false, view, out);
      return out;
    },
  };
}
