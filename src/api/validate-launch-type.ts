/** The launch type against the task definition's compatibilities and platformVersion. */
import type { TaskDefinition } from '../kernel/ecs-types.js';
import type { LaunchType } from '../kernel/run-task-types.js';
import { InvalidParameterException } from '../kernel/errors.js';
import { invalidParameter } from './validate-shape.js';

/**
 * `requiresCompatibilities` is what the task definition's author asked for; `compatibilities`
 * is what ECS computed at registration. The launch type must be in each list the snapshot
 * holds (so a FARGATE-only definition never runs on EC2). With neither list we cannot tell,
 * so every launch type passes here and the Fargate rules decide.
 */
export function validateLaunchType(
  taskDefinition: TaskDefinition,
  launchType: LaunchType,
  platformVersion: string | undefined,
): void {
  const lists = [taskDefinition.requiresCompatibilities, taskDefinition.compatibilities];
  if (lists.some((list) => list !== undefined && !list.includes(launchType))) {
    throw new InvalidParameterException(
      `Task definition does not support launch_type ${launchType}.`,
    );
  }
  if (platformVersion !== undefined && launchType !== 'FARGATE') {
    throw invalidParameter(
      'platformVersion',
      platformVersion,
      `a platform version is only specified for tasks on Fargate, not for the ${launchType} launch type`,
    );
  }
}
