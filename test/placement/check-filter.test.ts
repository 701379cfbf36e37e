// PlacementCheck.filter decides many instances at once (a first call of its kind decides
// every candidate that way, check by check): it must keep exactly the instances whose
// `passes` is true, in order, whether the check reads the model's columns (agent, CPU,
// memory, memberOf) or falls back to `passes` (the others). And the engine's check-by-check
// pass gives every candidate the same first failing check as firstFailing would.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { compileExpression } from '../../src/cql/index.js';
import { agentCheck } from '../../src/placement/checks/agent-check.js';
import { attributeCheck } from '../../src/placement/checks/attribute-check.js';
import { FEASIBLE, firstFailing } from '../../src/placement/checks/first-failing.js';
import { memberOfCheck } from '../../src/placement/checks/member-of-check.js';
import type { PlacementCheck } from '../../src/placement/checks/placement-check.js';
import { tcpPortCheck } from '../../src/placement/checks/port-checks.js';
import { cpuCheck, gpuCheck, memoryCheck } from '../../src/placement/checks/resource-checks.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { runEngine } from './engine-harness.js';
import { checkCall, stateFor, svcContext, svcDefinition, svcNeeds } from './check-call.js';

const needs = svcNeeds;
const ctx = svcContext;
const expression = 'attribute:team == web and runningTasksCount < 3';
const constraints = {
  memberOf: [{ expression, predicate: compileExpression(expression) }],
  distinctInstance: false,
};
const MEMOISED: PlacementCheck[] = [
  agentCheck,
  attributeCheck,
  cpuCheck,
  memoryCheck,
  tcpPortCheck,
  gpuCheck,
  memberOfCheck,
];

const instanceArb = fc.record({
  agentConnected: fc.boolean(),
  cpu: fc.integer({ min: 0, max: 1024 }),
  memory: fc.integer({ min: 0, max: 2048 }),
  ports: fc.subarray([22, 80]),
  gpus: fc.subarray(['g0']),
  stack: fc.constantFrom('prod', 'dev'),
  team: fc.constantFrom('web', 'ml'),
  runningTasksCount: fc.integer({ min: 0, max: 5 }),
});

describe('PlacementCheck.filter', () => {
  test('keeps exactly the instances that pass, in order', () => {
    fc.assert(
      fc.property(fc.array(instanceArb, { minLength: 1, maxLength: 10 }), (specs) => {
        const model = new ClusterModel(
          snapshotOf({
            instances: specs.map((s, n) => ({
              ...containerInstance({
                id: `i${n}`,
                ...s,
                attributes: { stack: s.stack, team: s.team },
              }),
              runningTasksCount: s.runningTasksCount,
            })),
            taskDefinitions: [svcDefinition],
          }).clusters[0]!,
        );
        const call = checkCall(model, needs, constraints);
        for (const check of MEMOISED) {
          const state = stateFor(check, call);
          const rows = Int32Array.from(model.instances.map((i) => i.index));
          const kept = check.filter(model, rows, rows.length, needs, ctx, state);
          const expected = model.instances
            .filter((i) => check.passes(i, needs, ctx, state))
            .map((i) => i.index);
          expect([...rows.subarray(0, kept)], check.name).toEqual(expected);
        }
        // The chain decided check by check equals firstFailing on each instance.
        const states = MEMOISED.map((check) => stateFor(check, call));
        const verdicts = model.instances.map((i) =>
          firstFailing({ checks: MEMOISED, states }, i, needs, ctx),
        );
        const rows = Int32Array.from(model.instances.map((i) => i.index));
        const byCheck = new Array<number>(rows.length).fill(FEASIBLE);
        let count = rows.length;
        for (let k = 0; k < MEMOISED.length; k++) {
          for (let i = 0; i < count; i++) byCheck[rows[i]!] = k;
          count = MEMOISED[k]!.filter(model, rows, count, needs, ctx, states[k]);
        }
        for (let i = 0; i < count; i++) byCheck[rows[i]!] = FEASIBLE;
        expect(byCheck).toEqual(verdicts);
      }),
    );
  });

  test('a first call of its kind reports each candidate by its first failing check', () => {
    const small = taskDefinition('web', [{ name: 'app', cpu: 256, memory: 512 }], {
      requiresAttributes: [{ name: 'stack' }],
    });
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'a', agentConnected: false, cpu: 100, attributes: {} }),
        containerInstance({ id: 'b', attributes: { team: 'web' } }),
        containerInstance({ id: 'c', cpu: 100, attributes: { stack: 'x', team: 'ml' } }),
        containerInstance({ id: 'd', memory: 100, attributes: { stack: 'x', team: 'ml' } }),
        containerInstance({ id: 'e', attributes: { stack: 'x', team: 'ml' } }),
      ],
      taskDefinitions: [small],
    });
    const result = runEngine(snapshot, {
      definition: small,
      count: 1,
      memberOf: [
        {
          expression: 'attribute:team == web',
          predicate: compileExpression('attribute:team == web'),
        },
      ],
    });
    expect(result.tasks).toEqual([]);
    expect(result.failures.map((f) => [f.arn.split('/').pop(), f.reason])).toEqual([
      ['a', 'AGENT'],
      ['b', 'ATTRIBUTE'],
      ['c', 'RESOURCE:CPU'],
      ['d', 'RESOURCE:MEMORY'],
      ['e', 'MemberOf placement constraint unsatisfied.'],
    ]);
  });
});
