import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { compileExpression } from '../../src/cql/index.js';
import type { Task } from '../../src/kernel/ecs-types.js';
import { agentCheck } from '../../src/placement/checks/agent-check.js';
import { attributeCheck } from '../../src/placement/checks/attribute-check.js';
import { buildCheckChain } from '../../src/placement/checks/check-chain.js';
import { distinctInstanceCheck } from '../../src/placement/checks/distinct-instance-check.js';
import { memberOfCheck } from '../../src/placement/checks/member-of-check.js';
import { tcpPortCheck, udpPortCheck } from '../../src/placement/checks/port-checks.js';
import { registeredChecks } from '../../src/placement/checks/registry.js';
import { cpuCheck, gpuCheck, memoryCheck } from '../../src/placement/checks/resource-checks.js';
import { computeTaskNeeds } from '../../src/placement/task-needs.js';
import {
  containerInstance,
  type InstanceSpec,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { checkCall, stateFor } from './check-call.js';
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
const distinctOnly = { memberOf: [], distinctInstance: true };

function modelOf(spec: InstanceSpec, groups: string[] = []) {
  const snapshot = snapshotOf({
    instances: [containerInstance(spec)],
    taskDefinitions: [def],
    tasks: groups.map((g, n) => runningTask(`t${n}`, spec.id, g)),
  });
  return new ClusterModel(snapshot.clusters[0]!);
}

describe('checks', () => {
  test('each check reports amounts and names', () => {
    const poorModel = modelOf(
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
    const poor = poorModel.instances[0]!;
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
    const hosts = stateFor(distinctInstanceCheck, checkCall(poorModel, needs, distinctOnly));
    expect(distinctInstanceCheck.check(poor, needs, ctx, hosts)).toMatchObject({
      reason: 'DistinctInstance placement constraint unsatisfied.',
      group: 'family:svc',
    });
    const stack = attributeEquals('stack', 'prod');
    expect(memberOfCheck.check(poor, needs, ctx, stack)).toMatchObject({
      reason: 'MemberOf placement constraint unsatisfied.',
      expression: 'attribute:stack == prod',
      failing: [{ observed: 'dev' }],
    });
  });

  test('a rich instance passes every check', () => {
    const richModel = modelOf(
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
    const rich = richModel.instances[0]!;
    const stack = attributeEquals('stack', 'prod');
    const all = [
      agentCheck,
      attributeCheck,
      cpuCheck,
      memoryCheck,
      tcpPortCheck,
      udpPortCheck,
      gpuCheck,
    ];
    for (const check of all) expect(check.check(rich, needs, ctx, undefined)).toBeUndefined();
    const hosts = stateFor(distinctInstanceCheck, checkCall(richModel, needs, distinctOnly));
    expect(distinctInstanceCheck.check(rich, needs, ctx, hosts)).toBeUndefined();
    expect(memberOfCheck.check(rich, needs, ctx, stack)).toBeUndefined();
  });

  test('passes is true exactly when check finds nothing, for every registered check', () => {
    // Two task kinds between them put every check in the chain: a bridge task (ports, GPUs,
    // attributes) and an awsvpc task (ENI, LOCATION), both with memberOf and distinctInstance.
    const awsvpc = taskDefinition(
      'svc',
      [{ name: 'a', cpu: 256, memory: 512, resourceRequirements: [{ type: 'GPU', value: '1' }] }],
      { networkMode: 'awsvpc', requiresAttributes: [{ name: 'stack' }] },
    );
    const kinds = [
      needs,
      computeTaskNeeds(awsvpc, undefined, new Set(['us-east-1a', 'us-east-1b'])),
    ];
    const expressions = [
      'attribute:stack == prod',
      'runningTasksCount < 2',
      'task:group == family:svc',
    ];
    const constraints = {
      memberOf: expressions.map((expression) => ({
        expression,
        predicate: compileExpression(expression),
      })),
      distinctInstance: true,
    };
    // Tasks already on the instance: any group, desiredStatus RUNNING, PENDING or STOPPED,
    // lastStatus PENDING or RUNNING, with or without a task network interface.
    const taskArb = fc.record({
      group: fc.constantFrom('family:svc', 'family:other'),
      desiredStatus: fc.constantFrom('RUNNING', 'PENDING', 'STOPPED'),
      lastStatus: fc.constantFrom('PENDING', 'RUNNING'),
      awsvpc: fc.boolean(),
    });
    const specArb = fc.record({
      agentConnected: fc.boolean(),
      cpu: fc.integer({ min: 0, max: 2048 }),
      memory: fc.integer({ min: 0, max: 4096 }),
      ports: fc.subarray([22, 80, 443]),
      udpPorts: fc.subarray([53, 5000]),
      gpus: fc.subarray(['g0', 'g1', 'g2']),
      stack: fc.constantFrom<string | null | undefined>('prod', 'dev', null, undefined),
      eni: fc.boolean(),
      zone: fc.constantFrom<string | undefined>('us-east-1a', 'us-east-1c', undefined),
      instanceType: fc.constantFrom<string | undefined>(
        't3.micro',
        'm5.large',
        'x9.unknown',
        undefined,
      ),
      trunk: fc.boolean(),
      tasks: fc.array(taskArb, { maxLength: 4 }),
    });
    const seen = new Set<string>();
    fc.assert(
      fc.property(specArb, ({ stack, eni, zone, instanceType, trunk, tasks, ...s }) => {
        const attributes: Record<string, string | null> = {};
        if (stack !== undefined) attributes['stack'] = stack;
        if (eni) attributes['ecs.capability.task-eni'] = null;
        if (zone !== undefined) attributes['ecs.availability-zone'] = zone;
        if (instanceType !== undefined) attributes['ecs.instance-type'] = instanceType;
        if (trunk) attributes['ecs.awsvpc-trunk-id'] = 'eni-trunk';
        const existing: Task[] = tasks.map((t, n) =>
          runningTask(`t${n}`, 'x', t.group, {
            desiredStatus: t.desiredStatus,
            lastStatus: t.lastStatus,
            ...(t.awsvpc ? { attachments: [{ type: 'ElasticNetworkInterface' }] } : {}),
          }),
        );
        const model = new ClusterModel(
          snapshotOf({
            instances: [containerInstance({ id: 'x', ...s, attributes })],
            taskDefinitions: [def],
            tasks: existing,
          }).clusters[0]!,
        );
        const instance = model.instances[0]!;
        for (const kind of kinds) {
          const chain = buildCheckChain(checkCall(model, kind, constraints));
          chain.checks.forEach((check, k) => {
            seen.add(check.name);
            const state = chain.states[k];
            expect(check.passes(instance, kind, ctx, state)).toBe(
              check.check(instance, kind, ctx, state) === undefined,
            );
          });
        }
      }),
    );
    expect([...seen].sort()).toEqual(
      registeredChecks()
        .map((c) => c.name)
        .sort(),
    );
  });
});
