import type { Attachment, Task } from '../kernel/ecs-types.js';
import { fargateAttachment } from './fargate-attachment.js';
import type { FargateZoneAssignment } from './assign-fargate-zones.js';
import type { FargateSharePlan } from './plan-fargate-share.js';

/** The members of a RunTask task that are specific to Fargate. */
export interface FargateTaskFields {
  launchType: 'FARGATE';
  capacityProviderName?: string;
  availabilityZone: string;
  platformVersion: string;
  platformFamily: string;
  cpu: string;
  memory: string;
  ephemeralStorage: { sizeInGiB: number };
  attachments: Attachment[];
  attributes: { name: string; value: string }[];
}

/**
 * The Fargate members of one planned task, to merge into the task the facade builds (which
 * owns the ARNs, containers, group, tags and times). ECS reports FARGATE_SPOT tasks with
 * launch type FARGATE and the provider in `capacityProviderName`; tasks started with the
 * FARGATE launch type carry no provider name. Sizes are strings, as DescribeTasks shows them.
 */
export function fargateTaskFields(
  plan: FargateSharePlan,
  placement: FargateZoneAssignment,
  taskArn: Task['taskArn'],
  region: string,
): FargateTaskFields {
  return {
    launchType: 'FARGATE',
    ...(plan.capacityProvider === undefined ? {} : { capacityProviderName: plan.capacityProvider }),
    availabilityZone: placement.availabilityZone,
    platformVersion: plan.settings.platformVersion,
    platformFamily: plan.settings.platformFamily,
    cpu: String(plan.settings.cpu),
    memory: String(plan.settings.memory),
    ephemeralStorage: { sizeInGiB: plan.settings.ephemeralStorage.sizeInGiB },
    attachments: [fargateAttachment(placement.subnetId, taskArn, region)],
    // ECS reports the task's architecture as an attribute, in lower case ("x86_64").
    attributes: [
      { name: 'ecs.cpu-architecture', value: plan.settings.cpuArchitecture.toLowerCase() },
    ],
  };
}
