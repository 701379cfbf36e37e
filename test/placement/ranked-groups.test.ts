// RankedGroups (src/placement/ranked-groups.ts) must give exactly the ties of the one-pass
// scan, task after task, whatever the keys do after a placement: the chosen candidate's
// value keys get better, stay or get worse, it may become infeasible, and its bucket's load
// grows. Small key ranges make ties (inside a group and across groups) common.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RankedGroups, rankedGroupsFit } from '../../src/placement/ranked-groups.js';
import type { RuleColumns } from '../../src/placement/rule-columns.js';
import { selectBestInOnePass } from '../../src/placement/select-best.js';

interface Scenario {
  bucketed: boolean;
  buckets: number;
  valueRules: number;
  /** Per candidate: feasible at the start, bucket id, one key per value rule. */
  candidates: { feasible: boolean; bucket: number; keys: number[] }[];
  loads: number[];
  /** Per task: which of the ties is chosen, how its keys move, whether it stays feasible. */
  steps: { pick: number; delta: number[]; staysFeasible: boolean }[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    bucketed: fc.boolean(),
    buckets: fc.integer({ min: 1, max: 4 }),
    valueRules: fc.integer({ min: 0, max: 3 }),
  })
  .chain(({ bucketed, buckets, valueRules }) =>
    fc.record({
      bucketed: fc.constant(bucketed),
      buckets: fc.constant(buckets),
      valueRules: fc.constant(valueRules),
      candidates: fc.array(
        fc.record({
          feasible: fc.boolean(),
          bucket: fc.integer({ min: 0, max: buckets - 1 }),
          keys: fc.array(fc.integer({ min: 0, max: 2 }), {
            minLength: valueRules,
            maxLength: valueRules,
          }),
        }),
        { maxLength: 30 },
      ),
      loads: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: buckets, maxLength: buckets }),
      steps: fc.array(
        fc.record({
          pick: fc.nat(),
          delta: fc.array(fc.integer({ min: -1, max: 1 }), {
            minLength: valueRules,
            maxLength: valueRules,
          }),
          staysFeasible: fc.boolean(),
        }),
        { maxLength: 25 },
      ),
    }),
  );

/** The scenario's rule columns over its feasible candidates, and the candidate arrays. */
function setUp(s: Scenario) {
  const feasible = new Int32Array(s.candidates.length);
  const alive = new Uint8Array(s.candidates.length);
  let feasibleCount = 0;
  s.candidates.forEach((candidate, c) => {
    if (!candidate.feasible) return;
    feasible[feasibleCount++] = c;
    alive[c] = 1;
  });
  const count = (s.bucketed ? 1 : 0) + s.valueRules;
  const columns: RuleColumns = {
    count,
    isBucket: new Uint8Array(count),
    values: [],
    buckets: [],
    loads: [],
  };
  const load = Int32Array.from(s.loads);
  if (s.bucketed) {
    columns.isBucket[0] = 1;
    columns.values.push(new Float64Array(0));
    columns.buckets.push(
      Int32Array.from({ length: feasibleCount }, (_, k) => s.candidates[feasible[k]!]!.bucket),
    );
    columns.loads.push(load);
  }
  for (let r = 0; r < s.valueRules; r++) {
    columns.values.push(
      Float64Array.from({ length: feasibleCount }, (_, k) => s.candidates[feasible[k]!]!.keys[r]!),
    );
    columns.buckets.push(new Int32Array(0));
    columns.loads.push(new Int32Array(0));
  }
  return { feasible, alive, feasibleCount, columns, load };
}

describe('RankedGroups', () => {
  test('gives the ties of the one-pass scan after every placement', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { feasible, alive, feasibleCount, columns, load } = setUp(s);
        expect(rankedGroupsFit(columns)).toBe(true);
        const ranked = new RankedGroups();
        ranked.build(columns, feasible, feasibleCount, alive);
        const expected = new Int32Array(feasibleCount + 1);
        const best = new Float64Array(columns.count);
        for (const step of s.steps) {
          const want = selectBestInOnePass(feasible, feasibleCount, alive, columns, expected, best);
          const got = ranked.select();
          const ties = Array.from({ length: got }, (_, n) => ranked.tieAt(n));
          expect(ties).toEqual([...expected.subarray(0, want)]);
          if (want === 0) break;
          const k = expected[step.pick % want]!;
          ranked.beforePlacing(k);
          if (s.bucketed) load[columns.buckets[0]![k]!]!++;
          for (let r = 0; r < s.valueRules; r++) {
            columns.values[(s.bucketed ? 1 : 0) + r]![k]! += step.delta[r]!;
          }
          if (!step.staysFeasible) alive[feasible[k]!] = 0;
          ranked.afterPlacing(k);
        }
      }),
    );
  });

  test('takes only a first bucket rule: a bucket rule after another rule goes to the scan', () => {
    const columns = (isBucket: number[]): RuleColumns => ({
      count: isBucket.length,
      isBucket: Uint8Array.from(isBucket),
      values: [],
      buckets: [],
      loads: [],
    });
    expect(rankedGroupsFit(columns([]))).toBe(true);
    expect(rankedGroupsFit(columns([1, 0, 0]))).toBe(true);
    expect(rankedGroupsFit(columns([0, 0]))).toBe(true);
    expect(rankedGroupsFit(columns([0, 1]))).toBe(false);
    expect(rankedGroupsFit(columns([1, 1]))).toBe(false);
  });
});
