import type { Task } from './ecs-types.js';

/** What a task holds on its container instance while its desiredStatus is not STOPPED. */
export interface TaskFootprint {
  cpu: number;
  memory: number;
  tcpPorts: readonly number[];
  udpPorts: readonly number[];
  gpuIds: readonly string[];
}

function amount(text: string | undefined): number {
  const value = Number(text);
  return Number.isFinite(value) ? value : 0;
}

/**
 * The footprint of a task read from its DescribeTasks shape (used for snapshot tasks, whose
 * reservation is already reflected in `remainingResources`, when they are stopped):
 * task-level cpu/memory when present, else the containers' figures; static host ports from
 * the network bindings; GPUs from `gpuIds`.
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
  return { cpu, memory, tcpPorts, udpPorts, gpuIds };
}
