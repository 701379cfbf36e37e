/**
 * The scale-out estimate of the explanation (`explanation.scaleOut`): for each capacity
 * provider with tasks waiting in PROVISIONING, the inputs of estimateScaleOut read from the
 * cluster model (docs/capacity.md, section 6).
 */
import {
  estimateScaleOut,
  type InstanceShape,
  type ScaleOutEstimate,
  type WaitingTask,
} from '../capacity/estimate-scale-out.js';
import type { ManagedScalingSettings } from '../capacity/managed-scaling.js';
import { waitsForCapacity } from '../capacity/provisioning-quota.js';
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { Snapshot, Task } from '../kernel/ecs-types.js';
import { emptyCopyOf } from '../cluster/empty-copy.js';
import type { InstanceState } from '../cluster/instance-state.js';
import { eniCapacity } from '../placement/eni-capacity.js';
import { computeTaskNeeds, type TaskNeeds } from '../placement/task-needs.js';

/** A provider whose share left tasks waiting in this call, with what those tasks need. */
export interface WaitingShare {
  settings: ManagedScalingSettings;
  /** This call's waiting tasks and their needs (earlier ones are read from their definitions). */
  tasks: Map<string, WaitingTask>;
}

/** Instance states that count as running in the group (N): not yet gone, not failed. */
const RUNNING = new Set(['ACTIVE', 'DRAINING', 'REGISTERING']);

export function waitingTaskOf(needs: TaskNeeds, distinctGroup: string | undefined): WaitingTask {
  return {
    cpu: needs.cpu,
    memory: needs.memory,
    gpus: needs.gpus,
    eni: needs.networkMode === 'awsvpc',
    tcpPorts: needs.tcpPorts,
    udpPorts: needs.udpPorts,
    ...(distinctGroup !== undefined ? { distinctGroup } : {}),
  };
}

function shapeOf(instance: InstanceState): InstanceShape {
  const copy = emptyCopyOf(instance);
  return {
    instanceType: copy.view.attributes.get('ecs.instance-type') ?? undefined,
    cpu: copy.cpu,
    memory: copy.memory,
    gpus: copy.freeGpus.length,
    enis: eniCapacity(copy).tasks,
    tcpPorts: copy.tcpTaken,
    udpPorts: copy.udpTaken,
  };
}

/** An earlier waiting task: its needs from its task definition and echoed overrides when known. */
function earlierTask(task: Task, snapshot: Snapshot): WaitingTask {
  const definition = snapshot.taskDefinitions.find(
    (d) => d.taskDefinitionArn !== undefined && d.taskDefinitionArn === task.taskDefinitionArn,
  );
  if (definition) return waitingTaskOf(computeTaskNeeds(definition, task.overrides), undefined);
  const amount = (text: string | undefined) => (Number.isFinite(Number(text)) ? Number(text) : 0);
  return {
    cpu: amount(task.cpu),
    memory: amount(task.memory),
    gpus: 0,
    eni: false,
    tcpPorts: [],
    udpPorts: [],
  };
}

export function scaleOutEstimates(
  model: ClusterModel,
  snapshot: Snapshot,
  shares: ReadonlyMap<string, WaitingShare>,
): ScaleOutEstimate[] {
  const estimates: ScaleOutEstimate[] = [];
  for (const [provider, share] of shares) {
    const group = model.instances.filter((i) => i.capacityProviderName === provider);
    const waiting = model.tasks
      .filter((t) => t.capacityProviderName === provider && waitsForCapacity(t))
      .map((t) => share.tasks.get(t.taskArn) ?? earlierTask(t, snapshot));
    estimates.push(
      estimateScaleOut({
        capacityProvider: provider,
        settings: share.settings,
        instances: group.map(shapeOf),
        runningInstances: group.filter((i) => RUNNING.has(i.status)).length,
        waiting,
      }),
    );
  }
  return estimates;
}
