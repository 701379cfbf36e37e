/**
 * The reference RunTask request of the benchmarks: memberOf with four comparisons (one a
 * regex) + distinctInstance, spread by Availability Zone then binpack on memory, count 10.
 * In a module of its own so that the child processes of the bench load nothing else.
 */
import type { RunTaskInput } from '../src/kernel/run-task-types.js';
import { REFERENCE_EXPRESSION } from './generate-cluster.js';

/** `group` varies where a case needs fresh groups. */
export function referenceRequest(group = 'family:bench'): RunTaskInput {
  return {
    taskDefinition: 'bench',
    count: 10,
    launchType: 'EC2',
    group,
    placementConstraints: [
      { type: 'memberOf', expression: REFERENCE_EXPRESSION },
      { type: 'distinctInstance' },
    ],
    placementStrategy: [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ],
  };
}

/**
 * The reference request with a memberOf never seen before (a different bound for each
 * `call`): a first call of its kind, nothing memoised and the CQL compile included.
 */
export function firstCallRequest(call: number): RunTaskInput {
  return {
    ...referenceRequest(),
    placementConstraints: [
      {
        type: 'memberOf',
        expression: `${REFERENCE_EXPRESSION} and runningTasksCount < ${1_000_000 + call}`,
      },
      { type: 'distinctInstance' },
    ],
  };
}
