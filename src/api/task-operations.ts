/**
 * ListTasks, DescribeTasks and StopTask (the API's form, with its response).
 *
 * ListTasks filters as ECS does: desiredStatus (RUNNING by default), containerInstance (ARN
 * or id), family (the task definition family), startedBy, serviceName (tasks whose group is
 * `service:NAME`), launchType; tasks in the order they were recorded, 100 a page.
 */
import { cloneData } from '../cluster/copy-data.js';
import type { Task } from '../kernel/ecs-types.js';
import { InvalidParameterException } from '../kernel/errors.js';
import type { Failure } from '../kernel/run-task-types.js';
import { type Account, modelOf } from './account.js';
import { lookUpEach } from './look-up-each.js';
import {
  type DescribeTasksInput,
  describeTasksInputShape,
  type ListTasksInput,
  listTasksInputShape,
  type StopTaskInput,
  stopTaskInputShape,
} from './operation-shapes.js';
import { atMost, page } from './paging.js';
import { parseTaskDefinitionReference } from './resolve-task-definition.js';
import { checkShape } from './validate-shape.js';

export function listTasks(
  account: Account,
  input: ListTasksInput = {},
): { taskArns: string[]; nextToken?: string } {
  const request = checkShape(input, listTasksInputShape);
  const model = modelOf(account, request.cluster);
  const desired = request.desiredStatus ?? 'RUNNING';
  let on: string | undefined;
  if (request.containerInstance !== undefined) {
    on = model.instance(request.containerInstance)?.arn ?? request.containerInstance;
  }
  const arns: string[] = [];
  for (const task of model.tasks) {
    if (task.desiredStatus !== desired) continue;
    if (on !== undefined && task.containerInstanceArn !== on) continue;
    if (request.family !== undefined && familyOf(task) !== request.family) continue;
    if (request.startedBy !== undefined && task.startedBy !== request.startedBy) continue;
    if (request.serviceName !== undefined && task.group !== `service:${request.serviceName}`)
      continue;
    if (request.launchType !== undefined && task.launchType !== request.launchType) continue;
    arns.push(task.taskArn);
  }
  const { items, nextToken } = page(arns, request);
  return nextToken !== undefined ? { taskArns: items, nextToken } : { taskArns: items };
}

export function describeTasks(
  account: Account,
  input: DescribeTasksInput,
): { tasks: Task[]; failures: Failure[] } {
  const request = checkShape(input, describeTasksInputShape);
  atMost('tasks', request.tasks, 100);
  const model = modelOf(account, request.cluster);
  const withTags = request.include?.includes('TAGS') ?? false;
  const { found, failures } = lookUpEach(request.tasks, (ref) => model.task(ref));
  const tasks = found.map((task) => {
    const copy = cloneData(task);
    if (!withTags) delete copy.tags;
    return copy;
  });
  return { tasks, failures };
}

/** StopTask: desiredStatus STOPPED and its resources released; the response shows the reason. */
export function stopTask(account: Account, input: StopTaskInput): { task: Task } {
  const request = checkShape(input, stopTaskInputShape);
  const model = modelOf(account, request.cluster);
  if (!model.stopTask(request.task)) {
    throw new InvalidParameterException('The referenced task was not found.');
  }
  const task = cloneData(model.task(request.task)!);
  return {
    task: { ...task, ...(request.reason !== undefined ? { stoppedReason: request.reason } : {}) },
  };
}

function familyOf(task: Task): string | undefined {
  if (task.taskDefinitionArn === undefined) return undefined;
  try {
    return parseTaskDefinitionReference(task.taskDefinitionArn).family;
  } catch {
    return undefined;
  }
}
