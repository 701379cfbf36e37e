import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { agentCheck } from '../../src/placement/checks/agent-check.js';
import { attributeCheck } from '../../src/placement/checks/attribute-check.js';
import { distinctInstanceCheck } from '../../src/placement/checks/distinct-instance-check.js';
import { memberOfCheck } from '../../src/placement/checks/member-of-check.js';
import type { PlacementCheck } from '../../src/placement/checks/placement-check.js';
import { tcpPortCheck, udpPortCheck } from '../../src/placement/checks/port-checks.js';
import { cpuCheck, gpuCheck, memoryCheck } from '../../src/placement/checks/resource-checks.js';
import { computeTaskNeeds } from '../../src/placement/task-needs.js';
import {
  containerInstance,
  type InstanceSpec,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { attributeEquals } from './engine-harness.js';

const def = taskDefinition(
  'svc',
  [
    {
      name: 'a',
      cpu: 512,
      memory: 1024,
      portMappings: [
        { containerPort: 80, hostPort: 80 },
        { containerPort: 5000, hostPort: 5000, protocol: 'udp' },
      ],
      resourceRequirements: [{ type: 'GPU', value: '2' }],
    },
  ],
  { requiresAttributes: [{ name: 'ecs.capability.task-eni' }, { name: 'stack', value: 'prod' }] },
);
const needs = computeTaskNeeds(def, undefined);
const ctx = { group: 'family:svc' };

function instanceOf(spec: InstanceSpec, groups: string[] = []) {
  const snapshot = snapshotOf({
    instances: [containerInstance(spec)],
    taskDefinitions: [def],
    tasks: groups.map((g, n) => runningTask(`t${n}`, spec.id, g)),
  });
  return new ClusterModel(snapshot.clusters[0]!).instances[0]!;
}

describe('checks', () => {
  test('each check reports amounts and names', () => {
    const poor = instanceOf(
      {
        id: 'p',
        agentConnected: false,
        cpu: 100,
        memory: 256,
        ports: [80],
        udpPorts: [5000],
        gpus: ['g0'],
        attributes: { stack: 'dev' },
      },
      ['family:svc'],
    );
    expect(agentCheck.check(poor, needs, ctx)?.reason).toBe('AGENT');
    expect(attributeCheck.check(poor, needs, ctx)).toMatchObject({
      reason: 'ATTRIBUTE',
      missingAttributes: ['ecs.capability.task-eni', 'stack=prod'],
    });
    expect(cpuCheck.check(poor, needs, ctx)).toMatchObject({
      needed: 512,
      available: 100,
      detail: 'needs 512 CPU units, 100 free',
    });
    expect(memoryCheck.check(poor, needs, ctx)).toMatchObject({
      needed: 1024,
      available: 256,
      detail: 'needs 1024 MiB of memory, 256 free',
    });
    expect(tcpPortCheck.check(poor, needs, ctx)).toMatchObject({
      reason: 'RESOURCE:PORTS',
      takenPorts: [80],
    });
    expect(udpPortCheck.check(poor, needs, ctx)).toMatchObject({
      reason: 'RESOURCE:PORTS_UDP',
      takenPorts: [5000],
    });
    expect(gpuCheck.check(poor, needs, ctx)).toMatchObject({
      reason: 'RESOURCE:GPU',
      needed: 2,
      available: 1,
    });
    expect(distinctInstanceCheck.check(poor, needs, ctx)).toMatchObject({
      reason: 'DistinctInstance placement constraint unsatisfied.',
      group: 'family:svc',
    });
    const stack = attributeEquals('stack', 'prod');
    expect(memberOfCheck(stack.expression, stack.predicate).check(poor, needs, ctx)).toMatchObject({
      reason: 'MemberOf placement constraint unsatisfied.',
      expression: 'attribute:stack == prod',
      failing: [{ observed: 'dev' }],
    });
  });

  test('a rich instance passes every check', () => {
    const rich = instanceOf(
      {
        id: 'r',
        cpu: 4096,
        memory: 8192,
        ports: [22],
        gpus: ['g0', 'g1'],
        attributes: { stack: 'prod', 'ecs.capability.task-eni': null },
      },
      ['family:other'],
    );
    const stack = attributeEquals('stack', 'prod');
    const all = [
      agentCheck,
      attributeCheck,
      cpuCheck,
      memoryCheck,
      tcpPortCheck,
      udpPortCheck,
      gpuCheck,
      distinctInstanceCheck,
      memberOfCheck(stack.expression, stack.predicate),
    ];
    for (const check of all) expect(check.check(rich, needs, ctx)).toBeUndefined();
  });

  test('passes is true exactly when check finds nothing', () => {
    const checks: PlacementCheck[] = [
      agentCheck,
      attributeCheck,
      cpuCheck,
      memoryCheck,
      tcpPortCheck,
      udpPortCheck,
      gpuCheck,
      distinctInstanceCheck,
    ];
    const specArb = fc.record({
      agentConnected: fc.boolean(),
      cpu: fc.integer({ min: 0, max: 2048 }),
      memory: fc.integer({ min: 0, max: 4096 }),
      ports: fc.subarray([22, 80, 443]),
      udpPorts: fc.subarray([53, 5000]),
      gpus: fc.subarray(['g0', 'g1', 'g2']),
      stack: fc.constantFrom('prod', 'dev'),
      eni: fc.boolean(),
      sameGroup: fc.boolean(),
    });
    fc.assert(
      fc.property(specArb, (s) => {
        const instance = instanceOf(
          {
            id: 'x',
            ...s,
            attributes: { stack: s.stack, ...(s.eni ? { 'ecs.capability.task-eni': null } : {}) },
          },
          s.sameGroup ? ['family:svc'] : [],
        );
        for (const check of checks) {
          expect(check.passes(instance, needs, ctx)).toBe(
            check.check(instance, needs, ctx) === undefined,
          );
        }
      }),
    );
  });
});
