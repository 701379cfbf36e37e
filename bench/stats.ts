/** Small statistics over samples (milliseconds or anything else). */

/** Nearest-rank percentile, `p` in [0, 100]. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export function mean(samples: readonly number[]): number {
  let sum = 0;
  for (const s of samples) sum += s;
  return samples.length === 0 ? Number.NaN : sum / samples.length;
}
