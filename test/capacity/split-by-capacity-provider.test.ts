import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterException } from '../../src/kernel/errors.js';
import type { CapacityProviderStrategyItem } from '../../src/kernel/ecs-types.js';
import { splitByCapacityProvider } from '../../src/capacity/split-by-capacity-provider.js';
import { item } from './fixtures.js';

/** The rule of docs/capacity.md (section 2, base and weight) applied literally, one task at a time. */
function referenceSplit(strategy: readonly CapacityProviderStrategyItem[], n: number): number[] {
  const counts = strategy.map(() => 0);
  const afterBase = strategy.map(() => 0);
  let left = n;
  const baseIndex = strategy.findIndex((s) => (s.base ?? 0) > 0);
  if (baseIndex >= 0) {
    const b = Math.min(left, strategy[baseIndex]!.base!);
    counts[baseIndex] = b;
    left -= b;
  }
  const weighted = strategy.flatMap((s, i) => ((s.weight ?? 0) > 0 ? [i] : []));
  for (; left > 0; left--) {
    if (weighted.length === 0) {
      counts[0]! += 1;
      continue;
    }
    let best = -1;
    let bestValue = Number.POSITIVE_INFINITY;
    for (const i of weighted) {
      const value = (afterBase[i]! + 1) / strategy[i]!.weight!;
      if (value < bestValue) {
        bestValue = value;
        best = i;
      }
    }
    counts[best]! += 1;
    afterBase[best]! += 1;
  }
  return counts;
}

const counts = (strategy: CapacityProviderStrategyItem[], n: number) =>
  splitByCapacityProvider(strategy, n).map((s) => s.count);

describe('splitByCapacityProvider: worked examples', () => {
  it.each([
    ['1:4 over 5', [item('A', 1), item('B', 4)], 5, [1, 4]],
    ['1:4 over 10', [item('A', 1), item('B', 4)], 10, [2, 8]],
    ['1:1 over 3 (tie to the first)', [item('A', 1), item('B', 1)], 3, [2, 1]],
    ['base 2 with 1:1 over 5', [item('A', 1, 2), item('B', 1)], 5, [4, 1]],
    ['base on the second provider', [item('A', 1), item('B', 1, 2)], 5, [2, 3]],
    ['base larger than the count', [item('A', 1, 100), item('B', 1)], 10, [10, 0]],
    ['base provider with weight 0 takes only its base', [item('A', 0, 5), item('B', 1)], 8, [5, 3]],
    ['base provider with weight 0, count below base', [item('A', 0, 5), item('B', 1)], 3, [3, 0]],
    ['lone weight-0 provider takes all', [item('A', 0)], 7, [7]],
    ['lone provider, weight absent', [item('A')], 4, [4]],
    ['lone weight-0 provider with base', [item('A', 0, 3)], 5, [5]],
    ['2:1 over 2 (the tie at 1 goes to the first)', [item('A', 2), item('B', 1)], 2, [2, 0]],
    ['1:2 over 2 (the tie at 1 goes to the first)', [item('A', 1), item('B', 2)], 2, [1, 1]],
    ['1:1:1 over 4', [item('A', 1), item('B', 1), item('C', 1)], 4, [2, 1, 1]],
    [
      'weight-0 provider among others gets nothing',
      [item('A', 0), item('B', 3), item('C', 1)],
      4,
      [0, 3, 1],
    ],
    ['count 0', [item('A', 1), item('B', 4)], 0, [0, 0]],
    ['1000:1 over 10', [item('A', 1000), item('B', 1)], 10, [10, 0]],
    // D'Hondt favours the heaviest provider: 23 tasks where the exact share is 21.3. Each
    // small provider's first task (ratio 1/w >= 1/9) loses to the big one's 23/238.
    [
      'many light providers and one heavy one',
      [item('A', 3), item('B', 3), item('C', 1), item('D', 3), item('E', 238), item('F', 9)],
      23,
      [0, 0, 0, 0, 23, 0],
    ],
  ])('%s', (_name, strategy, n, expected) => {
    expect(counts(strategy, n)).toEqual(expected);
  });

  it('returns one entry per strategy item, in strategy order, zero counts kept', () => {
    expect(splitByCapacityProvider([item('x', 0), item('y', 2), item('z', 1)], 1)).toEqual([
      { capacityProvider: 'x', count: 0 },
      { capacityProvider: 'y', count: 1 },
      { capacityProvider: 'z', count: 0 },
    ]);
  });

  it('handles very large counts exactly and quickly', () => {
    expect(counts([item('A', 1), item('B', 4)], 5_000_000_000)).toEqual([
      1_000_000_000, 4_000_000_000,
    ]);
    expect(
      counts([item('A', 3), item('B', 7), item('C', 1)], 9_007_199_254_740_991).reduce(
        (a, b) => a + b,
      ),
    ).toBe(9_007_199_254_740_991);
  });

  it.each([
    ['negative count', [item('A', 1)], -1],
    ['fractional count', [item('A', 1)], 1.5],
    ['empty strategy with tasks', [], 1],
    ['several providers, all weight 0', [item('A', 0), item('B', 0)], 2],
    ['two bases', [item('A', 1, 1), item('B', 1, 1)], 2],
    ['negative weight', [item('A', -1), item('B', 1)], 2],
  ])('refuses %s', (_name, strategy, n) => {
    expect(() => splitByCapacityProvider(strategy, n)).toThrow(InvalidParameterException);
  });

  it('accepts an empty strategy with zero tasks', () => {
    expect(splitByCapacityProvider([], 0)).toEqual([]);
  });
});

/** Valid strategies: 1..6 providers, weights 0..1000 (some > 0 when several), at most one base. */
const strategyArb = fc
  .record({
    weights: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 6 }),
    base: fc.nat({ max: 30 }),
    basePick: fc.nat(),
    // Small weights make ties frequent, which is where order matters.
    small: fc.boolean(),
  })
  .map(({ weights, base, basePick, small }) => {
    const ws = small ? weights.map((w) => w % 4) : weights;
    if (ws.length > 1 && !ws.some((w) => w > 0)) ws[basePick % ws.length] = 1;
    const baseIndex = basePick % ws.length;
    return ws.map((w, i) => item(`p${i}`, w, i === baseIndex && base > 0 ? base : undefined));
  });

const countArb = fc.nat({ max: 300 });

describe('splitByCapacityProvider: properties', () => {
  it('counts sum to N and entries follow the strategy', () => {
    fc.assert(
      fc.property(strategyArb, countArb, (strategy, n) => {
        const split = splitByCapacityProvider(strategy, n);
        expect(split.map((s) => s.capacityProvider)).toEqual(
          strategy.map((s) => s.capacityProvider),
        );
        expect(split.reduce((sum, s) => sum + s.count, 0)).toBe(n);
        expect(split.every((s) => Number.isInteger(s.count) && s.count >= 0)).toBe(true);
      }),
    );
  });

  it('equals the one-task-at-a-time rule', () => {
    fc.assert(
      fc.property(strategyArb, countArb, (strategy, n) => {
        expect(counts(strategy, n)).toEqual(referenceSplit(strategy, n));
      }),
    );
  });

  it('honours the base first', () => {
    fc.assert(
      fc.property(strategyArb, countArb, (strategy, n) => {
        const i = strategy.findIndex((s) => (s.base ?? 0) > 0);
        fc.pre(i >= 0);
        const base = strategy[i]!.base!;
        const split = counts(strategy, n);
        expect(split[i]).toBeGreaterThanOrEqual(Math.min(n, base));
        // Until the base is met, nobody else gets anything.
        if (n <= base) expect(split.filter((_, k) => k !== i).every((c) => c === 0)).toBe(true);
      }),
    );
  });

  // "Within one task" in the pairwise sense: moving any single task between two providers
  // would not bring them closer to their weights. (D'Hondt may exceed a provider's exact
  // share by more than one task; see the heavy-provider example above.)
  it('follows the weights within one task after the base', () => {
    fc.assert(
      fc.property(strategyArb, countArb, (strategy, n) => {
        fc.pre(strategy.length > 1);
        const split = counts(strategy, n);
        const afterBase = split.map((c, i) => c - Math.min(c, strategy[i]!.base ?? 0));
        const weights = strategy.map((s) => s.weight ?? 0);
        const total = afterBase.reduce((a, b) => a + b, 0);
        const sum = weights.reduce((a, b) => a + b, 0);
        weights.forEach((wi, i) => {
          if (wi === 0) {
            expect(afterBase[i]).toBe(0);
            return;
          }
          // Never below its proportional share rounded down ...
          expect(afterBase[i]!).toBeGreaterThanOrEqual(Math.floor((total * wi) / sum));
          // ... and no single task could move from i to j to make the shares fairer.
          weights.forEach((wj, j) => {
            if (wj > 0) expect(afterBase[i]! * wj).toBeLessThanOrEqual((afterBase[j]! + 1) * wi);
          });
        });
        // Exact ratios when the tasks after the base are a multiple of the weight sum.
        if (total % sum === 0) {
          weights.forEach((w, i) => {
            expect(afterBase[i]).toBe((total / sum) * w);
          });
        }
      }),
    );
  });

  it('is monotone: more tasks never give a provider fewer', () => {
    fc.assert(
      fc.property(strategyArb, countArb, fc.integer({ min: 1, max: 20 }), (strategy, n, more) => {
        const before = counts(strategy, n);
        const after = counts(strategy, n + more);
        before.forEach((c, i) => {
          expect(after[i]!).toBeGreaterThanOrEqual(c);
        });
      }),
    );
  });

  it('uses provider order only to break ties', () => {
    fc.assert(
      fc.property(
        strategyArb.chain((s) =>
          fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length })),
        ),
        countArb,
        ([strategy, shuffled], n) => {
          const original = new Map(
            splitByCapacityProvider(strategy, n).map((s) => [s.capacityProvider, s.count]),
          );
          const permuted = new Map(
            splitByCapacityProvider(shuffled, n).map((s) => [s.capacityProvider, s.count]),
          );
          for (const [name, c] of original) {
            expect(Math.abs(permuted.get(name)! - c)).toBeLessThanOrEqual(1);
          }
          // Without a tie at the last task handed out, the order changes nothing.
          const weights = strategy.map((s) => s.weight ?? 0);
          const afterBase = strategy.map(
            (s) =>
              original.get(s.capacityProvider)! -
              Math.min(original.get(s.capacityProvider)!, s.base ?? 0),
          );
          const lastTaken = Math.max(
            ...afterBase.map((a, i) => (weights[i]! > 0 && a > 0 ? a / weights[i]! : 0)),
          );
          const nextFree = Math.min(
            ...afterBase.map((a, i) => (weights[i]! > 0 ? (a + 1) / weights[i]! : Infinity)),
          );
          if (lastTaken < nextFree) {
            expect(permuted).toEqual(original);
          }
        },
      ),
    );
  });
});
