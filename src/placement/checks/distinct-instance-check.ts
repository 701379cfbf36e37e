import { FAILURE_REASONS } from '../failure-reasons.js';
import type { PlacementCheck } from './placement-check.js';

/**
 * distinctInstance: no task of the same group whose desiredStatus is not STOPPED may be on
 * the instance (tasks placed earlier in the same call included).
 */
export const distinctInstanceCheck: PlacementCheck = {
  name: 'DistinctInstance',
  reason: FAILURE_REASONS.DistinctInstance,
  passes: (instance, _needs, ctx) => !instance.activeGroups.has(ctx.group),
  check: (instance, _needs, ctx) =>
    instance.activeGroups.has(ctx.group)
      ? {
          check: 'DistinctInstance',
          reason: FAILURE_REASONS.DistinctInstance,
          detail: `already hosts ${instance.activeGroups.get(ctx.group)} task(s) of group ${ctx.group}`,
          group: ctx.group,
        }
      : undefined,
};
