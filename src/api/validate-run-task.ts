/**
 * RunTask request validation in two steps: `parseRunTaskInput` checks the shape of untyped
 * input (what the AWS SDK checks on the client), `validateRunTaskRequest` checks the rules
 * the service applies once the task definition and the launch type are known. Each throws
 * the first violation as an InvalidParameterException naming the parameter, value and rule.
 */
import type { TaskDefinition } from '../kernel/ecs-types.js';
import { runTaskInputShape } from '../kernel/run-task-shape.js';
import type { LaunchType, RunTaskInput } from '../kernel/run-task-types.js';
import { validateLaunchType } from './validate-launch-type.js';
import { validateNetworkConfiguration } from './validate-network.js';
import { validateExecuteCommand, validateOverrides } from './validate-overrides.js';
import { validateConstraints, validateStrategies } from './validate-placement-rules.js';
import { validateScalars } from './validate-scalars.js';
import { checkShape, invalidParameter } from './validate-shape.js';
import { validateTags } from './validate-tags.js';
import { validateTaskSize } from './validate-task-size.js';
import { validateVolumeConfigurations } from './validate-volume-configurations.js';

/**
 * Checks types and shapes of a request from untyped input (CLI JSON, JS callers) and returns
 * a fresh copy holding only the known members (members set to `undefined` are dropped).
 */
export function parseRunTaskInput(input: unknown): RunTaskInput {
  const parsed: RunTaskInput = checkShape(input, runTaskInputShape);
  if (parsed.taskDefinition === '') {
    throw invalidParameter('taskDefinition', '', 'a task definition must be named');
  }
  return parsed;
}

/**
 * Checks every RunTask rule that depends on the task definition and the launch type
 * (`launchType`: the resolved one, FARGATE for a FARGATE or FARGATE_SPOT provider), the
 * single-valued members first. Capacity-provider strategy and Fargate resource rules are
 * checked in `src/capacity/`.
 */
export function validateRunTaskRequest(
  input: RunTaskInput,
  taskDefinition: TaskDefinition,
  launchType: LaunchType,
): void {
  validateScalars(input);
  validateForLaunchType(input, taskDefinition, launchType);
}

/**
 * The rules of `validateRunTaskRequest` after the single-valued members, for a caller that
 * checked those already (RunTask checks them once, before the capacity split uses count).
 */
export function validateForLaunchType(
  input: RunTaskInput,
  taskDefinition: TaskDefinition,
  launchType: LaunchType,
): void {
  const name = `${taskDefinition.family}:${taskDefinition.revision}`;
  validateTags(input.tags);
  validateLaunchType(taskDefinition, launchType, input.platformVersion);
  validateConstraints(input.placementConstraints, taskDefinition.placementConstraints);
  validateStrategies(input.placementStrategy);
  validateOverrides(input.overrides, taskDefinition, launchType);
  validateTaskSize(input.overrides, taskDefinition, launchType);
  validateExecuteCommand(input.enableExecuteCommand, input.overrides, taskDefinition);
  validateNetworkConfiguration(input.networkConfiguration, taskDefinition.networkMode, name);
  validateVolumeConfigurations(input, taskDefinition, launchType);
}
