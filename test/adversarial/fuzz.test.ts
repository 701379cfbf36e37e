// Issue 9, adversarial suite: a fast-check fuzz over (snapshot, request, CQL text) with
// hostile names, numbers, nesting and random edits. Every call must either answer with a
// well-formed response or throw a documented error (the ECS exceptions, SnapshotError,
// CqlError), each within a time budget, and the cluster must stay loadable from its own
// toSnapshot() with the same tasks. CI pins the seed (test/support/fc-setup.ts); a failure
// prints the seed and the shrunk scenario.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { EcsServiceException } from '../../src/kernel/errors.js';
import type { RunTaskInput, RunTaskOutput } from '../../src/kernel/run-task-types.js';
import type { Snapshot } from '../../src/kernel/ecs-types.js';
import { SnapshotError } from '../../src/cluster/validate-snapshot.js';
import { CqlError } from '../../src/cql/errors.js';
import { compileExpression } from '../../src/cql/index.js';
import { type HostileScenario, hostileScenarioArb } from '../../src/testing/hostile-arbitraries.js';

/**
 * Per call, wall time. Calls here take well under a millisecond (clusters of at most six
 * instances); the budget is thousands of times that so a loaded machine never trips it,
 * while a hang or an exponential blow-up (a regex, a deep input) still does.
 */
const CALL_BUDGET_MS = 2000;

function documented(error: unknown): boolean {
  return (
    error instanceof EcsServiceException ||
    error instanceof SnapshotError ||
    error instanceof CqlError
  );
}

/** Runs `call` within the budget; a documented error gives undefined, anything else fails. */
function attempt<T>(what: string, call: () => T): T | undefined {
  const started = performance.now();
  let result: T | undefined;
  let thrown: unknown;
  try {
    result = call();
  } catch (error) {
    thrown = error;
  }
  const took = performance.now() - started;
  if (took > CALL_BUDGET_MS) {
    throw new Error(`${what} took ${Math.round(took)} ms, over the ${CALL_BUDGET_MS} ms budget`);
  }
  if (thrown === undefined) return result;
  if (documented(thrown)) return undefined;
  throw new Error(`${what} threw an undocumented error: ${String(thrown)}`, { cause: thrown });
}

function countOf(request: unknown): number {
  const count = (request as { count?: unknown }).count;
  return typeof count === 'number' ? count : 1;
}

function expectWellFormed(output: RunTaskOutput, request: unknown): void {
  expect(Array.isArray(output.tasks) && Array.isArray(output.failures)).toBe(true);
  expect(() => JSON.stringify(output)).not.toThrow();
  const count = countOf(request);
  expect(output.tasks.length).toBeLessThanOrEqual(count);
  if (output.tasks.length < count) expect(output.failures.length).toBeGreaterThan(0);
  for (const task of output.tasks) {
    expect(task.taskArn).toMatch(/^arn:aws:ecs:[^:]+:\d{12}:task\/.+\/[0-9a-f]{32}$/);
    expect(task.desiredStatus).toBe('RUNNING');
    expect(typeof task.group).toBe('string');
  }
  for (const failure of output.failures) {
    expect(typeof failure.arn).toBe('string');
    expect(typeof failure.reason).toBe('string');
  }
}

function taskArns(snapshot: Snapshot): string[] {
  return snapshot.clusters.flatMap((c) => c.tasks.map((t) => t.taskArn)).sort();
}

/** toSnapshot() loads again (as an object and through JSON text) with the same tasks. */
function expectSavable(cluster: Cluster, expectedTasks: readonly string[]): void {
  const saved = attempt('toSnapshot', () => cluster.toSnapshot());
  expect(saved).toBeDefined();
  expect(taskArns(saved!)).toEqual([...expectedTasks].sort());
  const reloaded = Cluster.fromSnapshot(saved);
  expect(taskArns(reloaded.toSnapshot())).toEqual(taskArns(saved!));
  const fromText = Cluster.fromSnapshot(JSON.parse(JSON.stringify(saved)));
  expect(taskArns(fromText.toSnapshot())).toEqual(taskArns(saved!));
}

function exercise(scenario: HostileScenario): void {
  const { request, cql, seed } = scenario;
  attempt('compileExpression', () => compileExpression(cql));
  const cluster = attempt('fromSnapshot', () => Cluster.fromSnapshot(scenario.snapshot));
  if (cluster === undefined) return;
  const tasks = taskArns(cluster.toSnapshot());
  expectSavable(cluster, tasks);

  const listed = attempt('listContainerInstances', () =>
    cluster.listContainerInstances({ filter: cql }),
  );
  if (listed) expect(listed.containerInstanceArns.every((a) => typeof a === 'string')).toBe(true);

  // Hostile input, as a JavaScript caller could send it: checked at run time.
  const plan = attempt('planRunTask', () =>
    cluster.planRunTask(request as RunTaskInput, { seed, now: 0 }),
  );
  if (plan) {
    expectWellFormed(plan, request);
    expect(() => JSON.stringify(plan.explanation)).not.toThrow();
  }
  expectSavable(cluster, tasks); // a plan changes nothing

  const output = attempt('runTask', () =>
    cluster.runTask(request as RunTaskInput, { seed, now: 0 }),
  );
  if (output) {
    expectWellFormed(output, request);
    // The plan promised exactly this response.
    if (plan) expect({ tasks: plan.tasks, failures: plan.failures }).toEqual(output);
    tasks.push(...output.tasks.map((t) => t.taskArn));
  } else {
    expect(plan).toBeUndefined();
  }
  expectSavable(cluster, tasks);

  const { target, name, value } = scenario.attribute;
  const instances =
    attempt('listContainerInstances', () => cluster.listContainerInstances())
      ?.containerInstanceArns ?? [];
  const ref =
    typeof target === 'number' ? instances[target % Math.max(1, instances.length)] : target;
  if (ref !== undefined) attempt('putAttribute', () => cluster.putAttribute(ref, name, value));
  expectSavable(cluster, tasks);

  const stopped = output?.tasks[0]?.taskArn ?? tasks[0];
  if (stopped !== undefined) {
    attempt('stopTask', () => cluster.stopTask(stopped));
    expectSavable(cluster, tasks);
  }
}

describe('fuzz: hostile snapshots, requests and CQL text', () => {
  it('every call answers or throws a documented error, in budget, and the cluster stays savable', () => {
    fc.assert(fc.property(hostileScenarioArb(), exercise), { numRuns: 300 });
  });
});
