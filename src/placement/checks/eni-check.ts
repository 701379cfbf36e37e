import type { InstanceState } from '../../cluster/instance-state.js';
import { eniCapacity, eniTaskLimit, unknownEniNote } from '../eni-capacity.js';
import { FAILURE_REASONS } from '../failure-reasons.js';
import type { PlacementCheck } from './placement-check.js';

function hasFreeEni(instance: InstanceState): boolean {
  const limit = eniTaskLimit(instance);
  return limit === undefined || instance.eniTasks < limit;
}

function describeLimit(instance: InstanceState): string {
  const capacity = eniCapacity(instance);
  switch (capacity.source) {
    case 'override':
      return `registeredResources ENI allows ${capacity.tasks} task interface(s)`;
    case 'trunk':
      return `${capacity.instanceType} with ENI trunking allows ${capacity.tasks} awsvpc task(s)`;
    default:
      return `${capacity.instanceType} allows ${(capacity.tasks ?? 0) + 1} network interfaces, one of them the primary`;
  }
}

/** awsvpc: each task needs a free network-interface attachment point on the instance. */
export const eniCheck: PlacementCheck = {
  name: 'RESOURCE:ENI',
  reason: FAILURE_REASONS['RESOURCE:ENI'],
  passes: hasFreeEni,
  check(instance) {
    if (hasFreeEni(instance)) return undefined;
    const limit = eniTaskLimit(instance) ?? 0;
    return {
      check: 'RESOURCE:ENI',
      reason: FAILURE_REASONS['RESOURCE:ENI'],
      detail: `no free ENI attachment point: ${describeLimit(instance)}, ${instance.eniTasks} held by awsvpc tasks`,
      needed: 1,
      available: Math.max(0, limit - instance.eniTasks),
    };
  },
  note(instance) {
    const capacity = eniCapacity(instance);
    return capacity.tasks === undefined ? unknownEniNote(capacity) : undefined;
  },
};
