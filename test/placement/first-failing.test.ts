import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { compileExpression } from '../../src/cql/index.js';
import { agentCheck } from '../../src/placement/checks/agent-check.js';
import { attributeCheck } from '../../src/placement/checks/attribute-check.js';
import { distinctInstanceCheck } from '../../src/placement/checks/distinct-instance-check.js';
import { FEASIBLE, firstFailing } from '../../src/placement/checks/first-failing.js';
import { memberOfCheck } from '../../src/placement/checks/member-of-check.js';
import type { PlacementCheck } from '../../src/placement/checks/placement-check.js';
import { tcpPortCheck } from '../../src/placement/checks/port-checks.js';
import { cpuCheck, gpuCheck, memoryCheck } from '../../src/placement/checks/resource-checks.js';
import { containerInstance, runningTask, snapshotOf } from '../../src/testing/builders.js';
import { checkCall, stateFor, svcContext, svcDefinition, svcNeeds } from './check-call.js';

const needs = svcNeeds;
const ctx = svcContext;
const expression = 'attribute:team == web';
const constraints = {
  memberOf: [{ expression, predicate: compileExpression(expression) }],
  distinctInstance: true,
};
const ALL: PlacementCheck[] = [
  agentCheck,
  attributeCheck,
  cpuCheck,
  memoryCheck,
  tcpPortCheck,
  gpuCheck,
  memberOfCheck,
  distinctInstanceCheck,
];

describe('firstFailing', () => {
  test('is the index of the first check whose passes is false, FEASIBLE when none is', () => {
    const specArb = fc.record({
      agentConnected: fc.boolean(),
      cpu: fc.integer({ min: 0, max: 1024 }),
      memory: fc.integer({ min: 0, max: 2048 }),
      ports: fc.subarray([22, 80]),
      gpus: fc.subarray(['g0']),
      stack: fc.constantFrom('prod', 'dev'),
      team: fc.constantFrom('web', 'ml'),
      sameGroup: fc.boolean(),
      // Any order and any subset of the checks, as a chain.
      chain: fc.shuffledSubarray(ALL),
    });
    fc.assert(
      fc.property(specArb, (s) => {
        const snapshot = snapshotOf({
          instances: [
            containerInstance({ id: 'x', ...s, attributes: { stack: s.stack, team: s.team } }),
          ],
          taskDefinitions: [svcDefinition],
          tasks: s.sameGroup ? [runningTask('t0', 'x', 'family:svc')] : [],
        });
        const model = new ClusterModel(snapshot.clusters[0]!);
        const instance = model.instances[0]!;
        const call = checkCall(model, needs, constraints);
        const states = s.chain.map((check) => stateFor(check, call));
        const expected = s.chain.findIndex(
          (check, k) => !check.passes(instance, needs, ctx, states[k]),
        );
        expect(firstFailing({ checks: s.chain, states }, instance, needs, ctx)).toBe(
          expected === -1 ? FEASIBLE : expected,
        );
      }),
    );
  });
});
