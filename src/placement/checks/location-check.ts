import type { InstanceState } from '../../cluster/instance-state.js';
import type { TaskNeeds } from '../task-needs.js';
import { defineCheck, keyOf } from './placement-check.js';

const ZONE = 'ecs.availability-zone';

function inZone(instance: InstanceState, needs: TaskNeeds): boolean {
  const zone = instance.view.attributes.get(ZONE);
  return needs.zones === undefined || (zone != null && needs.zones.has(zone));
}

/** awsvpc: the instance must be in the Availability Zone of one of the request's subnets. */
export const locationCheck = defineCheck({
  name: 'LOCATION',
  order: 90,
  appliesTo: (call) => call.needs.zones !== undefined,
  // The zones of the request's subnets are what was checked.
  memoKey: (call) => keyOf([...(call.needs.zones ?? [])].sort(), (zone) => zone),
  passes: inZone,
  explain(instance, needs) {
    const zones = [...(needs.zones ?? [])];
    const zone = instance.view.attributes.get(ZONE);
    return {
      detail: `in ${zone ?? 'no known Availability Zone'}, not in the subnets' zone${zones.length > 1 ? 's' : ''} ${zones.join(', ')}`,
      zones,
    };
  },
});
