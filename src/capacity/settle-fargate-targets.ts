import { InvalidParameterException } from '../kernel/errors.js';
import type { TaskDefinition } from '../kernel/ecs-types.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import { type FargateZone, fargateZones } from './assign-fargate-zones.js';
import { isFargateCapacityProvider } from './fargate-providers.js';
import { checkFargateSpotSupport, fargateRuntimePlatform } from './fargate-runtime-platform.js';
import type { FargateTarget } from './placement-target.js';
import type { LaunchTarget } from './resolve-launch-targets.js';
import { type FargateTaskSettings, validateFargateRequest } from './validate-fargate-request.js';

/**
 * Checks the Fargate rules of a call once and settles its Fargate shares (targets of kind
 * FARGATE, in strategy order): the request rules with the first share, the zones of its
 * subnets, then for each later share only what depends on the share (FARGATE_SPOT's own
 * rules). The first problem is the one a share-by-share check would meet first.
 */
export function settleFargateTargets(
  request: RunTaskInput,
  definition: TaskDefinition,
  targets: readonly LaunchTarget[],
  subnetToAz: Readonly<Record<string, string>> | undefined,
): FargateTarget[] {
  let settled: { settings: FargateTaskSettings; zones: FargateZone[] } | undefined;
  return targets.map((target) => {
    if (target.kind !== 'FARGATE') {
      throw new InvalidParameterException(`A ${target.kind} target cannot be placed on Fargate.`);
    }
    const provider = target.capacityProvider;
    if (provider !== undefined && !isFargateCapacityProvider(provider)) {
      throw new InvalidParameterException(
        `Capacity provider '${provider}' is not a Fargate capacity provider.`,
      );
    }
    if (settled === undefined) {
      const settings = validateFargateRequest(request, definition, target);
      settled = { settings, zones: fargateZones(settings.subnets, subnetToAz) };
    } else if (provider === 'FARGATE_SPOT') {
      const platform = fargateRuntimePlatform(definition);
      checkFargateSpotSupport(platform, settled.settings.platformVersion, target.count);
    }
    return {
      kind: 'FARGATE',
      count: target.count,
      capacityProvider: provider,
      pool: provider ?? 'FARGATE',
      settings: settled.settings,
      zones: settled.zones,
    };
  });
}
