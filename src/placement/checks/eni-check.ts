import type { InstanceState } from '../../cluster/instance-state.js';
import { eniCapacity, eniTaskLimit, unknownEniNote } from '../eni-capacity.js';
import { defineCheck } from './placement-check.js';

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
export const eniCheck = defineCheck({
  name: 'RESOURCE:ENI',
  order: 70,
  // Only awsvpc tasks hold a task network interface (even when their zones are unknown).
  appliesTo: (call) => call.needs.networkMode === 'awsvpc',
  memoKey: () => '',
  passes: hasFreeEni,
  explain(instance) {
    const limit = eniTaskLimit(instance) ?? 0;
    return {
      detail: `no free ENI attachment point: ${describeLimit(instance)}, ${instance.eniTasks} held by awsvpc tasks`,
      needed: 1,
      available: Math.max(0, limit - instance.eniTasks),
    };
  },
  note(instance) {
    const capacity = eniCapacity(instance);
    return capacity.tasks === undefined ? unknownEniNote(capacity) : undefined;
  },
});
