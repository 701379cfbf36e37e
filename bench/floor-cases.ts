/**
 * The typed-array floor (bench/typed-array-floor.ts) timed like the engine's steady-state
 * cases: the reference RunTask (count 10, group `family:bench`, seed `call-<n>`) on the same
 * generated clusters, each call undone afterwards so every call sees the same state.
 * bench/run.ts reports `ratio.vs-floor.*`: the engine's median over the floor's.
 */
import seedrandom from 'seedrandom';
import type { BenchCase } from './bench-case.js';
import { benchSnapshot } from './bench-snapshot.js';
import { TypedArrayFloor } from './typed-array-floor.js';

function floorCase(name: string, instances: number, timeMs: number): BenchCase {
  let floor: TypedArrayFloor | undefined;
  let calls = 0;
  return {
    name,
    opsPerCall: 1,
    unit: 'RunTask',
    timeMs,
    beforeAll: () => {
      floor = new TypedArrayFloor(benchSnapshot(instances));
    },
    fn: () => {
      const placed = floor!.runTask('family:bench', seedrandom(`call-${calls++}`));
      floor!.undo('family:bench', placed);
      if (placed !== 10)
        throw new Error(`the floor placed ${placed} of 10 on ${instances} instances`);
    },
  };
}

export function floorCases(): BenchCase[] {
  return [
    floorCase('floor.reference.5k', 5000, 1000),
    floorCase('floor.reference.50k', 50_000, 2000),
  ];
}
