// The feasibility memo keeps each instance's verdict between calls (feasibility-memo.ts), keyed
// by what every memoised check declares it depends on (its memoKey). Whatever ran before on a
// cluster, a call must decide and explain exactly as on a fresh load of the same state. The
// task definitions differ from each other in one need at a time, close to what the instances
// have left, so a memo key that forgot a need would reuse a wrong verdict.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { Attribute, TaskDefinition } from '../../src/kernel/ecs-types.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';

const SUBNETS = { 'subnet-a': 'us-east-1a', 'subnet-b': 'us-east-1b' };
const EXPRESSIONS = [
  'attribute:stack == prod',
  'attribute:ecs.instance-type == m5.large',
  'runningTasksCount < 1',
  'task:group != family:f0',
];

// Resources on both sides of what the task definitions need.
const instanceArb = fc.record({
  cpu: fc.constantFrom(256, 512),
  memory: fc.constantFrom(512, 1024),
  ports: fc.subarray([80, 81], { maxLength: 1 }),
  gpus: fc.subarray(['g0', 'g1']),
  stack: fc.constantFrom<string | null | undefined>('prod', 'dev', '', null, undefined),
  zone: fc.constantFrom<string | undefined>('us-east-1a', 'us-east-1b', undefined),
  type: fc.constantFrom<string | undefined>('t3.nano', 'm5.large', undefined),
  agentConnected: fc.constantFrom(true, true, true, false),
});

const definitionArb = fc.record({
  cpu: fc.constantFrom(256, 512),
  memory: fc.constantFrom(512, 1024),
  hostPort: fc.constantFrom<number | undefined>(undefined, undefined, 80, 81),
  gpus: fc.constantFrom(0, 0, 1, 2),
  requires: fc.constantFrom<Attribute[]>(
    [],
    [],
    [{ name: 'stack' }],
    [{ name: 'stack', value: 'prod' }],
    [{ name: 'stack', value: '' }],
  ),
  awsvpc: fc.constantFrom(false, false, true),
});

const callArb = fc.record({
  family: fc.integer({ min: 0, max: 1 }),
  memberOf: fc.integer({ min: 0, max: 1 }),
  subnets: fc.subarray(Object.keys(SUBNETS), { minLength: 1 }),
  distinct: fc.boolean(),
  count: fc.integer({ min: 1, max: 3 }),
  run: fc.boolean(),
});

type DefinitionSpec = typeof definitionArb extends fc.Arbitrary<infer D> ? D : never;
const NEEDS: Record<keyof DefinitionSpec, true> = {
  cpu: true,
  memory: true,
  hostPort: true,
  gpus: true,
  requires: true,
  awsvpc: true,
};

function definitionOf(k: number, d: DefinitionSpec): TaskDefinition {
  return taskDefinition(
    `f${k}`,
    [
      {
        name: 'app',
        cpu: d.cpu,
        memory: d.memory,
        portMappings:
          d.hostPort !== undefined ? [{ containerPort: d.hostPort, hostPort: d.hostPort }] : [],
        ...(d.gpus > 0 ? { resourceRequirements: [{ type: 'GPU', value: String(d.gpus) }] } : {}),
      },
    ],
    {
      ...(d.requires.length > 0 ? { requiresAttributes: d.requires } : {}),
      ...(d.awsvpc ? { networkMode: 'awsvpc' as const } : {}),
    },
  );
}

describe('feasibility memo', () => {
  test('a call on a cluster with a history decides and explains as on a fresh load', () => {
    fc.assert(
      fc.property(
        fc.array(instanceArb, { minLength: 1, maxLength: 5 }),
        definitionArb,
        // A second task definition: the first with one need taken from another spec.
        fc.record({
          need: fc.constantFrom(...(Object.keys(NEEDS) as (keyof DefinitionSpec)[])),
          from: definitionArb,
        }),
        // Two sets of memberOf constraints the calls choose from.
        fc.array(fc.subarray(EXPRESSIONS, { maxLength: 2 }), { minLength: 2, maxLength: 2 }),
        fc.array(callArb, { minLength: 2, maxLength: 8 }),
        (instances, base, variant, memberOfSets, calls) => {
          const second = { ...base, [variant.need]: variant.from[variant.need] };
          fc.pre(JSON.stringify(second) !== JSON.stringify(base));
          const definitions = [base, second];
          const snapshot = snapshotOf({
            instances: instances.map((i, n) =>
              containerInstance({
                id: `ci${n}`,
                cpu: i.cpu,
                memory: i.memory,
                ports: i.ports,
                gpus: i.gpus,
                agentConnected: i.agentConnected,
                attributes: {
                  ...(i.stack !== undefined ? { stack: i.stack } : {}),
                  ...(i.zone !== undefined ? { 'ecs.availability-zone': i.zone } : {}),
                  ...(i.type !== undefined ? { 'ecs.instance-type': i.type } : {}),
                },
              }),
            ),
            taskDefinitions: definitions.map((d, k) => definitionOf(k, d)),
            subnets: SUBNETS,
          });
          const cluster = Cluster.fromSnapshot(snapshot);
          calls.forEach((call, n) => {
            const request: RunTaskInput = {
              taskDefinition: `f${call.family}`,
              count: call.count,
              networkConfiguration: { awsvpcConfiguration: { subnets: call.subnets } },
              placementConstraints: [
                ...(call.distinct ? [{ type: 'distinctInstance' as const }] : []),
                ...memberOfSets[call.memberOf]!.map((expression) => ({
                  type: 'memberOf' as const,
                  expression,
                })),
              ],
            };
            const options = { seed: `call-${n}`, now: 0 };
            const plan = (on: Cluster) => {
              try {
                return JSON.stringify(on.planRunTask(request, options));
              } catch (error) {
                return `error ${String(error)}`;
              }
            };
            const fresh = Cluster.fromSnapshot(cluster.toSnapshot());
            expect(plan(cluster)).toBe(plan(fresh));
            if (call.run) {
              try {
                cluster.runTask(request, options);
              } catch {
                // a refused request changes nothing
              }
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * For each memoised check, two calls that differ in that need alone, on an instance that
 * fails the first and passes the second: planned one after the other on one cluster, the
 * second must not reuse the first one's verdict.
 */
describe('every memoised need is part of the memo key', () => {
  const container = { name: 'app', cpu: 100, memory: 100 };
  const pairs: {
    need: string;
    instance: Parameters<typeof containerInstance>[0];
    first: TaskDefinition;
    second: TaskDefinition;
    requests?: [Partial<RunTaskInput>, Partial<RunTaskInput>];
  }[] = [
    {
      need: 'cpu',
      instance: { id: 'i', cpu: 256 },
      first: taskDefinition('a', [{ ...container, cpu: 512 }]),
      second: taskDefinition('b', [{ ...container, cpu: 256 }]),
    },
    {
      need: 'memory',
      instance: { id: 'i', memory: 256 },
      first: taskDefinition('a', [{ ...container, memory: 512 }]),
      second: taskDefinition('b', [{ ...container, memory: 256 }]),
    },
    {
      need: 'TCP ports',
      instance: { id: 'i', ports: [80] },
      first: taskDefinition('a', [
        { ...container, portMappings: [{ containerPort: 80, hostPort: 80 }] },
      ]),
      second: taskDefinition('b', [
        { ...container, portMappings: [{ containerPort: 81, hostPort: 81 }] },
      ]),
    },
    {
      need: 'UDP ports',
      instance: { id: 'i', udpPorts: [53] },
      first: taskDefinition('a', [
        { ...container, portMappings: [{ containerPort: 53, hostPort: 53, protocol: 'udp' }] },
      ]),
      second: taskDefinition('b', [
        { ...container, portMappings: [{ containerPort: 54, hostPort: 54, protocol: 'udp' }] },
      ]),
    },
    {
      need: 'GPUs',
      instance: { id: 'i', gpus: ['g0'] },
      first: taskDefinition('a', [
        { ...container, resourceRequirements: [{ type: 'GPU', value: '2' }] },
      ]),
      second: taskDefinition('b', [
        { ...container, resourceRequirements: [{ type: 'GPU', value: '1' }] },
      ]),
    },
    {
      need: 'required attribute value',
      instance: { id: 'i', attributes: { stack: '' } },
      first: taskDefinition('a', [container], {
        requiresAttributes: [{ name: 'stack', value: 'prod' }],
      }),
      second: taskDefinition('b', [container], {
        requiresAttributes: [{ name: 'stack', value: '' }],
      }),
    },
    {
      need: 'the zones of the subnets',
      instance: { id: 'i', attributes: { 'ecs.availability-zone': 'us-east-1b' } },
      first: taskDefinition('a', [container], { networkMode: 'awsvpc' }),
      second: taskDefinition('b', [container], { networkMode: 'awsvpc' }),
      requests: [
        { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } } },
        { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-b'] } } },
      ],
    },
    {
      need: 'memberOf expressions',
      instance: { id: 'i', attributes: { stack: 'dev' } },
      first: taskDefinition('a', [container]),
      second: taskDefinition('b', [container]),
      requests: [
        { placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }] },
        { placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == dev' }] },
      ],
    },
  ];

  test.each(pairs)('$need', ({ instance, first, second, requests }) => {
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: [containerInstance(instance)],
        taskDefinitions: [first, { ...second, family: 'a', revision: 2 }],
        subnets: SUBNETS,
      }),
    );
    const [one, two] = requests ?? [{}, {}];
    // The same family, so the calls differ in nothing but the need (and its request part).
    const refused = cluster.planRunTask({ taskDefinition: 'a:1', ...one });
    expect(refused.tasks).toHaveLength(0);
    const placed = cluster.planRunTask({ taskDefinition: 'a:2', ...two });
    expect(placed.failures).toEqual([]);
    expect(placed.tasks).toHaveLength(1);
  });
});
