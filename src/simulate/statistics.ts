/** Small statistics of the simulation: min / median / max / mean of a list of numbers. */

export interface Distribution {
  min: number;
  median: number;
  max: number;
  mean: number;
}

/** The distribution of `values` (all 0 for an empty list). The median of an even list is the mean of its middle two. */
export function distributionOf(values: readonly number[]): Distribution {
  if (values.length === 0) return { min: 0, median: 0, max: 0, mean: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    min: sorted[0]!,
    median,
    max: sorted[sorted.length - 1]!,
    mean: Math.round((sum / sorted.length) * 1000) / 1000,
  };
}
