/**
 * `simulate(snapshot, scenario, { seeds })`: the scenario's steps run once per seed, each
 * seed on a fresh copy of the cluster, and the distribution of the outcomes (docs/what-if.md,
 * "Simulate"). Seeds run in this thread (`workers: 0`, the default) or on worker threads;
 * the answer is the same for the same seed list either way.
 */
import { validateSnapshot } from '../cluster/validate-snapshot.js';
import { InvalidParameterException } from '../kernel/errors.js';
import { countInto } from '../whatif/instance-inventory.js';
import { type SeedContext, type SeedResult, SeedRunner, type StepOutcome } from './run-seed.js';
import { parseScenario, type StepKind } from './scenario.js';
import { type Distribution, distributionOf } from './statistics.js';

/** The most seeds one simulation runs. */
export const MAX_SEEDS = 10_000;
/** The most worker threads. */
export const MAX_WORKERS = 64;

export interface SimulateOptions {
  /** How many seeds (`1` to `N`, as text), or the seeds themselves. */
  seeds: number | readonly string[];
  /** Worker threads; 0 (the default) runs every seed in this thread. */
  workers?: number;
  /** The clock of every call; default: now, read once. */
  now?: number | Date;
  /** Each seed's result, in seed order, as soon as it and those before it are done. */
  onSeed?: (result: SeedResult, done: number, total: number) => void;
}

export interface StepSummary {
  step: number;
  kind: StepKind;
  name?: string;
  placed: Distribution;
  failed: Distribution;
  provisioning: Distribution;
  stopped: Distribution;
  /** Seeds in which the step left at least one task unplaced. */
  seedsWithFailures: number;
  /** Failure reasons over all seeds: calls that reported each. */
  reasons: Record<string, number>;
}

export interface SimulationResult {
  seeds: number;
  workers: number;
  /** Seeds in which some task was not placed. */
  seedsWithFailures: number;
  placed: Distribution;
  failed: Distribution;
  steps: StepSummary[];
  /** The scenario's tasks still running at the end, per zone, over the seeds. */
  perAvailabilityZone: Record<string, Distribution>;
  /** Per seed the fewest, median and most scenario tasks on one ACTIVE instance; over the seeds. */
  perInstance: { min: Distribution; median: Distribution; max: Distribution };
  failureReasons: Record<string, number>;
  /** Each seed's totals, in seed order (the charts of the report). */
  perSeed: { seed: string; placed: number; failed: number }[];
}

export async function simulate(
  snapshot: unknown,
  scenario: unknown,
  options: SimulateOptions,
): Promise<SimulationResult> {
  const seeds = seedList(options.seeds);
  const workers = options.workers ?? 0;
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS) {
    throw new InvalidParameterException(
      `workers is a whole number from 0 to ${MAX_WORKERS}; got ${String(workers)}.`,
    );
  }
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  const context: SeedContext = {
    snapshot: validateSnapshot(snapshot),
    scenario: parseScenario(scenario),
    now,
  };
  const results: SeedResult[] = [];
  const deliver = (result: SeedResult) => {
    results.push(result);
    options.onSeed?.(result, results.length, seeds.length);
  };
  if (workers === 0) {
    const runner = new SeedRunner(context);
    for (const seed of seeds) deliver(runner.run(seed));
  } else {
    new SeedRunner(context); // the scenario's cluster exists: fail here, not in every worker
    const { runOnWorkers } = await import('./seed-pool.js');
    await runOnWorkers(context, seeds, Math.min(workers, seeds.length), deliver);
  }
  return summarise(results, workers);
}

function seedList(seeds: number | readonly string[]): string[] {
  const list =
    typeof seeds === 'number'
      ? Number.isInteger(seeds) && seeds >= 1 && seeds <= MAX_SEEDS
        ? Array.from({ length: seeds }, (_, i) => String(i + 1))
        : undefined
      : Array.isArray(seeds) && seeds.every((s) => typeof s === 'string')
        ? [...seeds]
        : undefined;
  if (list === undefined || list.length < 1 || list.length > MAX_SEEDS) {
    throw new InvalidParameterException(
      `seeds is a number from 1 to ${MAX_SEEDS.toLocaleString('en-US')} or a list of that many seeds; got ${typeof seeds === 'number' ? seeds : `${Array.isArray(seeds) ? seeds.length : 'no'} seeds`}.`,
    );
  }
  return list;
}

function summarise(results: readonly SeedResult[], workers: number): SimulationResult {
  const steps: StepSummary[] = (results[0]?.steps ?? []).map((first, i) => {
    const outcomes = results.map((r) => r.steps[i]!);
    const of = (pick: (s: StepOutcome) => number) => distributionOf(outcomes.map(pick));
    const reasons: Record<string, number> = {};
    for (const outcome of outcomes) {
      for (const [reason, n] of Object.entries(outcome.reasons)) countInto(reasons, reason, n);
    }
    return {
      step: first.step,
      kind: first.kind,
      ...(first.name !== undefined ? { name: first.name } : {}),
      placed: of((s) => s.placed),
      failed: of((s) => s.failed),
      provisioning: of((s) => s.provisioning),
      stopped: of((s) => s.stopped),
      seedsWithFailures: outcomes.filter((s) => s.failed > 0).length,
      reasons,
    };
  });
  const zones = new Set(results.flatMap((r) => Object.keys(r.perAvailabilityZone)));
  const perAvailabilityZone: Record<string, Distribution> = {};
  for (const zone of [...zones].sort()) {
    perAvailabilityZone[zone] = distributionOf(
      results.map((r) => r.perAvailabilityZone[zone] ?? 0),
    );
  }
  const failureReasons: Record<string, number> = {};
  for (const step of steps) {
    for (const [reason, n] of Object.entries(step.reasons)) countInto(failureReasons, reason, n);
  }
  return {
    seeds: results.length,
    workers,
    seedsWithFailures: results.filter((r) => r.failed > 0).length,
    placed: distributionOf(results.map((r) => r.placed)),
    failed: distributionOf(results.map((r) => r.failed)),
    steps,
    perAvailabilityZone,
    perInstance: {
      min: distributionOf(results.map((r) => r.perInstance.min)),
      median: distributionOf(results.map((r) => r.perInstance.median)),
      max: distributionOf(results.map((r) => r.perInstance.max)),
    },
    failureReasons,
    perSeed: results.map((r) => ({ seed: r.seed, placed: r.placed, failed: r.failed })),
  };
}
