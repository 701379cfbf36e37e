/**
 * StartTask: one task on each named container instance, with the checks RunTask makes
 * (resources, ports, GPUs, ENIs, agent, required attributes, zone, the task definition's
 * memberOf constraints) and no strategy: the instance is the caller's choice. It is RunTask's
 * prepare phase (src/api/prepare-run-task.ts: every request rule, the task definition, one
 * task factory) and the placement engine (placeTasks with the one instance as the only
 * candidate), so a task started here is built and checked exactly as RunTask builds it.
 *
 * Failures are per instance, as ECS reports them (docs/endpoint.md, "StartTask"):
 * MISSING (the cluster has no such instance), INACTIVE (deregistered), DRAINING (takes no new
 * task; the reason is this project's, ECS documents none for it), or the first failing check
 * (RESOURCE:MEMORY, AGENT, ...). The whole call is one transaction: if anything throws,
 * nothing it placed stays.
 */
import type { InstanceTarget } from '../capacity/placement-target.js';
import type { InstanceState } from '../cluster/instance-state.js';
import { cloneData } from '../cluster/copy-data.js';
import type { Task } from '../kernel/ecs-types.js';
import { InvalidParameterException } from '../kernel/errors.js';
import type { Failure, RunTaskInput, RunTaskOutput } from '../kernel/run-task-types.js';
import { placeTasks } from '../placement/place-tasks.js';
import type { Account } from './account.js';
import { type StartTaskInput, startTaskInputShape } from './operation-shapes.js';
import { atMost } from './paging.js';
import { prepareRunTask, type RunTaskContext } from './prepare-run-task.js';
import { resolveCluster } from './resolve-cluster.js';
import { resolveTaskDefinition } from './resolve-task-definition.js';
import { parseRunTaskInput } from './validate-run-task.js';
import { checkShape, invalidParameter } from './validate-shape.js';

/** Container instances per StartTask call. */
export const START_TASK_LIMIT = 10;
/** StartTask's startedBy is still 36 characters (RunTask's grew to 128). */
const STARTED_BY = /^[A-Za-z0-9/_-]{1,36}$/;

export type StartTaskOutput = RunTaskOutput;

export function startTask(
  account: Account,
  context: RunTaskContext,
  input: StartTaskInput,
  settings: { seed: string; now: number | Date | undefined },
): StartTaskOutput {
  const { containerInstances, ...rest } = checkShape(input, startTaskInputShape);
  atMost('containerInstances', containerInstances, START_TASK_LIMIT);
  if (rest.startedBy !== undefined && !STARTED_BY.test(rest.startedBy)) {
    throw invalidParameter(
      'startedBy',
      rest.startedBy,
      'up to 36 letters, numbers, hyphens, forward slashes and underscores',
    );
  }
  const cluster = resolveCluster(account.snapshot, rest.cluster);
  const model = account.model(cluster);

  const failures: Failure[] = [];
  const usable: InstanceState[] = [];
  for (const ref of containerInstances) {
    const instance = model.instance(ref);
    if (!instance) failures.push({ arn: ref, reason: 'MISSING' });
    else if (instance.status === 'ACTIVE') usable.push(instance);
    else failures.push({ arn: instance.arn, reason: statusReason(instance.status) });
  }
  const external = new Set(usable.map((i) => i.external));
  if (external.size > 1) {
    throw new InvalidParameterException(
      'StartTask cannot start tasks on EXTERNAL and EC2 container instances in one call.',
    );
  }
  const request: RunTaskInput = {
    ...rest,
    launchType: external.has(true) ? 'EXTERNAL' : 'EC2',
    count: Math.max(1, usable.length),
  };
  if (usable.length === 0) {
    // Nothing to place on: the request is still checked (shape and task definition).
    parseRunTaskInput(request);
    resolveTaskDefinition(
      account.snapshot.taskDefinitions,
      request.taskDefinition,
      account.snapshot,
    );
    return { tasks: [], failures };
  }
  const call = prepareRunTask(context, request, { ...settings, explanation: undefined });
  if (call.kind === 'replay') throw new Error('StartTask has no clientToken to replay');
  const target = call.targets[0] as InstanceTarget;
  const tasks: Task[] = [];
  const mark = model.begin();
  try {
    for (const instance of usable) {
      const outcome = placeTasks({
        model,
        candidates: [instance],
        keepMemo: false,
        needs: call.needs,
        group: call.group,
        constraints: call.constraints,
        strategies: [],
        count: 1,
        random: call.random,
        buildTask: (on, gpuIds) => call.tasks.onInstance(target, on, gpuIds),
      });
      tasks.push(...outcome.tasks);
      failures.push(...outcome.failures);
    }
  } catch (error) {
    model.rollback(mark);
    throw error;
  }
  model.keep();
  return { tasks: tasks.map(cloneData), failures };
}

function statusReason(status: InstanceState['status']): string {
  return status === 'INACTIVE' || status === 'DEREGISTERING' ? 'INACTIVE' : status;
}
