import type { Task } from '../kernel/ecs-types.js';
import type { FargateCapacityProvider } from './fargate-providers.js';

/**
 * Per Availability Zone, how many tasks of `group` already run on one Fargate capacity
 * provider: the input `assignFargateZones` spreads against. A task counts while its
 * desiredStatus is RUNNING (pending ones included, as for spread on EC2). Tasks started with
 * the FARGATE launch type carry no provider name and count as FARGATE; FARGATE_SPOT is a pool
 * of its own because Fargate spreads each provider independently.
 */
export function countFargateGroupTasksPerZone(
  tasks: readonly Task[],
  group: string,
  capacityProvider: FargateCapacityProvider,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const task of tasks) {
    if (task.desiredStatus !== 'RUNNING' || task.group !== group) continue;
    if (task.availabilityZone === undefined) continue;
    const pool =
      task.capacityProviderName ?? (task.launchType === 'FARGATE' ? 'FARGATE' : undefined);
    if (pool !== capacityProvider) continue;
    counts.set(task.availabilityZone, (counts.get(task.availabilityZone) ?? 0) + 1);
  }
  return counts;
}
