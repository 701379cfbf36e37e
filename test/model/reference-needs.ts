/**
 * What one task needs, written plainly from docs/placement.md ("What a task needs") for the
 * reference model, sharing no code with src/placement/task-needs.ts:
 *
 * - CPU and memory: the task-level `cpu` / `memory` after `overrides.cpu` / `overrides.memory`
 *   when set ("1 vCPU" and "2 GB" count 1024 units / MiB each), otherwise the sum over the
 *   containers of `cpu` and of `memoryReservation`, else `memory`. A container override
 *   (matched by name) replaces each of `cpu`, `memory`, `memoryReservation` and
 *   `resourceRequirements` that it sets.
 * - Ports: static host ports only, in `bridge` (the default) or `host` mode. In bridge mode a
 *   missing or 0 `hostPort` is dynamic; in host mode it means the container port. `udp`
 *   mappings take PORTS_UDP, the others PORTS.
 * - GPUs: each container's `GPU` resource requirement; anything but a positive whole number
 *   counts as 0. Container k gets its own count of ids.
 */
import type {
  Attribute,
  ContainerDefinition,
  ContainerOverride,
  NetworkMode,
  TaskDefinition,
  TaskOverride,
} from '../../src/kernel/ecs-types.js';

export interface ReferenceNeeds {
  cpu: number;
  memory: number;
  tcpPorts: number[];
  udpPorts: number[];
  /** GPUs of each container, in container order. */
  containerGpus: number[];
  gpus: number;
  requiredAttributes: Attribute[];
  networkMode: NetworkMode;
}

/** `1024`, `"1024"`, or `"<n> <unit>"` with the unit worth 1024 (any case, space optional). */
function taskAmount(value: string | number | undefined, unit: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const text = value.trim().toLowerCase();
  if (text.endsWith(unit)) return Number(text.slice(0, -unit.length).trim()) * 1024;
  return Number(text);
}

function gpusOf(container: ContainerDefinition, override: ContainerOverride | undefined): number {
  const requirements = override?.resourceRequirements ?? container.resourceRequirements ?? [];
  const gpu = requirements.find((r) => r.type === 'GPU');
  if (gpu === undefined || !/^[0-9]+$/.test(gpu.value)) return 0;
  return Number(gpu.value);
}

export function referenceNeeds(
  definition: TaskDefinition,
  overrides: TaskOverride | undefined,
): ReferenceNeeds {
  const networkMode = definition.networkMode ?? 'bridge';
  let cpu = 0;
  let memory = 0;
  const tcpPorts: number[] = [];
  const udpPorts: number[] = [];
  const containerGpus: number[] = [];
  for (const container of definition.containerDefinitions) {
    const override = overrides?.containerOverrides?.find((o) => o.name === container.name);
    cpu += override?.cpu ?? container.cpu ?? 0;
    const reservation = override?.memoryReservation ?? container.memoryReservation;
    const limit = override?.memory ?? container.memory;
    memory += reservation ?? limit ?? 0;
    containerGpus.push(gpusOf(container, override));
    if (networkMode !== 'bridge' && networkMode !== 'host') continue;
    for (const mapping of container.portMappings ?? []) {
      let hostPort = mapping.hostPort ?? 0;
      if (hostPort === 0 && networkMode === 'host') hostPort = mapping.containerPort ?? 0;
      if (hostPort === 0) continue;
      if (mapping.protocol === 'udp') udpPorts.push(hostPort);
      else tcpPorts.push(hostPort);
    }
  }
  const taskCpu = taskAmount(overrides?.cpu ?? definition.cpu, 'vcpu');
  const taskMemory = taskAmount(overrides?.memory ?? definition.memory, 'gb');
  return {
    cpu: taskCpu ?? cpu,
    memory: taskMemory ?? memory,
    tcpPorts,
    udpPorts,
    containerGpus,
    gpus: containerGpus.reduce((sum, n) => sum + n, 0),
    requiredAttributes: definition.requiresAttributes ?? [],
    networkMode,
  };
}
