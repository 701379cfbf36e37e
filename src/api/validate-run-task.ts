// PLACEHOLDER (being replaced by the request-validation work): checks nothing yet.
import type { TaskDefinition } from '../cluster/ecs-types.js';
import type { LaunchType, RunTaskInput } from './run-task-types.js';

/** Checks types and shapes of a request from untyped input (CLI JSON, JS callers). */
export function parseRunTaskInput(input: unknown): RunTaskInput {
  return input as RunTaskInput;
}

/** Checks every RunTask rule that depends on the task definition and the launch type. */
export function validateRunTaskRequest(
  _input: RunTaskInput,
  _taskDefinition: TaskDefinition,
  _launchType: LaunchType,
): void {}
