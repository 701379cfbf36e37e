/** Building the change feed's records for the Cluster facade's calls (see change-feed.ts). */
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { InstanceState } from '../cluster/instance-state.js';
import type { Task } from '../kernel/ecs-types.js';
import type { EventResult } from '../events/ecs-event.js';
import { type ChangeBody, emptyChange, type ResourceMove } from './change-feed.js';
import { cloneData } from '../cluster/copy-data.js';

/** CPU and memory an instance has left now, to compare with after a change. */
export interface Figures {
  instance: InstanceState;
  cpu: number;
  memory: number;
}

export function figuresOf(instance: InstanceState | undefined): Figures | undefined {
  return instance ? { instance, cpu: instance.cpu, memory: instance.memory } : undefined;
}

export function moveOf(before: Figures): ResourceMove {
  return {
    containerInstanceArn: before.instance.arn,
    cpu: { before: before.cpu, after: before.instance.cpu },
    memory: { before: before.memory, after: before.instance.memory },
  };
}

/** runTask's change: the tasks it recorded, and per instance what they took. */
export function runTaskChange(
  model: ClusterModel,
  tasks: readonly Task[],
  cause: 'runTask' | 'startTask' = 'runTask',
): ChangeBody {
  const body = emptyChange(model.clusterName, cause);
  body.tasksPlaced = tasks.map(cloneData);
  const taken = new Map<InstanceState, { cpu: number; memory: number }>();
  for (const task of tasks) {
    const hold = model.holdOf(task.taskArn);
    if (!hold) continue;
    const sum = taken.get(hold.instance) ?? { cpu: 0, memory: 0 };
    sum.cpu += hold.footprint.cpu;
    sum.memory += hold.footprint.memory;
    taken.set(hold.instance, sum);
  }
  for (const [instance, sum] of taken) {
    body.resources.push(
      moveOf({ instance, cpu: instance.cpu + sum.cpu, memory: instance.memory + sum.memory }),
    );
  }
  return body;
}

/** An applied event's change; `before` is the instance's figures before it, when known. */
export function eventChange(
  model: ClusterModel,
  result: EventResult,
  before: Figures | undefined,
): ChangeBody | undefined {
  if (result.result !== 'applied') return undefined;
  const body = emptyChange(model.clusterName, 'event');
  if (result.kind === 'task') {
    body.tasksUpdated.push(result.arn);
    return body;
  }
  if (result.change === 'registered') body.instancesRegistered.push(result.arn);
  else if (result.change === 'deregistered') body.instancesDeregistered.push(result.arn);
  else body.instancesChanged.push(result.arn);
  if (before && (before.cpu !== before.instance.cpu || before.memory !== before.instance.memory)) {
    body.resources.push(moveOf(before));
  }
  return body;
}
