// The placement engine keeps state between calls: feasibility verdicts per candidate list
// keyed by instance versions and a change log (feasibility-memo.ts), ranked groups for the
// per-task selection (ranked-groups.ts), typed instance columns and interned attribute
// columns (cluster-model.ts). Every path that changes the state must keep them sound: RunTask
// and plans, ECS events, the other ECS operations, transactions rolled back, whatIf, drain
// and headroom. After every step of a random interleaving of all of these on one Cluster, a
// few fixed requests must be planned (and run, inside a whatIf) exactly as on a fresh load
// of the same state, which has no cache at all.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type {
  ContainerInstance,
  PlacementConstraint,
  PlacementStrategy,
  Snapshot,
  Task,
} from '../../src/kernel/ecs-types.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { CLUSTER_ARN, instanceEvent, taskEvent } from '../events/event-builders.js';
import { runs } from '../support/runs.js';

const ZONES = ['us-east-1a', 'us-east-1b'] as const;
const TYPES = ['t3.large', 'm5.large'] as const;
const STACKS = ['prod', 'dev', null, undefined] as const;
const GROUPS = ['family:small', 'service:api', 'service:web'] as const;
const NOW = 0;

const DEFINITIONS = [
  taskDefinition('small', [{ name: 'app', cpu: 256, memory: 512 }]),
  taskDefinition('big', [{ name: 'app', cpu: 1024, memory: 2048 }]),
  taskDefinition('web', [
    { name: 'app', cpu: 128, memory: 256, portMappings: [{ containerPort: 80, hostPort: 80 }] },
  ]),
  taskDefinition('tiny', [{ name: 'app', cpu: 1, memory: 4 }]),
];
const FAMILIES = DEFINITIONS.map((d) => d.family);

const EXPRESSIONS = [
  'attribute:stack == prod',
  'attribute:ecs.instance-type =~ t3.*',
  'attribute:ecs.availability-zone == us-east-1a',
  'runningTasksCount < 3',
  'task:group == service:api',
  'not(attribute:stack exists)',
];

const STRATEGIES: readonly PlacementStrategy[][] = [
  [],
  [{ type: 'binpack', field: 'memory' }],
  [{ type: 'binpack', field: 'cpu' }],
  [{ type: 'spread', field: 'instanceId' }],
  [
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'binpack', field: 'cpu' },
  ],
  [
    { type: 'spread', field: 'attribute:stack' },
    { type: 'spread', field: 'instanceId' },
  ],
  [{ type: 'random' }],
];

/** The requests planned on both sides after every step (fixed, with a fixed seed). */
const PROBES: RunTaskInput[] = [
  {
    taskDefinition: 'small',
    count: 3,
    placementStrategy: [{ type: 'binpack', field: 'memory' }],
    placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }],
  },
  {
    taskDefinition: 'big',
    count: 2,
    placementStrategy: [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'cpu' },
    ],
    placementConstraints: [{ type: 'distinctInstance' }],
  },
  {
    taskDefinition: 'web',
    count: 2,
    placementStrategy: [{ type: 'spread', field: 'instanceId' }],
    placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }],
  },
  {
    taskDefinition: 'small',
    count: 4,
    group: 'service:api',
    placementStrategy: [{ type: 'spread', field: 'attribute:stack' }],
    placementConstraints: [
      { type: 'distinctInstance' },
      { type: 'memberOf', expression: 'runningTasksCount < 2' },
    ],
  },
];

// ---- The generated cluster ---------------------------------------------------------------

const instanceSpecArb = fc.record({
  cpu: fc.constantFrom(512, 1024, 2048, 4096),
  memory: fc.constantFrom(1024, 2048, 4096, 8192),
  zone: fc.constantFrom(...ZONES),
  type: fc.constantFrom(...TYPES),
  stack: fc.constantFrom(...STACKS),
  status: fc.constantFrom('ACTIVE', 'ACTIVE', 'ACTIVE', 'DRAINING' as const),
  port80: fc.boolean(),
});
type InstanceSpec = typeof instanceSpecArb extends fc.Arbitrary<infer T> ? T : never;

function instanceOf(id: string, spec: InstanceSpec): ContainerInstance {
  return {
    ...containerInstance({
      id,
      cpu: spec.cpu,
      memory: spec.memory,
      ports: spec.port80 ? [80] : [],
      status: spec.status,
      attributes: {
        'ecs.availability-zone': spec.zone,
        'ecs.instance-type': spec.type,
        ...(spec.stack !== undefined ? { stack: spec.stack } : {}),
      },
    }),
    registeredResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 8192 },
    ],
  };
}

const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .array(instanceSpecArb, { minLength: 3, maxLength: 12 })
  .chain((specs) =>
    fc
      .array(
        fc.record({
          // Most on the first instances, so that some host several.
          on: fc.oneof(fc.nat({ max: 1 }), fc.nat({ max: specs.length - 1 })),
          group: fc.constantFrom(...GROUPS),
          desired: fc.constantFrom('RUNNING', 'RUNNING', 'PENDING' as const),
        }),
        { maxLength: 6 },
      )
      .map((tasks) =>
        snapshotOf({
          instances: specs.map((spec, n) => instanceOf(`ci${n}`, spec)),
          taskDefinitions: DEFINITIONS,
          tasks: tasks.map((t, k) =>
            runningTask(`loaded${k}`, `ci${t.on}`, t.group, {
              desiredStatus: t.desired,
              lastStatus: t.desired === 'PENDING' ? 'PENDING' : 'RUNNING',
            }),
          ),
        }),
      ),
  );

// ---- The operations ----------------------------------------------------------------------

const requestArb = fc
  .record({
    family: fc.constantFrom(...FAMILIES),
    count: fc.integer({ min: 1, max: 3 }),
    group: fc.constantFrom<string | undefined>(undefined, ...GROUPS),
    distinct: fc.boolean(),
    memberOf: fc.subarray(EXPRESSIONS, { maxLength: 2 }),
    strategy: fc.nat({ max: STRATEGIES.length - 1 }),
  })
  .map((r): RunTaskInput => {
    const constraints: PlacementConstraint[] = [
      ...(r.distinct ? [{ type: 'distinctInstance' as const }] : []),
      ...r.memberOf.map((expression) => ({ type: 'memberOf' as const, expression })),
    ];
    return {
      taskDefinition: r.family,
      count: r.count,
      ...(r.group !== undefined ? { group: r.group } : {}),
      ...(constraints.length > 0 ? { placementConstraints: constraints } : {}),
      ...(STRATEGIES[r.strategy]!.length > 0
        ? { placementStrategy: [...STRATEGIES[r.strategy]!] }
        : {}),
    };
  });

/** What an instance event changes in the instance's current record. */
const recordChangeArb = fc.record(
  {
    cpu: fc.constantFrom(0, 256, 1024, 4096),
    memory: fc.constantFrom(0, 512, 2048, 8192),
    stack: fc.constantFrom(...STACKS),
    zone: fc.constantFrom(...ZONES),
    status: fc.constantFrom('ACTIVE', 'DRAINING', 'INACTIVE' as const),
    agentConnected: fc.boolean(),
    runningTasksCount: fc.integer({ min: 0, max: 4 }),
    port80: fc.boolean(),
  },
  { requiredKeys: [] },
);
type RecordChange = typeof recordChangeArb extends fc.Arbitrary<infer T> ? T : never;

/** Often only the instance's own task count: a change no resource figure shows. */
const instanceChangeArb = fc.oneof(
  { weight: 3, arbitrary: recordChangeArb },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 4 })
      .map((runningTasksCount): RecordChange => ({ runningTasksCount })),
  },
);

/**
 * Instances and tasks are picked by number, modulo what the cluster has then; the first few
 * more often, so that one operation often changes what an earlier one changed.
 */
const pickArb = fc.oneof(
  { weight: 3, arbitrary: fc.nat({ max: 1 }) },
  { weight: 1, arbitrary: fc.nat() },
);

const instanceEventArb = fc.record({
  op: fc.constant('instanceEvent' as const),
  pick: pickArb,
  change: instanceChangeArb,
  // An instance the cluster does not know yet: the event registers it.
  unknown: fc.constantFrom(false, false, false, true),
  // A stale version (ignored once the instance has a newer one), or a newer one.
  age: fc.constantFrom('newer', 'newer', 'newer', 'stale' as const),
});

const taskEventArb = fc.record({
  op: fc.constant('taskEvent' as const),
  pick: pickArb,
  on: pickArb,
  fresh: fc.boolean(),
  group: fc.constantFrom(...GROUPS),
  status: fc.constantFrom(
    ['PENDING', 'RUNNING'] as const,
    ['RUNNING', 'RUNNING'] as const,
    ['RUNNING', 'STOPPED'] as const,
    ['STOPPED', 'STOPPED'] as const,
  ),
});

const simpleOpArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('runTask' as const),
      request: requestArb,
      seed: fc.nat(9),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('plan' as const),
      request: requestArb,
      seed: fc.nat(9),
    }),
  },
  { weight: 4, arbitrary: instanceEventArb },
  { weight: 3, arbitrary: taskEventArb },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('stopTask' as const),
      pick: pickArb,
      apiForm: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('setState' as const),
      picks: fc.array(pickArb, { minLength: 1, maxLength: 3 }),
      status: fc.constantFrom('ACTIVE', 'DRAINING' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('deregister' as const),
      pick: pickArb,
      force: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('putAttributes' as const),
      picks: fc.array(pickArb, { minLength: 1, maxLength: 3 }),
      name: fc.constantFrom('stack', 'team'),
      value: fc.constantFrom<string | undefined>('prod', 'dev', 'blue', undefined),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('deleteAttributes' as const),
      picks: fc.array(pickArb, { minLength: 1, maxLength: 3 }),
      name: fc.constantFrom('stack', 'team'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('register' as const),
      spec: instanceSpecArb,
      agentForm: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('startTask' as const),
      picks: fc.array(pickArb, { minLength: 1, maxLength: 2 }),
      family: fc.constantFrom(...FAMILIES),
      group: fc.constantFrom<string | undefined>(undefined, ...GROUPS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('confirmTask' as const), pick: pickArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('drain' as const),
      pick: pickArb,
      dryRun: fc.boolean(),
    }),
  },
  {
    // One instance changes, then more changes elsewhere than the engine's change log holds.
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('longHistory' as const), pick: pickArb }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('headroom' as const),
      request: requestArb,
      // Past 2,048 tasks (two version changes each) the engine's change log wraps.
      maxTasks: fc.constantFrom(5, 50, 2100),
    }),
  },
);
type SimpleOp = typeof simpleOpArb extends fc.Arbitrary<infer T> ? T : never;

const opArb = fc.oneof(
  { weight: 8, arbitrary: simpleOpArb },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('transaction' as const),
      // Events often: their undo must leave the caches as sound as the state.
      body: fc.array(
        fc.oneof(
          { weight: 3, arbitrary: simpleOpArb },
          { weight: 1, arbitrary: instanceEventArb },
          { weight: 2, arbitrary: taskEventArb },
        ),
        { minLength: 1, maxLength: 6 },
      ),
      keep: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('whatIf' as const),
      body: fc.array(simpleOpArb, { minLength: 1, maxLength: 4 }),
    }),
  },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

// ---- Running them ------------------------------------------------------------------------

/** An ECS exception is a refusal (nothing changed); anything else is a defect. */
function attempt(body: () => unknown): void {
  try {
    body();
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (!/Exception$/.test(name)) throw error;
  }
}

interface Run {
  cluster: Cluster;
  /** The next event version: newer than every version the cluster has seen. */
  version: number;
  registered: number;
  /** ARNs of tasks runTask placed (candidates for confirmTask). */
  placed: string[];
  /** The last state, read before each operation (to pick instances and tasks from). */
  state: Snapshot;
}

function pickOf<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

function applySimple(run: Run, op: SimpleOp): void {
  const { cluster } = run;
  const snapshot = run.state.clusters[0]!;
  const instances = snapshot.containerInstances;
  const ref = (n: number) => pickOf(instances, n)!.containerInstanceArn;
  switch (op.op) {
    case 'runTask':
      attempt(() => {
        const output = cluster.runTask(op.request, { seed: `run-${op.seed}`, now: NOW });
        run.placed.push(...output.tasks.map((t) => t.taskArn));
      });
      return;
    case 'plan':
      attempt(() => cluster.planRunTask(op.request, { seed: `plan-${op.seed}`, now: NOW }));
      return;
    case 'instanceEvent': {
      const current = op.unknown
        ? instanceOf(`event${run.version}`, {
            cpu: 2048,
            memory: 4096,
            zone: ZONES[op.pick % 2]!,
            type: TYPES[op.pick % 2]!,
            stack: 'dev',
            status: 'ACTIVE',
            port80: false,
          })
        : pickOf(instances, op.pick)!;
      const c = op.change;
      const attributes = (current.attributes ?? []).filter(
        (a) =>
          !(c.stack !== undefined && a.name === 'stack') &&
          !(c.zone !== undefined && a.name === 'ecs.availability-zone'),
      );
      if (c.stack !== undefined && c.stack !== null)
        attributes.push({ name: 'stack', value: c.stack });
      if (c.stack === null) attributes.push({ name: 'stack' });
      if (c.zone !== undefined) attributes.push({ name: 'ecs.availability-zone', value: c.zone });
      // Never more than the instance registered (an event saying so is malformed).
      const registered = (name: string) =>
        current.registeredResources?.find((r) => r.name === name)?.integerValue ?? Infinity;
      const remaining = (current.remainingResources ?? []).map((r) => {
        if (r.name === 'CPU' && c.cpu !== undefined)
          return { ...r, integerValue: Math.min(c.cpu, registered('CPU')) };
        if (r.name === 'MEMORY' && c.memory !== undefined)
          return { ...r, integerValue: Math.min(c.memory, registered('MEMORY')) };
        if (r.name === 'PORTS' && c.port80 !== undefined)
          return { ...r, stringSetValue: c.port80 ? ['80'] : [] };
        return r;
      });
      const version = op.age === 'stale' ? 1 : run.version++;
      const record: ContainerInstance = {
        ...current,
        remainingResources: remaining,
        attributes,
        ...(c.status !== undefined ? { status: c.status } : {}),
        ...(c.agentConnected !== undefined ? { agentConnected: c.agentConnected } : {}),
        ...(c.runningTasksCount !== undefined ? { runningTasksCount: c.runningTasksCount } : {}),
      };
      const result = cluster.apply(instanceEvent(record, version));
      expect(result.result, JSON.stringify(result)).not.toBe('rejected');
      return;
    }
    case 'taskEvent': {
      const known = pickOf(snapshot.tasks, op.pick);
      const host = pickOf(instances, op.on)!;
      const base: Task =
        op.fresh || known === undefined
          ? runningTask(`event${run.version}`, 'x', op.group, {
              containerInstanceArn: host.containerInstanceArn,
            })
          : known;
      const record = {
        ...base,
        desiredStatus: op.status[1],
        lastStatus: op.status[0],
        clusterArn: CLUSTER_ARN,
      } as Task;
      const result = cluster.apply(taskEvent(record, run.version++));
      expect(result.result, JSON.stringify(result)).not.toBe('rejected');
      return;
    }
    case 'stopTask': {
      const task = pickOf(snapshot.tasks, op.pick);
      if (task === undefined) return;
      if (op.apiForm) attempt(() => cluster.stopTask({ task: task.taskArn }));
      else attempt(() => cluster.stopTask(task.taskArn));
      return;
    }
    case 'setState':
      attempt(() =>
        cluster.updateContainerInstancesState({
          containerInstances: [...new Set(op.picks.map(ref))],
          status: op.status,
        }),
      );
      return;
    case 'deregister':
      attempt(() =>
        cluster.deregisterContainerInstance({ containerInstance: ref(op.pick), force: op.force }),
      );
      return;
    case 'putAttributes':
      attempt(() =>
        cluster.putAttributes({
          attributes: op.picks.map((n) => ({
            name: op.name,
            ...(op.value !== undefined ? { value: op.value } : {}),
            targetType: 'container-instance',
            targetId: ref(n),
          })),
        }),
      );
      return;
    case 'deleteAttributes':
      attempt(() =>
        cluster.deleteAttributes({
          attributes: op.picks.map((n) => ({
            name: op.name,
            targetType: 'container-instance',
            targetId: ref(n),
          })),
        }),
      );
      return;
    case 'register': {
      const n = run.registered++;
      if (op.agentForm) {
        attempt(() =>
          cluster.registerAgentInstance(
            {
              instanceIdentityDocument: JSON.stringify({
                instanceId: `i-agent${n}`,
                instanceType: op.spec.type,
                availabilityZone: op.spec.zone,
              }),
              totalResources: [
                { name: 'CPU', type: 'INTEGER', integerValue: op.spec.cpu },
                { name: 'MEMORY', type: 'INTEGER', integerValue: op.spec.memory },
              ],
              ...(op.spec.stack !== undefined
                ? {
                    attributes: [
                      op.spec.stack === null
                        ? { name: 'stack' }
                        : { name: 'stack', value: op.spec.stack },
                    ],
                  }
                : {}),
            },
            { seed: `register-${n}`, now: NOW },
          ),
        );
      } else {
        attempt(() => cluster.registerContainerInstance(instanceOf(`new${n}`, op.spec)));
      }
      return;
    }
    case 'startTask':
      attempt(() => {
        const output = cluster.startTask(
          {
            taskDefinition: op.family,
            containerInstances: [...new Set(op.picks.map(ref))],
            ...(op.group !== undefined ? { group: op.group } : {}),
          },
          { seed: 'start', now: NOW },
        );
        run.placed.push(...output.tasks.map((t) => t.taskArn));
      });
      return;
    case 'confirmTask': {
      const arn = pickOf(run.placed, op.pick);
      const placed = snapshot.tasks.find((t) => t.taskArn === arn);
      if (arn === undefined || placed === undefined) return;
      attempt(() =>
        cluster.confirmTask(arn, { ...placed, lastStatus: 'RUNNING', version: run.version++ }),
      );
      return;
    }
    case 'drain': {
      const call = { containerInstance: ref(op.pick), seed: 'drain', now: NOW };
      if (op.dryRun) attempt(() => cluster.whatIf((c) => c.drain(call)));
      else attempt(() => cluster.drain(call));
      return;
    }
    case 'longHistory': {
      const current = pickOf(instances, op.pick)!;
      const record: ContainerInstance = {
        ...current,
        remainingResources: (current.remainingResources ?? []).map((r) =>
          r.name === 'CPU' ? { ...r, integerValue: 0 } : r,
        ),
      };
      expect(cluster.apply(instanceEvent(record, run.version++)).result).toBe('applied');
      // Each task placed elsewhere and undone is two version changes.
      attempt(() =>
        cluster.headroom(
          {
            taskDefinition: 'tiny',
            count: 10,
            placementConstraints: [
              { type: 'memberOf', expression: `ec2InstanceId != ${current.ec2InstanceId}` },
            ],
          },
          { maxTasks: 2100, now: NOW },
        ),
      );
      return;
    }
    case 'headroom':
      attempt(() =>
        cluster.headroom(
          { ...op.request, taskDefinition: 'tiny', count: 10 },
          { maxTasks: op.maxTasks, now: NOW },
        ),
      );
      return;
  }
}

/** Every probe planned, and run inside a whatIf (the ranked groups), as text. */
function probe(cluster: Cluster): string[] {
  return PROBES.flatMap((request, n) => {
    const options = { seed: `probe-${n}`, now: NOW };
    const outcome = (body: () => unknown) => {
      try {
        return JSON.stringify(body());
      } catch (error) {
        return `error ${String(error)}`;
      }
    };
    return [
      outcome(() => cluster.planRunTask(request, options)),
      outcome(() => cluster.whatIf((c) => c.runTask(request, options))),
      outcome(() => cluster.listContainerInstances({ filter: EXPRESSIONS[n]! })),
    ];
  });
}

/** Where two texts first differ, with some context on both sides. */
function firstDifference(actual: string, expected: string): string {
  let at = 0;
  while (at < actual.length && actual[at] === expected[at]) at++;
  const from = Math.max(0, at - 200);
  return `at character ${at}:\n  cached: ...${actual.slice(from, at + 200)}\n  fresh:  ...${expected.slice(from, at + 200)}`;
}

/** After a step: the probes on the cluster agree with a fresh load of its state. */
function checkStep(run: Run, step: string): void {
  run.state = run.cluster.toSnapshot();
  const fresh = Cluster.fromSnapshot(run.state);
  const expected = probe(fresh);
  const actual = probe(run.cluster);
  for (let p = 0; p < expected.length; p++) {
    if (actual[p] !== expected[p]) {
      throw new Error(
        `after ${step}, probe ${p} differs from a fresh load ${firstDifference(actual[p]!, expected[p]!)}`,
      );
    }
  }
}

function applyOp(run: Run, op: Op, step: string): void {
  if (op.op === 'transaction') {
    const tx = run.cluster.transaction();
    op.body.forEach((inner, k) => {
      applySimple(run, inner);
      checkStep(run, `${step}.${k} (${inner.op} in a transaction)`);
    });
    if (op.keep) tx.keep();
    else tx.rollback();
  } else if (op.op === 'whatIf') {
    run.cluster.whatIf(() => {
      op.body.forEach((inner, k) => {
        applySimple(run, inner);
        checkStep(run, `${step}.${k} (${inner.op} in a whatIf)`);
      });
    });
  } else {
    applySimple(run, op);
  }
  checkStep(run, `${step} (${op.op})`);
}

describe('engine caches across every state change', () => {
  test('after each step, plans and runs agree with a fresh load of the same state', () => {
    fc.assert(
      fc.property(
        snapshotArb,
        fc.array(opArb, { minLength: 5, maxLength: 30, size: 'max' }),
        (snapshot, ops) => {
          const cluster = Cluster.fromSnapshot(snapshot);
          const run: Run = { cluster, version: 100, registered: 0, placed: [], state: snapshot };
          checkStep(run, 'load');
          for (const [n, op] of ops.entries()) applyOp(run, op, `step ${n}`);
        },
      ),
      { numRuns: runs(100) },
    );
  });
});
