import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../grammar/ast.js';
import { compileExpression, parseExpression, printExpression } from '../../src/cql/index.js';
import { cqlExpressionArb, instanceViewArb } from '../../src/testing/cql-arbitraries.js';
import { referenceEvaluate } from './reference-interpreter.js';
import { runs } from '../support/runs.js';

/** The tree without source spans, for structural comparison. */
function withoutSpans(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSpans);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'start' && key !== 'end') out[key] = withoutSpans(value);
  }
  return out;
}

/** The comparisons of a tree with the number of `not`s above each. */
function comparisonsWithPolarity(
  node: Expression,
  nots = 0,
  out: { start: number; end: number; negated: boolean }[] = [],
) {
  if (node.kind === 'comparison')
    out.push({ start: node.start, end: node.end, negated: nots % 2 === 1 });
  else if (node.kind === 'not') comparisonsWithPolarity(node.operand, nots + 1, out);
  else for (const operand of node.operands) comparisonsWithPolarity(operand, nots, out);
  return out;
}

describe('CQL properties', () => {
  it('the compiled predicate agrees with the reference interpreter', () => {
    fc.assert(
      fc.property(
        cqlExpressionArb(),
        fc.array(instanceViewArb(), { minLength: 1, maxLength: 8 }),
        ({ ast, text }, views) => {
          const compiled = compileExpression(text);
          for (const view of views) {
            expect(compiled.matches(view)).toBe(referenceEvaluate(ast, view));
          }
        },
      ),
      // Each typed rule is a small share of the random comparisons: look a bit longer.
      { numRuns: runs(300) },
    );
  });

  it('generated texts parse to the generated tree', () => {
    fc.assert(
      fc.property(cqlExpressionArb(), ({ ast, text }) => {
        const parsed = parseExpression(text);
        expect(parsed.errors).toEqual([]);
        expect(withoutSpans(parsed.ast)).toEqual(withoutSpans(ast));
      }),
    );
  });

  it('printing then parsing gives back the same tree', () => {
    fc.assert(
      fc.property(cqlExpressionArb(), ({ text }) => {
        const first = parseExpression(text).ast!;
        const printed = printExpression(first);
        const again = parseExpression(printed);
        expect(again.errors).toEqual([]);
        expect(withoutSpans(again.ast)).toEqual(withoutSpans(first));
        // Canonical: printing is idempotent.
        expect(printExpression(again.ast!)).toBe(printed);
      }),
    );
  });

  it('explain() is empty exactly when the expression matches, and each reported comparison alone has the value that falsifies the expression', () => {
    fc.assert(
      fc.property(cqlExpressionArb(), instanceViewArb(), ({ text }, view) => {
        const compiled = compileExpression(text);
        const failing = compiled.explain(view);
        expect(failing.length === 0).toBe(compiled.matches(view));
        const comparisons = comparisonsWithPolarity(parseExpression(text).ast!);
        for (const reported of failing) {
          expect(reported.text).toBe(text.slice(reported.span.start, reported.span.end));
          const node = comparisons.find(
            (c) => c.start === reported.span.start && c.end === reported.span.end,
          );
          expect(node).toBeDefined();
          // Under an odd number of `not`s a comparison falsifies the whole by being true.
          expect(compileExpression(reported.text).matches(view)).toBe(node!.negated);
        }
      }),
    );
  });
});
