/**
 * Simulate throughput (docs/what-if.md, "Simulate"): seeds per second for the 5,000-instance
 * bench cluster and a 100-step scenario (80 RunTask calls of 10 tasks in ten groups, spread
 * by zone then binpack on memory; 20 stop-task steps of 5 tasks), 100 seeds (8 with
 * --quick), with 0 (the main thread), 1 and 2 worker threads. Each figure includes building
 * the workers' clusters.
 */
import type { Snapshot } from '../src/kernel/ecs-types.js';
import { simulate } from '../src/simulate/simulate.js';
import { benchSnapshot } from './bench-snapshot.js';

export const SIMULATE_FIGURES = [0, 1, 2].map(
  (w) => `simulate.5k.100-steps.workers-${w}.seeds-per-s`,
);

export function hundredStepScenario(): { steps: unknown[] } {
  const steps: unknown[] = [];
  for (let k = 0; k < 100; k++) {
    if (k % 5 === 4) {
      steps.push({ 'stop-task': { group: `job-${k % 10}`, count: 5 } });
    } else {
      steps.push({
        'run-task': {
          taskDefinition: 'bench',
          launchType: 'EC2',
          count: 10,
          group: `job-${k % 10}`,
          placementStrategy: [
            { type: 'spread', field: 'attribute:ecs.availability-zone' },
            { type: 'binpack', field: 'memory' },
          ],
        },
      });
    }
  }
  return { steps };
}

export async function measureSimulate(quick: boolean): Promise<Record<string, number>> {
  const snapshot: Snapshot = benchSnapshot(5000);
  const scenario = hundredStepScenario();
  const seeds = quick ? 8 : 100;
  const figures: Record<string, number> = {};
  for (const workers of [0, 1, 2]) {
    const start = performance.now();
    const result = await simulate(snapshot, scenario, { seeds, workers, now: 0 });
    const seconds = (performance.now() - start) / 1000;
    if (result.placed.min < 700) throw new Error(`simulate placed only ${result.placed.min}`);
    figures[`simulate.5k.100-steps.workers-${workers}.seeds-per-s`] = seeds / seconds;
  }
  return figures;
}
