/**
 * HOOK for the capacity-provider work: placing the FARGATE / FARGATE_SPOT share of a RunTask
 * call (no container instance; an Availability Zone per task from the request's subnets).
 * The facade calls it for every FARGATE target; until it is filled in it refuses.
 */
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { Snapshot, Task, TaskDefinition } from '../cluster/ecs-types.js';
import type { LaunchTarget } from '../capacity/resolve-launch-targets.js';
import { UnsupportedFeatureException } from './errors.js';
import type { RunTaskInput } from './run-task-types.js';

export interface FargatePlacement {
  request: RunTaskInput;
  taskDefinition: TaskDefinition;
  target: LaunchTarget;
  model: ClusterModel;
  snapshot: Snapshot;
  seed: string;
  random: () => number;
  /** ISO creation time shared by the call's tasks. */
  createdAt: string;
}

/** Returns the placed Fargate tasks (already recorded in `model` with `model.commit`). */
export function placeFargate(_placement: FargatePlacement): Task[] {
  throw new UnsupportedFeatureException('Fargate placement is not implemented yet.');
}
