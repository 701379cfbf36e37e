// A memoised check that refuses every instance and records each instance it evaluates
// (registered as docs/ARCHITECTURE.md, "How to add a check", describes): the tests of the
// feasibility memo count with it which instances a call evaluates again. Refusing every
// instance means no task is placed and nothing changes during a call, so what it counts is
// the memo's work alone.
import { afterEach } from 'vitest';
import type { Cluster } from '../../src/api/cluster.js';
import { defineCheck } from '../../src/placement/checks/placement-check.js';
import { registerCheck } from '../../src/placement/checks/registry.js';

/** The ids of the instances evaluated since the last reset, in evaluation order. */
export const evaluated: string[] = [];

const countingCheck = defineCheck({
  name: 'COUNTING',
  reason: 'COUNTING',
  order: 96,
  memoKey: () => 'counting',
  passes: (instance) => {
    evaluated.push(instance.id);
    return false;
  },
  explain: () => ({ detail: 'refuses every instance' }),
});

let unregister: (() => void) | undefined;

/** Registers the counting check for the current test (removed after it). */
export function useCountingCheck(): void {
  unregister = registerCheck(countingCheck);
}

afterEach(() => {
  unregister?.();
  unregister = undefined;
  evaluated.length = 0;
});

/**
 * The instances (ids, sorted) the next RunTask of task definition `web` evaluates, run
 * inside whatIf so it changes nothing (and without a trace: a plan's explanation evaluates
 * every check again).
 */
export function evaluatedByNextCall(cluster: Cluster): string[] {
  evaluated.length = 0;
  cluster.whatIf((c) => c.runTask({ taskDefinition: 'web' }, { seed: 's', now: 0 }));
  return [...evaluated].sort();
}
