import { describe, expect, it } from 'vitest';
import { benchViews, CQL_BENCH_EXPRESSION, cqlCases } from '../../bench/cql-cases.js';
import { compileExpression, parseExpression } from '../../src/cql/index.js';
import { referenceEvaluate } from '../cql/reference-interpreter.js';

describe('CQL bench cases', () => {
  it('define parse, compile, predicate and regex cases that run', () => {
    const cases = cqlCases();
    expect(cases.map((c) => [c.name, c.opsPerCall, c.unit])).toEqual([
      ['cql.parse', 100, 'parse'],
      ['cql.compile', 20, 'compile'],
      ['cql.predicate', 5000, 'instance'],
      ['cql.regex.distinct', 5000, 'value'],
    ]);
    for (const c of cases) expect(() => c.fn()).not.toThrow();
  });

  it('evaluate the reference expression (four comparisons, one regex) on varied views', () => {
    const ast = parseExpression(CQL_BENCH_EXPRESSION).ast!;
    const compiled = compileExpression(CQL_BENCH_EXPRESSION);
    const views = benchViews();
    const matched = views.filter((view) => compiled.matches(view));
    // Varied enough that the predicate is neither always true nor always false.
    expect(matched.length).toBeGreaterThan(views.length / 20);
    expect(matched.length).toBeLessThan(views.length / 2);
    for (const view of views) expect(compiled.matches(view)).toBe(referenceEvaluate(ast, view));
  });
});
