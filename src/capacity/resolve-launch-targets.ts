// PLACEHOLDER (being replaced by the capacity-provider work): launch type only.
import type { ClusterSnapshot, Snapshot } from '../cluster/ecs-types.js';
import type { RunTaskInput } from '../api/run-task-types.js';

/** Where a share of a RunTask call's tasks goes. */
export interface LaunchTarget {
  /** EC2 and EXTERNAL place on container instances; FARGATE needs none. */
  kind: 'EC2' | 'EXTERNAL' | 'FARGATE';
  /** Set when the share comes from a capacity-provider strategy (FARGATE_SPOT included). */
  capacityProvider?: string;
  count: number;
}

/**
 * Explicit launch type; else the request's strategy; else the cluster's default strategy;
 * else EC2. Throws InvalidParameterException for an invalid strategy.
 */
export function resolveLaunchTargets(
  input: RunTaskInput,
  _cluster: ClusterSnapshot,
  _snapshot: Snapshot,
  count: number,
): LaunchTarget[] {
  return [{ kind: input.launchType ?? 'EC2', count }];
}
