/**
 * What-if benchmarks (docs/what-if.md): headroom on the 5,000-instance bench cluster, for
 * the reference request (memberOf + distinctInstance + spread + binpack: about 1,700 more
 * tasks) and for a plain spread + binpack request capped at 3,000 tasks. One operation is
 * one whole headroom answer.
 */
import { Cluster } from '../src/api/cluster.js';
import type { RunTaskInput } from '../src/kernel/run-task-types.js';
import type { BenchCase } from './bench-case.js';
import { benchSnapshot } from './bench-snapshot.js';
import { referenceRequest } from './reference-request.js';

/** The plain request: no constraint, spread by zone then binpack on memory. */
export function plainRequest(): RunTaskInput {
  return {
    taskDefinition: 'bench',
    launchType: 'EC2',
    group: 'family:headroom',
    placementStrategy: [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ],
  };
}

function headroomCase(name: string, request: RunTaskInput, maxTasks?: number): BenchCase {
  let cluster: Cluster | undefined;
  const { count: _count, ...withoutCount } = request;
  return {
    name,
    opsPerCall: 1,
    unit: 'headroom',
    timeMs: 4000,
    beforeAll: () => {
      cluster ??= Cluster.fromSnapshot(benchSnapshot(5000));
    },
    fn: () => {
      const result = cluster!.headroom(withoutCount, {
        now: 0,
        ...(maxTasks !== undefined ? { maxTasks } : {}),
      });
      if (result.total < 1000) throw new Error(`headroom placed only ${result.total} tasks`);
    },
  };
}

export function whatIfCases(): BenchCase[] {
  return [
    headroomCase('headroom.reference.5k', referenceRequest('family:headroom')),
    headroomCase('headroom.plain-3000.5k', plainRequest(), 3000),
  ];
}
