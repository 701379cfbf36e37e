import { describe, expect, test } from 'vitest';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { attributeEquals, runEngine } from './engine-harness.js';

const small = taskDefinition('web', [{ name: 'app', image: 'nginx', cpu: 256, memory: 512 }]);

describe('placement engine', () => {
  test('a task that fits nowhere gives one failure per candidate with its first failing check', () => {
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'a', agentConnected: false, memory: 100 }),
        containerInstance({ id: 'b', cpu: 100, memory: 100 }),
        containerInstance({ id: 'c', memory: 100 }),
        containerInstance({ id: 'd', status: 'DRAINING' }),
      ],
      taskDefinitions: [small],
    });
    const result = runEngine(snapshot, { definition: small, count: 3 });
    expect(result.tasks).toEqual([]);
    expect(result.failures.map((f) => [f.arn.split('/').pop(), f.reason])).toEqual([
      ['a', 'AGENT'],
      ['b', 'RESOURCE:CPU'],
      ['c', 'RESOURCE:MEMORY'],
    ]);
  });

  test('tasks placed earlier in the call use up resources for the later ones', () => {
    const snapshot = snapshotOf({
      instances: [containerInstance({ id: 'a', cpu: 600, memory: 4096 })],
      taskDefinitions: [small],
    });
    const result = runEngine(snapshot, { definition: small, count: 3 });
    expect(result.placedOn).toEqual(['a', 'a']);
    expect(result.failures).toEqual([
      { arn: expect.stringContaining('/a'), reason: 'RESOURCE:CPU' },
    ]);
    expect(result.model.instances[0]!.cpu).toBe(88);
    expect(result.model.instances[0]!.memory).toBe(4096 - 1024);
  });

  test('distinctInstance counts same-group tasks, including those of the same call', () => {
    const snapshot = snapshotOf({
      instances: ['a', 'b', 'c'].map((id) => containerInstance({ id })),
      taskDefinitions: [small],
      tasks: [runningTask('old', 'a', 'family:web'), runningTask('other', 'b', 'family:db')],
    });
    const result = runEngine(snapshot, { definition: small, count: 3, distinctInstance: true });
    expect([...result.placedOn].sort()).toEqual(['b', 'c']);
    expect(result.failures.map((f) => f.reason)).toEqual([
      'DistinctInstance placement constraint unsatisfied.',
      'DistinctInstance placement constraint unsatisfied.',
      'DistinctInstance placement constraint unsatisfied.',
    ]);
  });

  test('a same-group task whose desiredStatus is STOPPED does not block distinctInstance', () => {
    const snapshot = snapshotOf({
      instances: [containerInstance({ id: 'a' })],
      taskDefinitions: [small],
      tasks: [runningTask('old', 'a', 'family:web', { desiredStatus: 'STOPPED' })],
    });
    expect(runEngine(snapshot, { definition: small, distinctInstance: true }).placedOn).toEqual([
      'a',
    ]);
  });

  test('a same-group task whose desiredStatus is PENDING blocks distinctInstance', () => {
    const snapshot = snapshotOf({
      instances: [containerInstance({ id: 'a' }), containerInstance({ id: 'b' })],
      taskDefinitions: [small],
      tasks: [runningTask('old', 'a', 'family:web', { desiredStatus: 'PENDING' })],
    });
    const result = runEngine(snapshot, { definition: small, count: 2, distinctInstance: true });
    expect(result.placedOn).toEqual(['b']);
    expect(result.failures).toEqual([
      {
        arn: expect.stringContaining('/a'),
        reason: 'DistinctInstance placement constraint unsatisfied.',
      },
      {
        arn: expect.stringContaining('/b'),
        reason: 'DistinctInstance placement constraint unsatisfied.',
      },
    ]);
  });

  test('spread buckets count only RUNNING-desired same-group tasks on ACTIVE instances', () => {
    const zone = (z: string) => ({ 'ecs.availability-zone': z });
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'a1', attributes: zone('a') }),
        containerInstance({ id: 'a2', attributes: zone('a'), status: 'DRAINING' }),
        containerInstance({ id: 'b1', attributes: zone('b') }),
      ],
      taskDefinitions: [small],
      tasks: [
        // None of these load zone a: a DRAINING host, a PENDING-desired task, another group.
        runningTask('drain1', 'a2', 'family:web'),
        runningTask('drain2', 'a2', 'family:web'),
        runningTask('pending', 'a1', 'family:web', { desiredStatus: 'PENDING' }),
        runningTask('other', 'a1', 'family:db'),
        runningTask('counted', 'b1', 'family:web'),
      ],
    });
    const result = runEngine(snapshot, {
      definition: small,
      count: 1,
      strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    });
    expect(result.placedOn).toEqual(['a1']);
  });

  test('random leaves every candidate tied: rules after it change nothing', () => {
    const snapshot = snapshotOf({
      instances: [1024, 2048, 3072, 4096].map((memory, n) =>
        containerInstance({ id: `m${n}`, memory }),
      ),
      taskDefinitions: [small],
    });
    const seeds = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
    const hosts = (strategies: { type: 'random' | 'binpack'; field?: string }[], seed: string) =>
      runEngine(snapshot, { definition: small, count: 2, strategies, seed }).placedOn;
    const binpack = { type: 'binpack' as const, field: 'memory' };
    for (const seed of seeds) {
      expect(hosts([{ type: 'random' }, binpack], seed)).toEqual(hosts([], seed));
    }
    // Binpack alone always starts with the fullest instance; random does not.
    expect(hosts([binpack], 's1')).toEqual(['m0', 'm0']);
    expect(seeds.some((seed) => hosts([{ type: 'random' }, binpack], seed)[0] !== 'm0')).toBe(true);
  });

  test('binpack ties go to the next rule: equal memory left, the emptier zone wins', () => {
    const zone = (z: string) => ({ 'ecs.availability-zone': z });
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'a1', memory: 2048, attributes: zone('a') }),
        containerInstance({ id: 'b1', memory: 2048, attributes: zone('b') }),
        containerInstance({ id: 'b2', memory: 1024, cpu: 100, attributes: zone('b') }),
        containerInstance({ id: 'c1', memory: 4096, attributes: zone('c') }),
      ],
      taskDefinitions: [small],
      // b2 cannot host (CPU) but its task still loads zone b.
      tasks: [runningTask('t', 'b2', 'family:web')],
    });
    // Whatever the seed: the tie-break never gets a say once spread has split the tie.
    for (const seed of ['s1', 's2', 's3', 's4', 's5', 's6']) {
      const result = runEngine(snapshot, {
        definition: small,
        count: 1,
        strategies: [
          { type: 'binpack', field: 'memory' },
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
        ],
        seed,
      });
      expect(result.placedOn).toEqual(['a1']);
    }
  });

  test('memberOf failures come after resource failures in the reason order', () => {
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'a', memory: 100, attributes: { stack: 'dev' } }),
        containerInstance({ id: 'b', attributes: { stack: 'dev' } }),
        containerInstance({ id: 'c', attributes: { stack: 'prod' } }),
      ],
      taskDefinitions: [small],
    });
    const result = runEngine(snapshot, {
      definition: small,
      count: 2,
      memberOf: [attributeEquals('stack', 'prod')],
      distinctInstance: true,
    });
    expect(result.placedOn).toEqual(['c']);
    expect(result.failures.map((f) => f.reason)).toEqual([
      'RESOURCE:MEMORY',
      'MemberOf placement constraint unsatisfied.',
      'DistinctInstance placement constraint unsatisfied.',
    ]);
  });

  test('binpack on memory fills the fullest instance that still fits', () => {
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'roomy', memory: 8192 }),
        containerInstance({ id: 'tight', memory: 1100 }),
        containerInstance({ id: 'tooSmall', memory: 300 }),
      ],
      taskDefinitions: [small],
    });
    const result = runEngine(snapshot, {
      definition: small,
      count: 4,
      strategies: [{ type: 'binpack', field: 'memory' }],
    });
    expect(result.placedOn).toEqual(['tight', 'tight', 'roomy', 'roomy']);
  });

  test('spread over an attribute balances zones, counting existing group tasks on all ACTIVE instances', () => {
    const zone = (z: string) => ({ 'ecs.availability-zone': z });
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'a1', attributes: zone('a') }),
        containerInstance({ id: 'a2', attributes: zone('a') }),
        containerInstance({ id: 'b1', attributes: zone('b') }),
        containerInstance({ id: 'c1', attributes: zone('c'), memory: 10 }),
        containerInstance({ id: 'c2', attributes: zone('c') }),
      ],
      taskDefinitions: [small],
      tasks: [runningTask('t1', 'c1', 'family:web'), runningTask('t2', 'a1', 'family:other')],
    });
    const result = runEngine(snapshot, {
      definition: small,
      count: 5,
      strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    });
    const zones = result.placedOn.map((id) => id[0]);
    // c already holds one task of the group: a and b get theirs first.
    expect(zones.slice(0, 2).sort()).toEqual(['a', 'b']);
    expect(zones.filter((z) => z === 'a')).toHaveLength(2);
    expect(zones.filter((z) => z === 'b')).toHaveLength(2);
    expect(zones.filter((z) => z === 'c')).toHaveLength(1);
  });

  test('instances lacking the spread attribute form one bucket of their own', () => {
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'x1', attributes: { rack: 'x' } }),
        containerInstance({ id: 'n1' }),
        containerInstance({ id: 'n2' }),
      ],
      taskDefinitions: [small],
    });
    const result = runEngine(snapshot, {
      definition: small,
      count: 2,
      strategies: [{ type: 'spread', field: 'attribute:rack' }],
    });
    expect(result.placedOn.filter((id) => id.startsWith('n'))).toHaveLength(1);
    expect(result.placedOn).toContain('x1');
  });

  test('spread by instanceId then binpack: one task per instance, fullest first', () => {
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'big', memory: 9000 }),
        containerInstance({ id: 'mid', memory: 5000 }),
        containerInstance({ id: 'low', memory: 2000 }),
      ],
      taskDefinitions: [small],
    });
    const result = runEngine(snapshot, {
      definition: small,
      count: 4,
      strategies: [
        { type: 'spread', field: 'instanceId' },
        { type: 'binpack', field: 'memory' },
      ],
    });
    expect(result.placedOn).toEqual(['low', 'mid', 'big', 'low']);
  });

  test('static host ports block instances where the port is taken and are taken by the placement', () => {
    const bridge = taskDefinition('api', [
      {
        name: 'app',
        cpu: 10,
        memory: 10,
        portMappings: [
          { containerPort: 8080, hostPort: 80 },
          { containerPort: 53, hostPort: 53, protocol: 'udp' },
        ],
      },
    ]);
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'a', ports: [22, 80] }),
        containerInstance({ id: 'b', udpPorts: [53] }),
        containerInstance({ id: 'c' }),
      ],
      taskDefinitions: [bridge],
    });
    const result = runEngine(snapshot, { definition: bridge, count: 2 });
    expect(result.placedOn).toEqual(['c']);
    expect(result.failures.map((f) => f.reason)).toEqual([
      'RESOURCE:PORTS',
      'RESOURCE:PORTS_UDP',
      'RESOURCE:PORTS',
    ]);
    expect([...result.model.instances[2]!.tcpTaken]).toEqual([80]);
  });

  test('GPUs: specific ids are assigned per container and removed from the free list', () => {
    const gpuTask = taskDefinition('ml', [
      { name: 'a', memory: 10, resourceRequirements: [{ type: 'GPU', value: '1' }] },
      { name: 'b', memory: 10, resourceRequirements: [{ type: 'GPU', value: '2' }] },
    ]);
    const snapshot = snapshotOf({
      instances: [containerInstance({ id: 'g', gpus: ['gpu-0', 'gpu-1', 'gpu-2', 'gpu-3'] })],
      taskDefinitions: [gpuTask],
    });
    const result = runEngine(snapshot, { definition: gpuTask, count: 2 });
    expect(result.tasks[0]!.containers!.map((c) => c.gpuIds)).toEqual([
      ['gpu-0'],
      ['gpu-1', 'gpu-2'],
    ]);
    expect(result.failures).toEqual([{ arn: expect.any(String), reason: 'RESOURCE:GPU' }]);
    expect(result.model.instances[0]!.freeGpus).toEqual(['gpu-3']);
  });

  test('EXTERNAL scope uses only instances with ecs.capability.external; EC2 scope only the others', () => {
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'ext', attributes: { 'ecs.capability.external': null } }),
        containerInstance({ id: 'ec2' }),
      ],
      taskDefinitions: [small],
    });
    expect(
      runEngine(snapshot, { definition: small, scope: { kind: 'EXTERNAL' } }).placedOn,
    ).toEqual(['ext']);
    expect(runEngine(snapshot, { definition: small, scope: { kind: 'EC2' } }).placedOn).toEqual([
      'ec2',
    ]);
  });

  test('a capacity provider places only on its own instances', () => {
    const snapshot = snapshotOf({
      instances: [
        containerInstance({ id: 'p1', capacityProviderName: 'spot' }),
        containerInstance({ id: 'p2', capacityProviderName: 'ondemand' }),
      ],
      taskDefinitions: [small],
    });
    const result = runEngine(snapshot, {
      definition: small,
      count: 3,
      scope: { kind: 'EC2', capacityProvider: 'ondemand' },
    });
    expect(result.placedOn).toEqual(['p2', 'p2', 'p2']);
  });

  test('the explanation lists every failing check per instance, the ranking and the tie-break', () => {
    const snapshot = snapshotOf({
      instances: [
        containerInstance({
          id: 'a',
          agentConnected: false,
          memory: 100,
          attributes: { stack: 'dev' },
        }),
        containerInstance({ id: 'b', memory: 4000, attributes: { stack: 'prod' } }),
        containerInstance({ id: 'c', memory: 2000, attributes: { stack: 'prod' } }),
      ],
      taskDefinitions: [small],
    });
    const result = runEngine(snapshot, {
      definition: small,
      memberOf: [attributeEquals('stack', 'prod')],
      strategies: [{ type: 'binpack', field: 'memory' }],
      explain: true,
    });
    const [trace] = result.explanation.tasks;
    expect(trace!.verdicts[0]!.failures.map((f) => f.check)).toEqual([
      'AGENT',
      'RESOURCE:MEMORY',
      'MemberOf',
    ]);
    expect(trace!.verdicts[0]!.failures[1]).toMatchObject({ needed: 512, available: 100 });
    expect(trace!.summary).toBe('2/3 instances: 1 AGENT');
    expect(trace!.steps[0]!.ranking.map((r) => [r.score, r.kept])).toEqual([
      [4000, false],
      [2000, true],
    ]);
    expect(trace!.tieBreak).toEqual({ among: 1, chosen: 0 });
    expect(trace!.chosen).toContain('/c');
  });

  test('explaining does not change the outcome', () => {
    const snapshot = snapshotOf({
      instances: Array.from({ length: 12 }, (_, n) =>
        containerInstance({
          id: `i${n}`,
          memory: 1024 * (1 + (n % 3)),
          attributes: { 'ecs.availability-zone': `z${n % 4}` },
        }),
      ),
      taskDefinitions: [small],
    });
    const run = {
      definition: small,
      count: 10,
      strategies: [{ type: 'spread' as const, field: 'attribute:ecs.availability-zone' }],
      seed: 'same',
    };
    const plain = runEngine(snapshot, run);
    const traced = runEngine(snapshot, { ...run, explain: true });
    expect(traced.placedOn).toEqual(plain.placedOn);
    expect(traced.failures).toEqual(plain.failures);
  });
});
