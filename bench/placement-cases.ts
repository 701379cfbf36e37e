/**
 * Placement benchmarks: the reference workload (bench/reference-request.ts: memberOf with
 * four comparisons and a regex + distinctInstance + spread by zone + binpack on memory,
 * count 10) on 500, 5,000 and 50,000 instances, steady state and first call of a kind;
 * sustained placement (1,000 consecutive calls, tasks accumulating); and the naive reference
 * model on 5,000 instances for the speed-up figure.
 */
import { Cluster } from '../src/api/cluster.js';
import type { RunTaskInput } from '../src/kernel/run-task-types.js';
import type { Snapshot } from '../src/kernel/ecs-types.js';
import { ReferenceModel } from '../test/model/reference-model.js';
import type { BenchCase } from './bench-case.js';
import { benchSnapshot } from './bench-snapshot.js';
import { BENCH_TASK_DEFINITION, generateCluster } from './generate-cluster.js';
import { firstCallRequest, referenceRequest } from './reference-request.js';

/** Re-exported for the tests that import it from here. */
export { referenceRequest };

/**
 * One runTask per sample, always on the same cluster state: `whatIf` undoes the call's 10
 * placements afterwards (the undo is timed too, and is small), so no sample pays for
 * rebuilding a cluster and the p99 speaks of the call itself. `requestFor` gives the
 * request of the n-th call.
 */
function runTaskCase(
  name: string,
  instances: number,
  timeMs: number,
  requestFor: (call: number) => RunTaskInput,
): BenchCase {
  let cluster: Cluster | undefined;
  let calls = 0;
  return {
    name,
    opsPerCall: 1,
    unit: 'RunTask',
    timeMs,
    beforeAll: () => {
      cluster = Cluster.fromSnapshot(benchSnapshot(instances));
    },
    fn: () => {
      const request = requestFor(calls);
      const placed = cluster!.whatIf(
        (c) => c.runTask(request, { seed: `call-${calls++}`, now: 0 }).tasks.length,
      );
      if (placed !== 10) throw new Error(`placed ${placed} of 10 on ${instances} instances`);
    },
  };
}

/** The reference workload again and again: the steady state (results memoised per instance). */
function referenceCase(name: string, instances: number, timeMs: number): BenchCase {
  const request = referenceRequest();
  return runTaskCase(name, instances, timeMs, () => request);
}

/**
 * The first call of its kind: a memberOf expression never seen before (the reference
 * expression plus an always-true comparison with a fresh literal), so nothing is memoised
 * and every check runs on every candidate, the CQL compile included.
 */
function firstCallCase(name: string, instances: number, timeMs: number): BenchCase {
  return runTaskCase(name, instances, timeMs, firstCallRequest);
}

/**
 * 1,000 consecutive calls of the reference workload (one group per call, tasks
 * accumulating) on a 5,000-instance cluster; `whatIf` undoes the 10,000 placements at the
 * end of each run so every run starts from the same state without reloading the snapshot.
 */
function sustainedCase(): BenchCase {
  let cluster: Cluster | undefined;
  const requests = Array.from({ length: 1000 }, (_, k) => referenceRequest(`job-${k}`));
  return {
    name: 'runTask.sustained.5k',
    opsPerCall: 10_000,
    unit: 'task',
    timeMs: 4000,
    beforeAll: () => {
      cluster ??= Cluster.fromSnapshot(
        generateCluster({ instances: 5000, seed: 'bench-sustained' }),
      );
    },
    fn: () => {
      const placed = cluster!.whatIf((c) => {
        let n = 0;
        for (const request of requests) n += c.runTask(request, { now: 0 }).tasks.length;
        return n;
      });
      if (placed !== 10_000) throw new Error(`sustained run placed ${placed} of 10000`);
    },
  };
}

/** The naive reference model on the same workload, 5,000 instances. */
function referenceModelCase(): BenchCase {
  let snapshot: Snapshot | undefined;
  let model: ReferenceModel | undefined;
  let calls = 0;
  const request = referenceRequest();
  return {
    name: 'model.runTask.reference.5k',
    opsPerCall: 1,
    unit: 'RunTask',
    timeMs: 3000,
    beforeAll: () => {
      snapshot ??= Cluster.fromSnapshot(benchSnapshot(5000)).toSnapshot();
      model = ReferenceModel.fromSnapshot(snapshot);
      calls = 0;
    },
    fn: () => {
      if (calls++ === 50) {
        model = ReferenceModel.fromSnapshot(snapshot!);
        calls = 1;
      }
      model!.runTask({
        definition: BENCH_TASK_DEFINITION,
        count: 10,
        group: request.group!,
        constraints: request.placementConstraints!,
        strategies: request.placementStrategy!,
        seed: `call-${calls}`,
      });
    },
  };
}

export function placementCases(): BenchCase[] {
  return [
    referenceCase('runTask.reference.500', 500, 1000),
    referenceCase('runTask.reference.5k', 5000, 2000),
    referenceCase('runTask.reference.50k', 50_000, 3000),
    firstCallCase('runTask.first-call.5k', 5000, 2000),
    firstCallCase('runTask.first-call.50k', 50_000, 3000),
    sustainedCase(),
    referenceModelCase(),
  ];
}
