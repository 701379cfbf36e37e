/**
 * The worker thread of `simulate` (seed-pool.ts): one SeedRunner per worker, made from the
 * workerData on the first seed. Its own entry in the bundle (scripts/bundle.mjs).
 */
import Tinypool from 'tinypool';
import { type SeedContext, type SeedResult, SeedRunner } from './run-seed.js';
import { ScenarioError } from './scenario.js';

export type WorkerAnswer = SeedResult | { error: string };

/** What each worker is started with (seed-pool.ts). */
export interface WorkerData extends Omit<SeedContext, 'snapshot'> {
  snapshotJson: string;
}

let runner: SeedRunner | undefined;

export default function runSeed(seed: string): WorkerAnswer {
  try {
    if (runner === undefined) {
      const { snapshotJson, ...rest } = Tinypool.workerData as WorkerData;
      runner = new SeedRunner({ ...rest, snapshot: JSON.parse(snapshotJson) });
    }
    return runner.run(seed);
  } catch (error) {
    // ScenarioError does not survive the thread boundary as a class: send its message.
    if (error instanceof ScenarioError) return { error: error.message };
    throw error;
  }
}
