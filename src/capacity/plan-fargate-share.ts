import { InvalidParameterException } from '../kernel/errors.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import type { Task, TaskDefinition } from '../kernel/ecs-types.js';
import { assignFargateZones, type FargateZoneAssignment } from './assign-fargate-zones.js';
import { type FargateCapacityProvider, isFargateCapacityProvider } from './fargate-providers.js';
import { countFargateGroupTasksPerZone } from './fargate-zone-load.js';
import type { LaunchTarget } from './resolve-launch-targets.js';
import { type FargateTaskSettings, validateFargateRequest } from './validate-fargate-request.js';

export interface FargateShareRequest {
  request: RunTaskInput;
  taskDefinition: TaskDefinition;
  /** A target of kind FARGATE from `resolveLaunchTargets`. */
  target: LaunchTarget;
  /** The task group of the call (the request's `group`, else `family:<family>`). */
  group: string;
  /** The cluster's tasks as they stand, including those placed earlier in this call. */
  tasks: readonly Task[];
  /** The snapshot's subnet -> Availability Zone map. */
  subnetToAz: Readonly<Record<string, string>> | undefined;
}

/** Everything the facade needs to build the Fargate tasks of one target, task by task. */
export interface FargateSharePlan {
  settings: FargateTaskSettings;
  /** The Fargate pool the tasks spread in; FARGATE for the FARGATE launch type. */
  pool: FargateCapacityProvider;
  /** Set only when the share came from a capacity-provider strategy. */
  capacityProvider: FargateCapacityProvider | undefined;
  /** One subnet and zone per task, in task order. */
  placements: FargateZoneAssignment[];
}

/**
 * Validates a Fargate share and decides each task's subnet and zone: the Fargate request
 * rules, then the group's running tasks in this provider's pool, then the even spread.
 */
export function planFargateShare(share: FargateShareRequest): FargateSharePlan {
  const { target } = share;
  if (target.kind !== 'FARGATE') {
    throw new InvalidParameterException(`A ${target.kind} target cannot be placed on Fargate.`);
  }
  const provider = target.capacityProvider;
  if (provider !== undefined && !isFargateCapacityProvider(provider)) {
    throw new InvalidParameterException(
      `Capacity provider '${provider}' is not a Fargate capacity provider.`,
    );
  }
  const settings = validateFargateRequest(share.request, share.taskDefinition, target);
  const pool = provider ?? 'FARGATE';
  const running = countFargateGroupTasksPerZone(share.tasks, share.group, pool);
  const placements = assignFargateZones(settings.subnets, share.subnetToAz, running, target.count);
  return { settings, pool, capacityProvider: provider, placements };
}
