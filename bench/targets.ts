/**
 * The performance targets the bench reports as met or MISSED: the project's first targets
 * (round 1) and the tighter second round (round 2). A target reads one measure: a case's
 * median per operation (nanoseconds) or a figure of bench/run.ts (its unit in its name:
 * `.ms`, `.mb`, or a ratio). Each names the command that reproduces it.
 */
export interface Target {
  round: 1 | 2;
  /** The target as the report's table words it. */
  label: string;
  /** A case name (median ns per operation) or a figure name. */
  measure: string;
  unit: 'ns' | 'ms' | 'MB' | 'x';
  /** Met when the value is <= max (or >= min). */
  max?: number;
  min?: number;
  /** A further, optional goal shown beside the result ("moonshot"), never counted as missed. */
  stretch?: number;
  /** The `npm run bench` arguments that measure it. */
  reproduce: string;
}

const bench = (filter: string) => `npm run bench -- --filter ${filter}`;

export const targets: readonly Target[] = [
  {
    round: 1,
    label: 'parse a ~100-character CQL expression',
    measure: 'cql.parse',
    unit: 'ns',
    max: 5_000,
    reproduce: bench('cql.parse'),
  },
  {
    round: 1,
    label: 'compiled CQL predicate, per instance',
    measure: 'cql.predicate',
    unit: 'ns',
    max: 30,
    reproduce: bench('cql.predicate'),
  },
  {
    round: 1,
    label: 'RunTask count 10, steady state, 5,000 instances',
    measure: 'runTask.reference.5k',
    unit: 'ns',
    max: 500_000,
    reproduce: bench('runTask.reference.5k'),
  },
  {
    round: 1,
    label: 'RunTask count 10, steady state, 50,000 instances',
    measure: 'runTask.reference.50k',
    unit: 'ns',
    max: 5_000_000,
    reproduce: bench('runTask.reference.50k'),
  },
  {
    round: 1,
    label: '>= 20,000 tasks/s sustained on 5,000 instances (time per task)',
    measure: 'runTask.sustained.5k',
    unit: 'ns',
    max: 50_000,
    reproduce: bench('runTask.sustained.5k'),
  },
  {
    round: 1,
    label: 'speed-up over the naive model, 5,000 instances',
    measure: 'speedup.vs-reference-model.5k',
    unit: 'x',
    min: 20,
    reproduce: bench('reference.5k'),
  },
  {
    round: 1,
    label: 'heap of a loaded 50,000-instance cluster',
    measure: 'heap.50k.mb',
    unit: 'MB',
    max: 300,
    reproduce: bench('heap.50k'),
  },
  {
    round: 2,
    label: 'RunTask count 10, steady state, 5,000 instances',
    measure: 'runTask.reference.5k',
    unit: 'ns',
    max: 150_000,
    reproduce: bench('runTask.reference.5k'),
  },
  {
    round: 2,
    label: 'same, as a multiple of the typed-array floor (same run)',
    measure: 'ratio.vs-floor.5k',
    unit: 'x',
    max: 2,
    reproduce: bench('reference.5k'),
  },
  {
    round: 2,
    label: 'RunTask count 10, steady state, 50,000 instances',
    measure: 'runTask.reference.50k',
    unit: 'ns',
    max: 1_500_000,
    stretch: 500_000,
    reproduce: bench('runTask.reference.50k'),
  },
  {
    round: 2,
    label: 'fresh process: mean over calls 1-300 / steady-state median of the same run',
    measure: 'fresh.5k.mean-over-steady',
    unit: 'x',
    max: 1.5,
    reproduce: bench('fresh'),
  },
  {
    round: 2,
    label: 'first call of a new kind, 5,000 instances',
    measure: 'runTask.first-call.5k',
    unit: 'ns',
    max: 500_000,
    reproduce: bench('runTask.first-call.5k'),
  },
  {
    round: 2,
    label: 'first call of a new kind, 50,000 instances',
    measure: 'runTask.first-call.50k',
    unit: 'ns',
    max: 5_000_000,
    reproduce: bench('runTask.first-call.50k'),
  },
  {
    round: 2,
    label: 'Cluster.fromSnapshot on a parsed 50,000-instance snapshot (model built)',
    measure: 'fromSnapshot.50k.ms',
    unit: 'ms',
    max: 500,
    reproduce: bench('heap.50k'),
  },
  {
    round: 2,
    label: 'heap of a loaded 50,000-instance cluster',
    measure: 'heap.50k.mb',
    unit: 'MB',
    max: 150,
    reproduce: bench('heap.50k'),
  },
  {
    round: 2,
    label: '200,000 instances: Cluster.fromSnapshot on the parsed snapshot (model built)',
    measure: 'fromSnapshot.200k.ms',
    unit: 'ms',
    max: 2_500,
    reproduce: bench('200k'),
  },
  {
    round: 2,
    label: '200,000 instances: heap of the loaded cluster',
    measure: 'heap.200k.mb',
    unit: 'MB',
    max: 600,
    reproduce: bench('200k'),
  },
  {
    round: 2,
    label: '200,000 instances: RunTask count 10, median',
    measure: 'runTask.reference.200k.ms',
    unit: 'ms',
    max: 6,
    reproduce: bench('200k'),
  },
  {
    round: 2,
    label: '`ecs-placement --version`, wall, over `node -e 0` (medians)',
    measure: 'command.version.ratio',
    unit: 'x',
    max: 1.6,
    reproduce: bench('command'),
  },
  {
    round: 2,
    label: '`ecs-placement run-task` on the bundled example, wall, over `node -e 0` (medians)',
    measure: 'command.run-task.ratio',
    unit: 'x',
    max: 2.5,
    reproduce: bench('command'),
  },
];

/** Derived figures: `name` = median of case `numerator` / median of case `denominator`. */
export const ratios: readonly { name: string; numerator: string; denominator: string }[] = [
  {
    name: 'speedup.vs-reference-model.5k',
    numerator: 'model.runTask.reference.5k',
    denominator: 'runTask.reference.5k',
  },
  {
    name: 'ratio.vs-floor.5k',
    numerator: 'runTask.reference.5k',
    denominator: 'floor.reference.5k',
  },
  {
    name: 'ratio.vs-floor.50k',
    numerator: 'runTask.reference.50k',
    denominator: 'floor.reference.50k',
  },
  {
    // The call after a burst against the call that would keep nothing across it, both after
    // the same burst: what the incremental engine saves (docs/embedding.md, "Costs").
    name: 'ratio.after-events-vs-first-call.5k',
    numerator: 'runTask.after-1000-events.5k',
    denominator: 'runTask.first-call-after-1000-events.5k',
  },
];
