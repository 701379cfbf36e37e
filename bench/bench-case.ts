/** One benchmark case; bench/run.ts times it with tinybench and records median and p99. */
export interface BenchCase {
  /** Stable name: the key in bench/baseline.json. */
  name: string;
  /** How many operations one call of `fn` performs; fast operations are batched. */
  opsPerCall: number;
  /** Unit of one operation, for the report ("parse", "instance", "RunTask", "task"). */
  unit: string;
  fn: () => void;
  /** Time budget in ms for slow cases (default 1000; warm-up is a fifth of it). */
  timeMs?: number;
  /** Run before warm-up and before timing, e.g. to reset a cluster (not timed). */
  beforeAll?: () => void;
}
