/**
 * Headroom: how many more tasks like a RunTask request the cluster can take. The request is
 * placed again and again, one RunTask call at a time, inside a what-if transaction (so
 * nothing is kept), until the first call that leaves a task unplaced; then one more plan
 * says which check rejects each instance. See docs/what-if.md, "Headroom".
 */
import { InvalidParameterException } from '../kernel/errors.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import type { CheckFailure } from '../placement/explanation.js';
import { countInto, type InstanceUsage, NONE } from './instance-inventory.js';
import type { WhatIfHost } from './what-if-host.js';

/** RunTask's largest `count`: the tasks each call places when the request gives no count. */
export const HEADROOM_TASKS_PER_CALL = 10;
/** The default and largest number of tasks a headroom run places before it stops. */
export const HEADROOM_DEFAULT_MAX_TASKS = 100_000;
export const HEADROOM_MAX_TASKS_LIMIT = 1_000_000;

export interface HeadroomOptions {
  /** Seed of the random choices; call i uses `${seed}#${i}`. Default: the library's seed. */
  seed?: string;
  now?: number | Date;
  /** Stop after this many tasks (1 to 1,000,000; default 100,000). */
  maxTasks?: number;
  /** Add `instances`: per instance, the tasks it took and what rejected it at the end. */
  explain?: boolean;
}

/** Why the count stopped. */
export type HeadroomStop =
  /** A call left a task unplaced: no instance passes every check any more. */
  | 'no-instance-fits'
  /** `maxTasks` placed. */
  | 'limit'
  /** A task went to PROVISIONING (managed scaling) or to Fargate, neither bounded by the snapshot. */
  | 'not-bounded';

export interface HeadroomBinding {
  /** The first failing check, e.g. `RESOURCE:MEMORY`. */
  check: string;
  /** How many instances it rejects first. */
  instances: number;
}

export interface HeadroomInstance extends InstanceUsage {
  /** Tasks this instance took. */
  placed: number;
  /** What rejects it after the last task (absent when it still passes, or after a limit stop). */
  rejectedBy?: CheckFailure;
}

export interface HeadroomResult {
  /** Tasks placed before the first failure. */
  total: number;
  perCapacityProvider: Record<string, number>;
  perAvailabilityZone: Record<string, number>;
  /** RunTask calls made, and the tasks each one asked for. */
  calls: number;
  tasksPerCall: number;
  stoppedBy: HeadroomStop;
  /** In words: why the count stopped. */
  reason: string;
  /** The first failing check of every rejected instance, most instances first. */
  binding: HeadroomBinding[];
  /** With `explain`: every instance of the cluster, in snapshot order. */
  instances?: HeadroomInstance[];
}

/**
 * Runs on `cluster` and leaves it as it was. Throws what RunTask throws for a request it
 * refuses (InvalidParameterException, ClusterNotFoundException, ...).
 */
export function headroom(
  cluster: WhatIfHost,
  request: RunTaskInput,
  options: HeadroomOptions = {},
): HeadroomResult {
  const maxTasks = options.maxTasks ?? HEADROOM_DEFAULT_MAX_TASKS;
  if (!Number.isInteger(maxTasks) || maxTasks < 1 || maxTasks > HEADROOM_MAX_TASKS_LIMIT) {
    throw new InvalidParameterException(
      `maxTasks must be an integer from 1 to ${HEADROOM_MAX_TASKS_LIMIT.toLocaleString('en-US')}; got ${String(maxTasks)}.`,
    );
  }
  // A clientToken would make every call after the first a replay that places nothing.
  const { clientToken: _token, ...base } = request;
  const tasksPerCall = request.count ?? HEADROOM_TASKS_PER_CALL;
  const seed = options.seed ?? 'ecs-placement';
  const inventory = new Map(
    cluster.instanceUsage(request.cluster).map((u) => [u.containerInstanceArn, u]),
  );
  const placed = new Map<string, number>();
  const perCapacityProvider: Record<string, number> = {};
  const perAvailabilityZone: Record<string, number> = {};

  return cluster.whatIf((c) => {
    let total = 0;
    let calls = 0;
    let stoppedBy: HeadroomStop = 'limit';
    let reason = `stopped after ${maxTasks.toLocaleString('en-US')} tasks (the limit)`;
    let lastFailure: string | undefined;
    while (total < maxTasks) {
      const count = Math.min(tasksPerCall, maxTasks - total);
      const call = { ...base, count };
      const now = options.now !== undefined ? { now: options.now } : {};
      const response = c.runTask(call, { seed: `${seed}#${calls}`, ...now });
      calls++;
      let unbounded: string | undefined;
      for (const task of response.tasks) {
        const arn = task.containerInstanceArn;
        if (arn === undefined) {
          unbounded =
            task.launchType === 'FARGATE'
              ? 'a task went to Fargate, whose capacity the snapshot does not bound'
              : `a task went to PROVISIONING to wait for managed scaling (capacity provider ${task.capacityProviderName ?? NONE}): capacity the snapshot does not hold yet`;
          continue;
        }
        total++;
        placed.set(arn, (placed.get(arn) ?? 0) + 1);
        const entry = inventory.get(arn);
        countInto(
          perCapacityProvider,
          task.capacityProviderName ?? entry?.capacityProvider ?? NONE,
        );
        countInto(perAvailabilityZone, task.availabilityZone ?? entry?.availabilityZone ?? NONE);
      }
      if (response.failures.length > 0 || response.tasks.length < count) {
        stoppedBy = 'no-instance-fits';
        lastFailure = response.failures.map((f) => f.reason).find((r) => r !== undefined);
        break;
      }
      if (unbounded !== undefined) {
        stoppedBy = 'not-bounded';
        reason = unbounded;
        break;
      }
    }
    let binding: HeadroomBinding[] = [];
    const rejected = new Map<string, CheckFailure>();
    if (stoppedBy !== 'limit') {
      const now = options.now !== undefined ? { now: options.now } : {};
      const plan = c.planRunTask({ ...base, count: 1 }, { seed: `${seed}#${calls}`, ...now });
      for (const trace of plan.explanation.tasks) {
        for (const verdict of trace.verdicts) {
          const first = verdict.failures[0];
          if (first !== undefined && !rejected.has(verdict.containerInstanceArn)) {
            rejected.set(verdict.containerInstanceArn, first);
          }
        }
      }
      binding = bindingOf(rejected);
      const checks = binding.map(
        (b) => `${b.check} on ${b.instances} instance${b.instances === 1 ? '' : 's'}`,
      );
      if (stoppedBy === 'no-instance-fits') {
        reason = `no instance fits another task: ${checks.length > 0 ? checks.join(', ') : (lastFailure ?? plan.explanation.summary)}`;
      } else if (checks.length > 0) {
        reason = `${reason}; no instance fits another task: ${checks.join(', ')}`;
      }
    }
    const result: HeadroomResult = {
      total,
      perCapacityProvider,
      perAvailabilityZone,
      calls,
      tasksPerCall,
      stoppedBy,
      reason,
      binding,
    };
    if (options.explain === true) {
      const usageNow = new Map(
        c.instanceUsage(request.cluster).map((u) => [u.containerInstanceArn, u]),
      );
      result.instances = [...inventory.values()].map((entry) => {
        const failure = rejected.get(entry.containerInstanceArn);
        // remainingCpu / remainingMemory: after the tasks placed here.
        const after = usageNow.get(entry.containerInstanceArn);
        return {
          ...entry,
          ...(after !== undefined
            ? { remainingCpu: after.remainingCpu, remainingMemory: after.remainingMemory }
            : {}),
          placed: placed.get(entry.containerInstanceArn) ?? 0,
          ...(failure !== undefined ? { rejectedBy: failure } : {}),
        };
      });
    }
    return result;
  }, request.cluster);
}

function bindingOf(rejected: ReadonlyMap<string, CheckFailure>): HeadroomBinding[] {
  const counts = new Map<string, number>();
  for (const failure of rejected.values()) {
    counts.set(failure.check, (counts.get(failure.check) ?? 0) + 1);
  }
  return [...counts]
    .map(([check, instances]) => ({ check, instances }))
    .sort((a, b) => b.instances - a.instances || a.check.localeCompare(b.check));
}
