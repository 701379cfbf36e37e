import { InvalidParameterException } from '../kernel/errors.js';
import type { CapacityProviderStrategyItem } from '../kernel/ecs-types.js';

/** How many of a call's tasks one capacity provider of the strategy takes. */
export interface CapacityProviderShare {
  capacityProvider: string;
  count: number;
}

/**
 * Splits `count` tasks over a capacity-provider strategy (docs/capacity.md, section 2).
 *
 * 1. The provider with a base takes the first min(count, base) tasks.
 * 2. Every further task goes to the provider with weight > 0 whose (assigned + 1) / weight is
 *    smallest, where "assigned" counts only tasks given after the base; a tie goes to the
 *    provider listed first. This is the D'Hondt (highest averages) rule, so the shares follow
 *    the weights as closely as whole tasks allow and never shrink as `count` grows.
 * 3. A strategy of one provider with weight 0 gives that provider every task.
 *
 * The result has one entry per strategy item, in strategy order, zero counts included, so
 * callers can zip it with the strategy. The strategy is assumed to have passed
 * `validateCapacityProviderStrategy`; only what the split itself needs is re-checked.
 */
export function splitByCapacityProvider(
  strategy: readonly CapacityProviderStrategyItem[],
  count: number,
): CapacityProviderShare[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InvalidParameterException(`Task count must be a non-negative integer, got ${count}.`);
  }
  const weights = strategy.map((item) => checkedInteger(item, 'weight'));
  const bases = strategy.map((item) => checkedInteger(item, 'base'));
  const counts = strategy.map(() => 0);
  if (count === 0) return shares(strategy, counts);
  if (strategy.length === 0) {
    throw new InvalidParameterException('An empty capacity provider strategy cannot take tasks.');
  }

  const baseIndexes = bases.flatMap((base, i) => (base > 0 ? [i] : []));
  if (baseIndexes.length > 1) {
    throw new InvalidParameterException(
      'Only one capacity provider in a capacity provider strategy can have a base greater than 0.',
    );
  }
  let remaining = count;
  const baseIndex = baseIndexes[0];
  if (baseIndex !== undefined) {
    const baseTasks = Math.min(remaining, bases[baseIndex]!);
    counts[baseIndex] = baseTasks;
    remaining -= baseTasks;
  }
  if (remaining === 0) return shares(strategy, counts);

  const weighted = weights.flatMap((weight, i) => (weight > 0 ? [i] : []));
  if (weighted.length === 0) {
    if (strategy.length > 1) {
      throw new InvalidParameterException(
        'When several capacity providers are given, at least one must have a weight greater than 0.',
      );
    }
    counts[0]! += remaining;
    return shares(strategy, counts);
  }

  const afterBase = apportion(
    weighted.map((i) => weights[i]!),
    remaining,
  );
  weighted.forEach((strategyIndex, k) => {
    counts[strategyIndex]! += afterBase[k]!;
  });
  return shares(strategy, counts);
}

/**
 * D'Hondt apportionment of `total` tasks over positive weights, ties to the lower index.
 * Every D'Hondt result gives each provider at least floor(total * weight / sum) tasks (the
 * "lower quota"), so we start there and hand out the few tasks left (fewer than the number
 * of providers) one by one; this equals running the one-task-at-a-time rule from zero, but
 * costs O(providers^2) instead of O(total * providers).
 */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const assigned = weights.map((w) => floorMulDiv(total, w, sum));
  let left = total - assigned.reduce((a, b) => a + b, 0);
  while (left > 0) {
    let best = 0;
    for (let i = 1; i < weights.length; i++) {
      // (assigned_i + 1) / w_i < (assigned_best + 1) / w_best, compared without division.
      if ((assigned[i]! + 1) * weights[best]! < (assigned[best]! + 1) * weights[i]!) best = i;
    }
    assigned[best]! += 1;
    left -= 1;
  }
  return assigned;
}

/** floor(a * b / c) for non-negative integers, exact even when a * b passes 2^53. */
function floorMulDiv(a: number, b: number, c: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(product)) return Number((BigInt(a) * BigInt(b)) / BigInt(c));
  // Float division may round up to the next integer; step back when it did.
  let q = Math.floor(product / c);
  if (q * c > product) q -= 1;
  return q;
}

function checkedInteger(item: CapacityProviderStrategyItem, field: 'base' | 'weight'): number {
  const value = item[field] ?? 0;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidParameterException(
      `Capacity provider '${item.capacityProvider}' has ${field} ${value}; ${field} must be a ` +
        'non-negative integer.',
    );
  }
  return value;
}

function shares(
  strategy: readonly CapacityProviderStrategyItem[],
  counts: readonly number[],
): CapacityProviderShare[] {
  return strategy.map((item, i) => ({
    capacityProvider: item.capacityProvider,
    count: counts[i]!,
  }));
}
