/**
 * What one task of a call needs, computed once per call from the task definition and the
 * request's overrides (docs/placement.md, "What a task needs").
 */
import { parseCpuUnits, parseMemoryMiB } from '../cluster/cpu-memory-units.js';
import { intern } from '../cql/intern.js';
import type {
  Attribute,
  ContainerDefinition,
  ContainerOverride,
  NetworkMode,
  PortMapping,
  ResourceRequirement,
  TaskDefinition,
  TaskOverride,
} from '../kernel/ecs-types.js';

/** A static host port a container binds, for the response's networkBindings. */
export interface StaticPort {
  containerPort: number;
  hostPort: number;
  protocol: 'tcp' | 'udp';
}

export interface ContainerNeeds {
  name: string;
  image: string | undefined;
  /** The effective container figures after overrides (undefined: not set). */
  cpu: number | undefined;
  memory: number | undefined;
  memoryReservation: number | undefined;
  gpus: number;
  staticPorts: readonly StaticPort[];
}

export interface TaskNeeds {
  cpu: number;
  memory: number;
  /** Task-level figures after overrides, when the task definition or overrides set them. */
  taskCpu: number | undefined;
  taskMemory: number | undefined;
  tcpPorts: readonly number[];
  udpPorts: readonly number[];
  gpus: number;
  requiredAttributes: readonly Attribute[];
  networkMode: NetworkMode;
  /**
   * awsvpc only: the Availability Zones of the request's subnets; an instance elsewhere
   * cannot host the task's ENI (LOCATION). Undefined when there is nothing to check.
   */
  zones: ReadonlySet<string> | undefined;
  containers: readonly ContainerNeeds[];
}

function gpuCount(requirements: readonly ResourceRequirement[] | undefined): number {
  const gpu = requirements?.find((r) => r.type === 'GPU');
  const count = Number(gpu?.value);
  return Number.isInteger(count) && count > 0 ? count : 0;
}

/** Static host ports of a mapping list; dynamic ones (bridge, 0 or absent) are left out. */
function staticPorts(
  mappings: readonly PortMapping[] | undefined,
  mode: NetworkMode,
): StaticPort[] {
  if (mode !== 'bridge' && mode !== 'host') return []; // awsvpc/none use no instance ports
  const ports: StaticPort[] = [];
  for (const mapping of mappings ?? []) {
    const containerPort = mapping.containerPort;
    // Host mode has no dynamic ports: the container port is the host port.
    const hostPort = mode === 'host' ? mapping.hostPort || containerPort : mapping.hostPort;
    if (hostPort === undefined || hostPort === 0) continue;
    ports.push({
      containerPort: containerPort ?? hostPort,
      hostPort,
      protocol: mapping.protocol ?? 'tcp',
    });
  }
  return ports;
}

function containerNeeds(
  definition: ContainerDefinition,
  override: ContainerOverride | undefined,
  mode: NetworkMode,
): ContainerNeeds {
  return {
    name: definition.name,
    image: definition.image,
    cpu: override?.cpu ?? definition.cpu,
    memory: override?.memory ?? definition.memory,
    memoryReservation: override?.memoryReservation ?? definition.memoryReservation,
    gpus: gpuCount(override?.resourceRequirements ?? definition.resourceRequirements),
    staticPorts: staticPorts(definition.portMappings, mode),
  };
}

export function computeTaskNeeds(
  definition: TaskDefinition,
  overrides: TaskOverride | undefined,
  zones?: ReadonlySet<string>,
): TaskNeeds {
  // EC2 Linux defaults to bridge when the task definition names no network mode.
  const networkMode = definition.networkMode ?? 'bridge';
  const byName = new Map<string, ContainerOverride>();
  for (const override of overrides?.containerOverrides ?? []) {
    if (override.name !== undefined) byName.set(override.name, override);
  }
  const containers = definition.containerDefinitions.map((c) =>
    containerNeeds(c, byName.get(c.name), networkMode),
  );
  // `1 vCPU` / `2 GB` forms become units / MiB; request validation refuses unreadable values.
  const taskCpu = parseCpuUnits(overrides?.cpu ?? definition.cpu);
  const taskMemory = parseMemoryMiB(overrides?.memory ?? definition.memory);
  let cpu = 0;
  let memory = 0;
  let gpus = 0;
  const tcpPorts: number[] = [];
  const udpPorts: number[] = [];
  for (const container of containers) {
    cpu += container.cpu ?? 0;
    memory += container.memoryReservation ?? container.memory ?? 0;
    gpus += container.gpus;
    for (const port of container.staticPorts) {
      (port.protocol === 'udp' ? udpPorts : tcpPorts).push(port.hostPort);
    }
  }
  return {
    cpu: taskCpu ?? cpu,
    memory: taskMemory ?? memory,
    taskCpu,
    taskMemory,
    tcpPorts,
    udpPorts,
    gpus,
    requiredAttributes: (definition.requiresAttributes ?? []).map(internedAttribute),
    networkMode,
    zones: networkMode === 'awsvpc' ? zones : undefined,
    containers,
  };
}

/**
 * The same attribute with engine-canonical strings: task definitions arrive as fresh
 * (JSON) strings, and a Map lookup with a canonical key is several times faster.
 */
function internedAttribute(attribute: Attribute): Attribute {
  const name = intern(attribute.name);
  const { value } = attribute;
  return typeof value === 'string'
    ? { ...attribute, name, value: intern(value) }
    : { ...attribute, name };
}
