import type { Attachment, Task } from '../kernel/ecs-types.js';
import { fargateAttachment } from './fargate-attachment.js';
import type { FargateZoneAssignment } from './assign-fargate-zones.js';
import type { FargateTarget } from './placement-target.js';

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
  target: FargateTarget,
  placement: FargateZoneAssignment,
  taskArn: Task['taskArn'],
  region: string,
): FargateTaskFields {
  const { settings } = target;
  return {
    launchType: 'FARGATE',
    ...(target.capacityProvider === undefined
      ? {}
      : { capacityProviderName: target.capacityProvider }),
    availabilityZone: placement.availabilityZone,
    platformVersion: settings.platformVersion,
    platformFamily: settings.platformFamily,
    cpu: String(settings.cpu),
    memory: String(settings.memory),
    ephemeralStorage: { sizeInGiB: settings.ephemeralStorage.sizeInGiB },
    attachments: [fargateAttachment(placement.subnetId, taskArn, region)],
    // ECS reports the task's architecture as an attribute, in lower case ("x86_64").
    attributes: [{ name: 'ecs.cpu-architecture', value: settings.cpuArchitecture.toLowerCase() }],
  };
}
