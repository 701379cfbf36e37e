/**
 * Where each container instance of a cluster is and what it has left: its Availability
 * Zone, capacity provider, registered and remaining CPU and memory. A plain copy of the
 * cluster model's instances, made for the what-if tools and their reports.
 */
import type { InstanceState } from '../cluster/instance-state.js';

/** The key for an instance (or task) outside any capacity provider or zone. */
export const NONE = '(none)';

export interface InstanceUsage {
  containerInstanceArn: string;
  ec2InstanceId?: string;
  status: string;
  availabilityZone: string;
  capacityProvider: string;
  /** Registered CPU units and MiB of memory. */
  registeredCpu: number;
  registeredMemory: number;
  /** What is left after the tasks that hold resources on it. */
  remainingCpu: number;
  remainingMemory: number;
}

/** One entry per instance, in snapshot order (later registrations last). */
export function usageOf(instances: Iterable<InstanceState>): InstanceUsage[] {
  const entries: InstanceUsage[] = [];
  for (const instance of instances) {
    const zone = instance.view.attributes.get('ecs.availability-zone');
    entries.push({
      containerInstanceArn: instance.arn,
      ...(instance.ec2InstanceId !== undefined ? { ec2InstanceId: instance.ec2InstanceId } : {}),
      status: instance.status,
      availabilityZone: typeof zone === 'string' ? zone : NONE,
      capacityProvider: instance.capacityProviderName ?? NONE,
      registeredCpu: instance.registeredCpu ?? instance.cpu,
      registeredMemory: instance.registeredMemory ?? instance.memory,
      remainingCpu: instance.cpu,
      remainingMemory: instance.memory,
    });
  }
  return entries;
}

/** Adds `by` to `key`'s count. */
export function countInto(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
