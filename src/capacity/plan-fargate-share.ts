import type { Task } from '../kernel/ecs-types.js';
import { assignToZones, type FargateZoneAssignment } from './assign-fargate-zones.js';
import { countFargateGroupTasksPerZone } from './fargate-zone-load.js';
import type { FargateTarget } from './placement-target.js';

export interface FargateShareRequest {
  /** A settled Fargate target (settleFargateTargets). */
  target: FargateTarget;
  /** The task group of the call (the request's `group`, else `family:<family>`). */
  group: string;
  /** The cluster's tasks as they stand, including those placed earlier in this call. */
  tasks: readonly Task[];
}

/**
 * Each task's subnet and zone for one Fargate share: the group's running tasks in the
 * share's pool, then the even spread over the request's zones.
 */
export function planFargateShare(share: FargateShareRequest): FargateZoneAssignment[] {
  const { target } = share;
  const running = countFargateGroupTasksPerZone(share.tasks, share.group, target.pool);
  return assignToZones(target.zones, running, target.count);
}
