/**
 * The ECS quota "Tasks in the PROVISIONING state per cluster" (docs/capacity.md, section 6):
 * tasks of Auto Scaling group capacity providers waiting for capacity. A RunTask call that
 * would go past it is refused with a ClientException, as the RunTask API reference says.
 */
import { ClientException } from '../kernel/errors.js';
import type { Task } from '../kernel/ecs-types.js';
import { isFargateCapacityProvider } from './fargate-providers.js';

/** The default of the quota (Amazon ECS service quotas; not adjustable). */
export const PROVISIONING_TASKS_PER_CLUSTER = 500;

/** A task waiting for an EC2 Auto Scaling group to grow: PROVISIONING without an instance. */
export function waitsForCapacity(task: Task): boolean {
  return (
    task.lastStatus === 'PROVISIONING' &&
    task.desiredStatus !== 'STOPPED' &&
    task.containerInstanceArn === undefined &&
    task.launchType !== 'FARGATE' &&
    !(
      task.capacityProviderName !== undefined &&
      isFargateCapacityProvider(task.capacityProviderName)
    )
  );
}

export function provisioningTaskCount(tasks: readonly Task[]): number {
  let count = 0;
  for (const task of tasks) if (waitsForCapacity(task)) count++;
  return count;
}

export function provisioningQuotaReached(cluster: string): ClientException {
  return new ClientException(
    `The RunTask could not be processed: cluster ${cluster} already has ${PROVISIONING_TASKS_PER_CLUSTER} tasks in the PROVISIONING state, the quota of tasks in the PROVISIONING state per cluster that managed scaling can add capacity for.`,
  );
}
