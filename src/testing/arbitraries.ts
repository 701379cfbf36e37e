/**
 * fast-check arbitraries for placement: container instances, cluster snapshots, task
 * definitions and RunTask requests, in the ECS shapes. Values are kept small and varied so
 * that constraints, ports, GPUs and strategies all get exercised, and so are the cases
 * rules single out: name-only attributes (also under a spread field), snapshot tasks whose
 * desiredStatus or lastStatus is PENDING, every network mode, task sizes written as "1 vCPU"
 * or "2 GB", and task and container overrides.
 */
import fc from 'fast-check';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import type {
  ContainerDefinition,
  ContainerInstance,
  PlacementConstraint,
  PlacementStrategy,
  Snapshot,
  Task,
  TaskDefinition,
  TaskOverride,
} from '../kernel/ecs-types.js';
import { containerInstance, runningTask, snapshotOf, taskDefinition } from './builders.js';

export const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
/** Known to the ENI tables except `z9.custom` (an unknown ENI limit); t2.micro holds one awsvpc task. */
export const INSTANCE_TYPES = [
  't3.large',
  't3.xlarge',
  'm5.large',
  'g4dn.xlarge',
  't2.micro',
  'z9.custom',
] as const;
export const GROUPS = ['family:web', 'family:batch', 'service:api'] as const;
const PORTS = [22, 80, 443, 8080] as const;
const UDP_PORTS = [53, 5000] as const;

/** One container instance with the given id. */
export function containerInstanceArb(id: string): fc.Arbitrary<ContainerInstance> {
  return fc
    .record({
      cpu: fc.constantFrom(256, 1024, 2048, 4096, 4096),
      memory: fc.constantFrom(512, 1024, 2048, 4096, 8192, 8192),
      ports: fc.subarray([...PORTS]),
      udpPorts: fc.subarray([...UDP_PORTS]),
      gpuCount: fc.constantFrom(0, 0, 1, 2, 4),
      zone: fc.constantFrom(...ZONES),
      type: fc.constantFrom(...INSTANCE_TYPES),
      // `stack` is a spread field; null puts it without a value (a name-only attribute).
      stack: fc.constantFrom(undefined, undefined, 'prod', 'dev', null),
      status: fc.constantFrom('ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'DRAINING' as const),
      agentConnected: fc.constantFrom(true, true, true, true, false),
      taskEni: fc.constantFrom(true, true, true, false),
      // The instance's own runningTasksCount: tasks it runs that the snapshot may not list.
      reportedRunning: fc.constantFrom(0, 0, 0, 1, 3),
      // What it had when empty, on top of what is left now (managed scaling's empty copies).
      usedCpu: fc.constantFrom(0, 0, 512, 2048),
      usedMemory: fc.constantFrom(0, 0, 1024, 4096),
      trunk: fc.constantFrom(false, false, false, false, true),
      eniOverride: fc.option(fc.constantFrom(0, 1, 3), { nil: undefined, freq: 6 }),
    })
    .map((r) => ({
      ...containerInstance({
        id,
        cpu: r.cpu,
        memory: r.memory,
        ports: r.ports,
        udpPorts: r.udpPorts,
        gpus: Array.from({ length: r.gpuCount }, (_, g) => `${id}-gpu${g}`),
        status: r.status,
        agentConnected: r.agentConnected,
        attributes: {
          'ecs.availability-zone': r.zone,
          'ecs.instance-type': r.type,
          ...(r.stack !== undefined ? { stack: r.stack } : {}),
          ...(r.taskEni ? { 'ecs.capability.task-eni': null } : {}),
          ...(r.trunk ? { 'ecs.awsvpc-trunk-id': `eni-trunk-${id}` } : {}),
        },
      }),
      registeredResources: [
        { name: 'CPU', type: 'INTEGER' as const, integerValue: r.cpu + r.usedCpu },
        { name: 'MEMORY', type: 'INTEGER' as const, integerValue: r.memory + r.usedMemory },
        { name: 'PORTS', type: 'STRINGSET' as const, stringSetValue: ['22'] },
        ...(r.eniOverride !== undefined
          ? [{ name: 'ENI', type: 'INTEGER' as const, integerValue: r.eniOverride }]
          : []),
      ],
      runningTasksCount: r.reportedRunning,
    }));
}

const containerArb: fc.Arbitrary<ContainerDefinition> = fc
  .record({
    cpu: fc.option(fc.constantFrom(64, 128, 256, 512), { nil: undefined }),
    memory: fc.constantFrom(128, 256, 512, 1024),
    reservation: fc.option(fc.constantFrom(32, 64), { nil: undefined }),
    hostPort: fc.option(fc.constantFrom(0, 80, 8080, 9090), { nil: undefined, freq: 2 }),
    // Host mode binds the container port when hostPort is 0 or absent; 8080 is often taken.
    containerPort: fc.constantFrom(8000, 8080),
    udp: fc.option(fc.constantFrom(53, 5000, 6000), { nil: undefined, freq: 4 }),
    gpus: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, 2),
  })
  .map((r) => {
    const container: ContainerDefinition = {
      name: 'c',
      image: 'busybox',
      memory: r.memory,
      essential: true,
    };
    if (r.cpu !== undefined) container.cpu = r.cpu;
    if (r.reservation !== undefined) container.memoryReservation = r.reservation;
    container.portMappings = [
      ...(r.hostPort !== undefined
        ? [{ containerPort: r.containerPort, hostPort: r.hostPort, protocol: 'tcp' as const }]
        : []),
      ...(r.udp !== undefined
        ? [{ containerPort: r.udp, hostPort: r.udp, protocol: 'udp' as const }]
        : []),
    ];
    if (r.gpus > 0) container.resourceRequirements = [{ type: 'GPU', value: String(r.gpus) }];
    return container;
  });

/** An EC2 task definition of family `family` with one or two containers. */
export function taskDefinitionArb(family = 'web'): fc.Arbitrary<TaskDefinition> {
  return fc
    .record({
      containers: fc.array(containerArb, { minLength: 1, maxLength: 2 }),
      taskLevel: fc.option(
        fc.record({
          cpu: fc.constantFrom('256', '1024', '0.25 vCPU', '1 vcpu'),
          memory: fc.constantFrom('512', '2048', '0.5 GB', '2GB'),
        }),
        { nil: undefined },
      ),
      requiresEni: fc.constantFrom(false, false, false, false, false, true),
      // No networkMode means bridge.
      networkMode: fc.constantFrom<TaskDefinition['networkMode']>(
        undefined,
        undefined,
        'bridge',
        'host',
        'awsvpc',
        'awsvpc',
      ),
    })
    .map((r) =>
      taskDefinition(
        family,
        // A host port may appear once per task: shift each container's ports by its index.
        // In host mode the host port is the container port (or 0: the same, implied).
        r.containers.map((c, k) => ({
          ...c,
          name: `c${k}`,
          portMappings: (c.portMappings ?? []).map((m) => {
            const hostPort = m.hostPort ? m.hostPort + k : 0;
            const containerPort = (m.containerPort ?? 0) + k;
            return r.networkMode === 'host'
              ? { ...m, hostPort: hostPort === 0 ? 0 : containerPort, containerPort }
              : { ...m, hostPort, containerPort };
          }),
        })),
        {
          ...(r.taskLevel ?? {}),
          ...(r.requiresEni ? { requiresAttributes: [{ name: 'ecs.capability.task-eni' }] } : {}),
          ...(r.networkMode !== undefined ? { networkMode: r.networkMode } : {}),
        },
      ),
    );
}

/**
 * RunTask `overrides` for `definition` (undefined one time in three): task-level cpu and
 * memory in units or "vCPU" / "GB", and per-container cpu, memory, memoryReservation and GPU
 * count, each container overridden at most once and never with memory below its reservation.
 */
export function taskOverrideArb(
  definition: TaskDefinition,
): fc.Arbitrary<TaskOverride | undefined> {
  const containerOverrideArb = (name: string) =>
    fc
      .record(
        {
          cpu: fc.constantFrom(0, 32, 512),
          memory: fc.constantFrom(256, 2048),
          memoryReservation: fc.constantFrom(16, 128),
          gpus: fc.constantFrom('0', '1', '2'),
        },
        { requiredKeys: [] },
      )
      .map(({ gpus, ...sizes }) => ({
        name,
        ...sizes,
        ...(gpus !== undefined
          ? { resourceRequirements: [{ type: 'GPU' as const, value: gpus }] }
          : {}),
      }));
  const names = definition.containerDefinitions.map((c) => c.name);
  return fc.option(
    fc
      .record(
        {
          cpu: fc.constantFrom('512', '0.5 vCPU', '2 vcpu'),
          memory: fc.constantFrom('1024', '1 GB', '4GB'),
          containers: fc.subarray(names, { minLength: 1 }),
        },
        { requiredKeys: [] },
      )
      .chain(({ containers, ...task }) =>
        fc.tuple(...(containers ?? []).map(containerOverrideArb)).map(
          (overrides): TaskOverride => ({
            ...task,
            ...(overrides.length > 0 ? { containerOverrides: overrides } : {}),
          }),
        ),
      ),
    { nil: undefined, freq: 3 },
  );
}

/** CQL expressions over the attributes the instance arbitrary sets. */
export const MEMBER_OF_EXPRESSIONS: readonly string[] = [
  'attribute:ecs.instance-type =~ t3.*',
  'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]',
  'attribute:stack == prod',
  'not(attribute:stack == prod)',
  'runningTasksCount < 2',
  'task:group != family:web',
  'attribute:ecs.instance-type != g4dn.xlarge and attribute:ecs.availability-zone != us-east-1c',
];

export const constraintsArb: fc.Arbitrary<PlacementConstraint[]> = fc
  .record({
    distinct: fc.boolean(),
    memberOf: fc.oneof(
      { weight: 3, arbitrary: fc.constant<string[]>([]) },
      { weight: 3, arbitrary: fc.subarray([...MEMBER_OF_EXPRESSIONS], { maxLength: 1 }) },
      { weight: 1, arbitrary: fc.subarray([...MEMBER_OF_EXPRESSIONS], { maxLength: 2 }) },
    ),
  })
  .map((r) => [
    ...(r.distinct ? [{ type: 'distinctInstance' as const }] : []),
    ...r.memberOf.map((expression) => ({ type: 'memberOf' as const, expression })),
  ]);

export const strategyArb: fc.Arbitrary<PlacementStrategy> = fc.constantFrom<PlacementStrategy>(
  { type: 'random' },
  { type: 'binpack', field: 'cpu' },
  { type: 'binpack', field: 'memory' },
  { type: 'spread', field: 'instanceId' },
  { type: 'spread', field: 'host' },
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'attribute:stack' },
);

export const strategiesArb: fc.Arbitrary<PlacementStrategy[]> = fc.array(strategyArb, {
  maxLength: 3,
});

/** The network configuration an awsvpc task definition needs (a subnet the snapshots do not map). */
export function awsvpcNetwork(): NonNullable<RunTaskInput['networkConfiguration']> {
  return { awsvpcConfiguration: { subnets: ['subnet-test'] } };
}

/**
 * A RunTask request for `taskDefinition` on the EC2 launch type (with a network
 * configuration for awsvpc), with overrides when the task `definition` is given.
 */
export function runTaskInputArb(
  taskDefinitionRef = 'web',
  networkMode?: TaskDefinition['networkMode'],
  definition?: TaskDefinition,
): fc.Arbitrary<RunTaskInput> {
  return fc
    .record({
      count: fc.integer({ min: 1, max: 10 }),
      group: fc.option(fc.constantFrom(...GROUPS), { nil: undefined }),
      constraints: constraintsArb,
      strategies: strategiesArb,
      overrides: definition ? taskOverrideArb(definition) : fc.constant(undefined),
    })
    .map((r) => {
      const input: RunTaskInput = {
        taskDefinition: taskDefinitionRef,
        count: r.count,
        launchType: 'EC2',
      };
      if (r.group !== undefined) input.group = r.group;
      if (r.overrides !== undefined) input.overrides = r.overrides;
      if (networkMode === 'awsvpc') input.networkConfiguration = awsvpcNetwork();
      if (r.constraints.length > 0) input.placementConstraints = r.constraints;
      if (r.strategies.length > 0) input.placementStrategy = r.strategies;
      return input;
    });
}

/**
 * A cluster snapshot named `default` with 1..maxInstances instances, some existing tasks, and
 * `definitions`. The tasks' desiredStatus is RUNNING (lastStatus RUNNING or PENDING), PENDING
 * (lastStatus PENDING) or STOPPED.
 */
export function clusterSnapshotArb(
  definitions: readonly TaskDefinition[],
  options: { minInstances?: number; maxInstances?: number } = {},
): fc.Arbitrary<Snapshot> {
  const size = fc.integer({ min: options.minInstances ?? 1, max: options.maxInstances ?? 10 });
  return size.chain((n) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: n }, (_, k) => containerInstanceArb(`ci${k}`))),
        fc.array(
          fc.record({
            on: fc.integer({ min: 0, max: n - 1 }),
            group: fc.constantFrom(...GROUPS),
            status: fc.constantFrom(
              ['RUNNING', 'RUNNING'],
              ['RUNNING', 'RUNNING'],
              ['RUNNING', 'PENDING'],
              ['PENDING', 'PENDING'],
              ['PENDING', 'PENDING'],
              ['STOPPED', 'STOPPED'],
            ),
            awsvpc: fc.constantFrom(false, false, true),
          }),
          { maxLength: 10 },
        ),
      )
      .map(([instances, existing]) => {
        const tasks: Task[] = existing.map((t, k) =>
          runningTask(`existing${k}`, `ci${t.on}`, t.group, {
            desiredStatus: t.status[0] as Task['desiredStatus'],
            lastStatus: t.status[1]!,
            // DescribeTasks shows an awsvpc task's interface as an attachment.
            ...(t.awsvpc ? { attachments: [{ type: 'ElasticNetworkInterface' }] } : {}),
          }),
        );
        return snapshotOf({ instances, taskDefinitions: definitions, tasks });
      }),
  );
}

/** One RunTask call against a snapshot: what the invariants take. */
export interface PlacementScenario {
  snapshot: Snapshot;
  request: RunTaskInput;
  seed: string;
}

/** The capacity provider of managed-scaling scenarios. */
export const MANAGED_PROVIDER = 'asg';

/**
 * The same scenario on an Auto Scaling group provider with managed scaling ENABLED: every
 * instance belongs to it and the request uses it instead of the EC2 launch type.
 */
export function withManagedScaling(scenario: PlacementScenario): PlacementScenario {
  const snapshot = structuredClone(scenario.snapshot);
  const cluster = snapshot.clusters[0]!;
  cluster.capacityProviders = [MANAGED_PROVIDER];
  for (const instance of cluster.containerInstances)
    instance.capacityProviderName = MANAGED_PROVIDER;
  snapshot.capacityProviders = [
    {
      name: MANAGED_PROVIDER,
      status: 'ACTIVE',
      autoScalingGroupProvider: { managedScaling: { status: 'ENABLED', targetCapacity: 100 } },
    },
  ];
  const { launchType: _ec2, ...request } = scenario.request;
  return {
    ...scenario,
    snapshot,
    request: { ...request, capacityProviderStrategy: [{ capacityProvider: MANAGED_PROVIDER }] },
  };
}

export function placementScenarioArb(
  options: { maxInstances?: number; managedScaling?: boolean } = {},
): fc.Arbitrary<PlacementScenario> {
  return taskDefinitionArb('web')
    .chain((definition) =>
      fc.record({
        snapshot: clusterSnapshotArb([definition], options),
        request: runTaskInputArb('web', definition.networkMode, definition),
        seed: fc.string({ minLength: 1, maxLength: 8 }),
        managed:
          options.managedScaling === undefined
            ? fc.constantFrom(false, false, false, true)
            : fc.constant(options.managedScaling),
      }),
    )
    .map(({ managed, ...scenario }) => (managed ? withManagedScaling(scenario) : scenario));
}
