import type { InstanceState } from '../../cluster/instance-state.js';
import { FAILURE_REASONS } from '../failure-reasons.js';
import type { TaskNeeds } from '../task-needs.js';
import type { PlacementCheck } from './placement-check.js';

const ZONE = 'ecs.availability-zone';

function inZone(instance: InstanceState, needs: TaskNeeds): boolean {
  const zone = instance.view.attributes.get(ZONE);
  return needs.zones === undefined || (zone != null && needs.zones.has(zone));
}

/** awsvpc: the instance must be in the Availability Zone of one of the request's subnets. */
export const locationCheck: PlacementCheck = {
  name: 'LOCATION',
  reason: FAILURE_REASONS.LOCATION,
  passes: inZone,
  check(instance, needs) {
    if (inZone(instance, needs)) return undefined;
    const zones = [...(needs.zones ?? [])];
    const zone = instance.view.attributes.get(ZONE);
    return {
      check: 'LOCATION',
      reason: FAILURE_REASONS.LOCATION,
      detail: `in ${zone ?? 'no known Availability Zone'}, not in the subnets' zone${zones.length > 1 ? 's' : ''} ${zones.join(', ')}`,
      zones,
    };
  },
};
