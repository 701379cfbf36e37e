/**
 * The generated snapshots the timed cases share (seed `bench-<instances>`), generated once
 * per run: the engine's cases and the typed-array floor's work on the very same cluster.
 */
import type { Snapshot } from '../src/kernel/ecs-types.js';
import { generateCluster } from './generate-cluster.js';

const made = new Map<number, Snapshot>();

export function benchSnapshot(instances: number): Snapshot {
  let snapshot = made.get(instances);
  if (!snapshot) {
    snapshot = generateCluster({ instances, seed: `bench-${instances}` });
    made.set(instances, snapshot);
  }
  return snapshot;
}
