/**
 * The order the AWS CLI prints a response's members in. Its parser builds each object in the
 * order the ECS API model lists the members of its shape (not the order they came in), and
 * `--output json` keeps that order; text, table and YAML sort keys anyway. These are the
 * shapes of the RunTask and ListContainerInstances responses, member names in model order.
 * Members a shape does not list (none, in what this tool returns) are kept, after the others.
 */

interface Shape {
  /** Member names in the model's order. */
  readonly members: readonly string[];
  /** The shape of a member that is an object, or a list of objects. */
  readonly nested?: Readonly<Record<string, Shape>>;
}

const NAME_VALUE: Shape = { members: ['name', 'value'] };
const VALUE_TYPE: Shape = { members: ['value', 'type'] };
const DEVICE: Shape = { members: ['deviceName', 'deviceType'] };

const CONTAINER: Shape = {
  members: [
    'containerArn',
    'taskArn',
    'name',
    'image',
    'imageDigest',
    'runtimeId',
    'lastStatus',
    'exitCode',
    'reason',
    'networkBindings',
    'networkInterfaces',
    'healthStatus',
    'managedAgents',
    'cpu',
    'memory',
    'memoryReservation',
    'gpuIds',
    'neuronDeviceIds',
  ],
  nested: {
    networkBindings: {
      members: [
        'bindIP',
        'containerPort',
        'hostPort',
        'protocol',
        'containerPortRange',
        'hostPortRange',
      ],
    },
    networkInterfaces: { members: ['attachmentId', 'privateIpv4Address', 'ipv6Address'] },
    managedAgents: { members: ['lastStartedAt', 'name', 'reason', 'lastStatus'] },
  },
};

const TASK_OVERRIDE: Shape = {
  members: [
    'containerOverrides',
    'cpu',
    'inferenceAcceleratorOverrides',
    'executionRoleArn',
    'memory',
    'taskRoleArn',
    'ephemeralStorage',
  ],
  nested: {
    containerOverrides: {
      members: [
        'name',
        'command',
        'environment',
        'environmentFiles',
        'cpu',
        'memory',
        'memoryReservation',
        'resourceRequirements',
      ],
      nested: {
        environment: NAME_VALUE,
        environmentFiles: VALUE_TYPE,
        resourceRequirements: VALUE_TYPE,
      },
    },
    inferenceAcceleratorOverrides: DEVICE,
    ephemeralStorage: { members: ['sizeInGiB'] },
  },
};

const TASK: Shape = {
  members: [
    'attachments',
    'attributes',
    'availabilityZone',
    'capacityProviderName',
    'clusterArn',
    'connectivity',
    'connectivityAt',
    'containerInstanceArn',
    'containers',
    'cpu',
    'createdAt',
    'desiredStatus',
    'enableExecuteCommand',
    'executionStoppedAt',
    'group',
    'healthStatus',
    'inferenceAccelerators',
    'lastStatus',
    'launchType',
    'memory',
    'overrides',
    'platformVersion',
    'platformFamily',
    'pullStartedAt',
    'pullStoppedAt',
    'startedAt',
    'startedBy',
    'stopCode',
    'stoppedAt',
    'stoppedReason',
    'stoppingAt',
    'tags',
    'taskArn',
    'taskDefinitionArn',
    'version',
    'ephemeralStorage',
    'fargateEphemeralStorage',
  ],
  nested: {
    attachments: {
      members: ['id', 'type', 'status', 'details'],
      nested: { details: NAME_VALUE },
    },
    attributes: { members: ['name', 'value', 'targetType', 'targetId'] },
    containers: CONTAINER,
    inferenceAccelerators: DEVICE,
    overrides: TASK_OVERRIDE,
    tags: { members: ['key', 'value'] },
    ephemeralStorage: { members: ['sizeInGiB'] },
    fargateEphemeralStorage: { members: ['sizeInGiB', 'kmsKeyId'] },
  },
};

export const RESPONSE_SHAPES = {
  RunTask: {
    members: ['tasks', 'failures'],
    nested: { tasks: TASK, failures: { members: ['arn', 'reason', 'detail'] } },
  },
  ListContainerInstances: { members: ['containerInstanceArns', 'nextToken'] },
  // The what-if commands' own answers (docs/what-if.md): their members in the order built.
  Headroom: { members: [] },
  Simulate: { members: [] },
  Drain: { members: [] },
} as const satisfies Record<string, Shape>;

export type ResponseOperation = keyof typeof RESPONSE_SHAPES;

/** A copy of `value` with the members of every object in the model's order. */
export function inModelOrder(value: unknown, shape: Shape): unknown {
  if (Array.isArray(value)) return value.map((item) => inModelOrder(item, shape));
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  const place = (key: string) => {
    const nested = shape.nested?.[key];
    ordered[key] = nested ? inModelOrder(object[key], nested) : object[key];
  };
  for (const key of shape.members) if (key in object) place(key);
  for (const key of Object.keys(object)) if (!(key in ordered)) place(key);
  return ordered;
}
