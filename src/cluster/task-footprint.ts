import { parseCpuUnits, parseMemoryMiB } from './cpu-memory-units.js';
import type { Task } from '../kernel/ecs-types.js';

/** What a task holds on its container instance while its desiredStatus is not STOPPED. */
export interface TaskFootprint {
  cpu: number;
  memory: number;
  tcpPorts: readonly number[];
  udpPorts: readonly number[];
  gpuIds: readonly string[];
  /** Task network interfaces held on the instance: 1 for an awsvpc task, else 0 (RESOURCE:ENI). */
  eni: number;
}

/** A figure as the snapshot check accepted it; absent (or unreadable) holds nothing. */
function amount(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Container figures are whole numbers, written as strings by DescribeTasks. */
function containerAmount(text: string | number | undefined): number {
  return text === undefined ? 0 : amount(Number(text));
}

/**
 * The footprint of a task read from its DescribeTasks shape (used for snapshot tasks, whose
 * reservation is already reflected in `remainingResources`, when they are stopped):
 * task-level cpu/memory when present, else the containers' figures; static host ports from
 * the network bindings; GPUs from `gpuIds`; an ENI when it has an `ElasticNetworkInterface`
 * attachment (DescribeTasks shows one for every awsvpc task).
 */
export function footprintOfTask(task: Task): TaskFootprint {
  const containers = task.containers ?? [];
  // Task-level figures may use the task definition's forms ("1 vCPU", "2 GB").
  const cpu =
    task.cpu !== undefined
      ? amount(parseCpuUnits(task.cpu))
      : containers.reduce((s, c) => s + containerAmount(c.cpu), 0);
  const memory =
    task.memory !== undefined
      ? amount(parseMemoryMiB(task.memory))
      : containers.reduce((s, c) => s + containerAmount(c.memoryReservation ?? c.memory), 0);
  const tcpPorts: number[] = [];
  const udpPorts: number[] = [];
  const gpuIds: string[] = [];
  for (const container of containers) {
    for (const binding of container.networkBindings ?? []) {
      if (binding.hostPort === undefined) continue;
      (binding.protocol === 'udp' ? udpPorts : tcpPorts).push(binding.hostPort);
    }
    gpuIds.push(...(container.gpuIds ?? []));
  }
  const eni = task.attachments?.some((a) => a.type === 'ElasticNetworkInterface') ? 1 : 0;
  return { cpu, memory, tcpPorts, udpPorts, gpuIds, eni };
}
