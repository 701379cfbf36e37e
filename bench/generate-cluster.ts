/**
 * Synthetic but realistic cluster snapshots for benchmarks and large tests: a mix of
 * instance types with matching CPU and memory, 3 to 6 Availability Zones, the built-in and
 * capability attributes ECS sets, a few custom attributes, the agent's reserved ports, and
 * some tasks already running (their reservations taken from remainingResources).
 * Deterministic for a given seed.
 */
import seedrandom from 'seedrandom';
import type {
  Attribute,
  ContainerInstance,
  Snapshot,
  Task,
  TaskDefinition,
} from '../src/kernel/ecs-types.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

const INSTANCE_TYPES = [
  { type: 't3.medium', cpu: 2048, memory: 3904 },
  { type: 'm5.large', cpu: 2048, memory: 7680 },
  { type: 'm5.xlarge', cpu: 4096, memory: 15_576 },
  { type: 'm5.2xlarge', cpu: 8192, memory: 31_360 },
  { type: 'c5.xlarge', cpu: 4096, memory: 7_450 },
  { type: 'c5.2xlarge', cpu: 8192, memory: 15_120 },
  { type: 'r5.large', cpu: 2048, memory: 15_576 },
  { type: 'r5.xlarge', cpu: 4096, memory: 31_360 },
  { type: 'g4dn.xlarge', cpu: 4096, memory: 15_360, gpus: 1 },
  { type: 'm6g.large', cpu: 2048, memory: 7680, arm: true },
] as const;

const CAPABILITIES = [
  'com.amazonaws.ecs.capability.docker-remote-api.1.17',
  'com.amazonaws.ecs.capability.docker-remote-api.1.30',
  'com.amazonaws.ecs.capability.logging-driver.awslogs',
  'com.amazonaws.ecs.capability.task-iam-role',
  'ecs.capability.task-eni',
  'ecs.capability.execution-role-ecr-pull',
  'ecs.capability.container-health-check',
];
const RESERVED_PORTS = ['22', '2375', '2376', '51678', '51679'];
const STACKS = ['prod', 'prod', 'staging', 'dev'];
const TEAMS = [
  'payments',
  'search',
  'ads',
  'checkout',
  'identity',
  'media',
  'ml',
  'data',
  'infra',
  'web',
];
const EXISTING_GROUPS = [
  'service:api',
  'service:worker',
  'service:frontend',
  'family:cron',
  'family:etl',
];

export interface GenerateClusterOptions {
  instances: number;
  /** Availability Zones, 3 to 6 (default 4). */
  zones?: number;
  /** Fraction of instances that already run one task (default 0.3). */
  busy?: number;
  seed?: string;
  clusterName?: string;
}

/** The task definition the reference workload runs: 256 CPU, 512 MiB, one dynamic port. */
export const BENCH_TASK_DEFINITION: TaskDefinition = {
  taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/bench:1`,
  family: 'bench',
  revision: 1,
  status: 'ACTIVE',
  networkMode: 'bridge',
  compatibilities: ['EC2', 'EXTERNAL'],
  requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }],
  containerDefinitions: [
    {
      name: 'app',
      image: 'public.ecr.aws/nginx/nginx:latest',
      cpu: 256,
      memory: 1024,
      memoryReservation: 512,
      portMappings: [{ containerPort: 80, hostPort: 0 }],
    },
  ],
};

/**
 * The reference workload's memberOf expression: four comparisons, one of them a regex;
 * on generated clusters it admits roughly a third of the instances.
 */
export const REFERENCE_EXPRESSION =
  'attribute:ecs.instance-type =~ "(m5|r5|c5).*" and attribute:stack != dev and attribute:ecs.cpu-architecture == x86_64 and runningTasksCount < 8';

function hex(random: () => number, digits: number): string {
  let out = '';
  while (out.length < digits)
    out += Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, digits);
}

export function generateCluster(options: GenerateClusterOptions): Snapshot {
  const random = seedrandom(options.seed ?? 'bench');
  const clusterName = options.clusterName ?? 'default';
  const zones = Array.from(
    { length: Math.min(6, Math.max(3, options.zones ?? 4)) },
    (_, z) => `${REGION}${'abcdef'[z]}`,
  );
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const instances: ContainerInstance[] = [];
  const tasks: Task[] = [];
  for (let n = 0; n < options.instances; n++) {
    const kind = pick(INSTANCE_TYPES);
    const id = hex(random, 32);
    const arn = `arn:aws:ecs:${REGION}:${ACCOUNT}:container-instance/${clusterName}/${id}`;
    let cpu: number = kind.cpu;
    let memory: number = kind.memory;
    const ports = [...RESERVED_PORTS];
    const attributes: Attribute[] = [
      { name: 'ecs.availability-zone', value: zones[n % zones.length]! },
      { name: 'ecs.instance-type', value: kind.type },
      { name: 'ecs.os-type', value: 'linux' },
      { name: 'ecs.os-family', value: 'LINUX' },
      { name: 'ecs.cpu-architecture', value: 'arm' in kind ? 'arm64' : 'x86_64' },
      { name: 'ecs.ami-id', value: `ami-${hex(random, 8)}` },
      { name: 'ecs.vpc-id', value: 'vpc-0a1b2c3d' },
      { name: 'stack', value: pick(STACKS) },
      { name: 'team', value: pick(TEAMS) },
      { name: 'rack', value: String(Math.floor(random() * 40)) },
      ...CAPABILITIES.filter(() => random() < 0.9).map((name) => ({ name })),
    ];
    const busy = random() < (options.busy ?? 0.3);
    if (busy) {
      const group = pick(EXISTING_GROUPS);
      const taskCpu = 512;
      const taskMemory = 1024;
      cpu -= taskCpu;
      memory -= taskMemory;
      const hostPort = 8000 + Math.floor(random() * 100);
      ports.push(String(hostPort));
      tasks.push({
        taskArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${clusterName}/${hex(random, 32)}`,
        clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${clusterName}`,
        taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${group.split(':')[1]}:3`,
        containerInstanceArn: arn,
        desiredStatus: 'RUNNING',
        lastStatus: 'RUNNING',
        group,
        cpu: String(taskCpu),
        memory: String(taskMemory),
        launchType: 'EC2',
        containers: [
          {
            name: 'main',
            networkBindings: [{ bindIP: '0.0.0.0', containerPort: 80, hostPort, protocol: 'tcp' }],
          },
        ],
      });
    }
    instances.push({
      containerInstanceArn: arn,
      ec2InstanceId: `i-${hex(random, 17)}`,
      version: 10,
      versionInfo: {
        agentVersion: pick(['1.68.2', '1.75.0', '1.80.0']),
        dockerVersion: 'DockerVersion: 20.10.25',
      },
      status: 'ACTIVE',
      agentConnected: random() > 0.002,
      runningTasksCount: busy ? 1 : 0,
      pendingTasksCount: 0,
      registeredAt: 1_700_000_000 + n * 60,
      registeredResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: kind.cpu },
        { name: 'MEMORY', type: 'INTEGER', integerValue: kind.memory },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: [...RESERVED_PORTS] },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
      ],
      remainingResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: cpu },
        { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ports },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
        ...('gpus' in kind
          ? [{ name: 'GPU', type: 'STRINGSET' as const, stringSetValue: ['GPU-0'] }]
          : []),
      ],
      attributes,
    });
  }
  return {
    region: REGION,
    accountId: ACCOUNT,
    clusters: [
      {
        clusterName,
        clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${clusterName}`,
        status: 'ACTIVE',
        capacityProviders: [],
        defaultCapacityProviderStrategy: [],
        containerInstances: instances,
        tasks,
      },
    ],
    capacityProviders: [],
    taskDefinitions: [BENCH_TASK_DEFINITION],
    subnets: {},
  };
}
