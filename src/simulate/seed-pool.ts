/**
 * Seeds on worker threads (tinypool). Each worker builds its cluster once from the snapshot
 * it is given at start (workerData) and then runs seeds as they come; results are handed on
 * in seed order whatever order they finish in, so the outcome does not depend on the number
 * of workers.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SeedContext, SeedResult } from './run-seed.js';
import { ScenarioError } from './scenario.js';
import type { WorkerAnswer, WorkerData } from './simulate-worker.js';

/**
 * The worker's module: beside this one in tsc's output (dist/src/simulate/), or at the top
 * of the bundle when this code sits in one of its chunks (dist/bundle/chunks/ ->
 * dist/bundle/simulate-worker.js, an entry of scripts/bundle.mjs).
 */
export function workerFile(): string {
  for (const candidate of ['./simulate-worker.js', '../simulate-worker.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(
    'worker threads run the built package (npm run build): simulate-worker.js was not found beside ' +
      `${fileURLToPath(import.meta.url)}; run the seeds in this thread with workers: 0`,
  );
}

export async function runOnWorkers(
  context: SeedContext,
  seeds: readonly string[],
  workers: number,
  deliver: (result: SeedResult, index: number) => void,
): Promise<void> {
  const { default: Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: workerFile(),
    minThreads: workers,
    maxThreads: workers,
    // As JSON text: a string crosses to a thread as one copy, where a 5,000-instance object
    // graph takes several times as long to clone.
    workerData: {
      snapshotJson: JSON.stringify(context.snapshot),
      scenario: context.scenario,
      now: context.now,
    } satisfies WorkerData,
  });
  const ready = new Map<number, SeedResult>();
  let next = 0;
  try {
    await Promise.all(
      seeds.map(async (seed, index) => {
        const answer = (await pool.run(seed)) as WorkerAnswer;
        if ('error' in answer) throw new ScenarioError(answer.error);
        ready.set(index, answer);
        while (ready.has(next)) {
          const result = ready.get(next)!;
          ready.delete(next);
          deliver(result, next++);
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}
