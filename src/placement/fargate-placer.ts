/**
 * Fargate shares: no container instance; each task gets a subnet and Availability Zone of
 * the request, the group spread evenly over the zones per Fargate pool.
 */
import type { FargateZoneAssignment } from '../capacity/assign-fargate-zones.js';
import type { FargateTarget } from '../capacity/placement-target.js';
import { planFargateShare } from '../capacity/plan-fargate-share.js';
import type { TaskTrace } from './explanation.js';
import type { Placer } from './placer.js';

function fargateTrace(
  taskIndex: number,
  target: FargateTarget,
  group: string,
  placement: FargateZoneAssignment,
): TaskTrace {
  return {
    taskIndex,
    ...(target.capacityProvider !== undefined ? { capacityProvider: target.capacityProvider } : {}),
    candidates: 0,
    feasible: 0,
    verdicts: [],
    steps: [],
    fargate: placement,
    summary: `Fargate (${target.pool}): subnet ${placement.subnetId} in ${placement.availabilityZone}, the least-loaded zone of the request's subnets for ${group}`,
  };
}

export const fargatePlacer: Placer<FargateTarget> = {
  place(call, target, firstTaskIndex) {
    const { model, group } = call;
    const placements = planFargateShare({ target, group, tasks: model.tasks });
    const tasks = placements.map((placement, i) => {
      call.trace?.push(fargateTrace(firstTaskIndex + i, target, group, placement));
      const task = call.tasks.onFargate(target, placement);
      model.recordTask(task);
      return task;
    });
    return { tasks, failures: [] };
  },
};
