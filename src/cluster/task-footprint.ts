import type { Task } from './ecs-types.js';

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

function amount(text: string | undefined): number {
  const value = Number(text);
  return Number.isFinite(value) ? value : 0;
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
  const cpu =
    task.cpu !== undefined ? amount(task.cpu) : containers.reduce((s, c) => s + amount(c.cpu), 0);
  const memory =
    task.memory !== undefined
      ? amount(task.memory)
      : containers.reduce((s, c) => s + amount(c.memoryReservation ?? c.memory), 0);
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
