/** DESIGN.md section 8, as limits on the median time per operation (nanoseconds). */
export const targetsNs: Readonly<Record<string, number>> = {
  'cql.parse': 5_000,
  'cql.predicate': 30,
  'runTask.reference.5k': 500_000,
  'runTask.reference.50k': 5_000_000,
  // 20,000 tasks/s sustained = 50 us per task.
  'runTask.sustained.5k': 50_000,
};

/** Derived figures: the engine's speed-up over the naive model must be >= 20x. */
export const speedups: readonly { name: string; slow: string; fast: string; min: number }[] = [
  {
    name: 'speedup.vs-reference-model.5k',
    slow: 'model.runTask.reference.5k',
    fast: 'runTask.reference.5k',
    min: 20,
  },
];

/** Heap after loading a 50,000-instance snapshot, MB. */
export const heapTargetMb = 300;
