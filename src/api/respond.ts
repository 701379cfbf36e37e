/**
 * The response phase of RunTask: the placers' tasks and failures become the ECS response
 * (at most one failure per instance), and then either the call is kept and its clientToken
 * recorded, or (plan mode) it is undone after the explanation's scale-out estimate and
 * summary are written. The caller gets copies: the model keeps the task objects.
 */
import { waitsForCapacity } from '../capacity/provisioning-quota.js';
import { cloneData } from '../cluster/copy-data.js';
import type { Task } from '../kernel/ecs-types.js';
import type { Failure, RunTaskOutput } from '../kernel/run-task-types.js';
import type { PlacementExplanation } from '../placement/explanation.js';
import type { ShareOutcome } from '../placement/placer.js';
import type { PreparedCall, ReplayedCall } from './prepare-run-task.js';
import { scaleOutEstimates, type WaitingShare, waitingTaskOf } from './scale-out-report.js';

export interface RunTaskResult extends RunTaskOutput {
  /** Set when the request's clientToken repeats a recorded call: the response is its replay. */
  replayOf?: { clientToken: string; recordedAt: string };
}

/** The answer to a retried clientToken: the recorded response, nothing placed. */
export function respondWithReplay(
  call: ReplayedCall,
  explanation: PlacementExplanation | undefined,
): RunTaskResult {
  if (explanation) {
    explanation.summary = `clientToken '${call.clientToken}' repeats an earlier call in cluster ${call.clusterName}: its response is returned again and nothing is placed`;
  }
  return { ...call.response, replayOf: call.replayOf };
}

/**
 * Ends the call's transaction (`mark`, from `model.begin()`): kept by a run, undone by a
 * plan (whose explanation is completed first).
 */
export function respond(
  call: PreparedCall,
  shares: readonly ShareOutcome[],
  mark: number,
  explanation: PlacementExplanation | undefined,
): RunTaskResult {
  const tasks = shares.length === 1 ? shares[0]!.tasks : shares.flatMap((share) => share.tasks);
  const failures = onePerInstance(
    shares.length === 1 ? shares[0]!.failures : shares.flatMap((share) => share.failures),
  );
  const { model } = call;
  if (explanation) {
    const waiting = waitingShares(call, shares);
    if (waiting.size > 0) explanation.scaleOut = scaleOutEstimates(model, call.snapshot, waiting);
    model.rollback(mark);
    explanation.summary = summarizeCall(tasks, call.count, explanation, failures);
  } else {
    model.keep();
    call.tokens?.record(call.request, { tasks, failures }, call.clock.nowMs);
  }
  return { tasks: tasks.map(cloneData), failures };
}

/** At most one failure entry per instance per call (the first share's). */
function onePerInstance(failures: Failure[]): Failure[] {
  if (failures.length === 0) return failures;
  const reported = new Set<string | undefined>();
  return failures.filter((failure) => {
    if (reported.has(failure.arn)) return false;
    reported.add(failure.arn);
    return true;
  });
}

/** Per capacity provider, the call's tasks waiting in PROVISIONING and what they need. */
function waitingShares(
  call: PreparedCall,
  shares: readonly ShareOutcome[],
): Map<string, WaitingShare> {
  const waiting = new Map<string, WaitingShare>();
  const distinct = call.constraints.distinctInstance ? call.group : undefined;
  for (const { waiting: share } of shares) {
    if (share === undefined) continue;
    const entry = waiting.get(share.capacityProvider) ?? {
      settings: share.settings,
      tasks: new Map(),
    };
    waiting.set(share.capacityProvider, entry);
    for (const task of share.tasks)
      entry.tasks.set(task.taskArn, waitingTaskOf(call.needs, distinct));
  }
  return waiting;
}

function summarizeCall(
  tasks: readonly Task[],
  count: number,
  explanation: PlacementExplanation,
  failures: readonly Failure[],
): string {
  const traces = explanation.tasks;
  const waiting = tasks.filter(waitsForCapacity).length;
  const placed = tasks.length - waiting;
  let head = `placed ${placed}/${count} task${count === 1 ? '' : 's'}`;
  if (waiting > 0) {
    const launches = (explanation.scaleOut ?? [])
      .map((e) => `${e.capacityProvider}: launch ${e.instancesToLaunch} instance(s)`)
      .join(', ');
    head += `; ${waiting} wait${waiting === 1 ? 's' : ''} in PROVISIONING for scale-out (${launches})`;
  }
  const failed = traces.find(
    (t) => t.chosen === undefined && t.fargate === undefined && t.provisioning === undefined,
  );
  if (failed) return `${head}; task ${failed.taskIndex + 1} could not be placed: ${failed.summary}`;
  const empty = failures.find((f) => f.reason === 'NO ACTIVE INSTANCES');
  return empty ? `${head}; ${empty.detail}` : head;
}
