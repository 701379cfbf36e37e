/**
 * Places the FARGATE / FARGATE_SPOT share of a RunTask call: no container instance; each
 * task gets a subnet and Availability Zone from the request, spread per Fargate pool.
 */
import type { LaunchTarget } from '../capacity/resolve-launch-targets.js';
import { fargateTaskFields, planFargateShare } from '../capacity/fargate.js';
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { Container, Snapshot, Task, TaskDefinition } from '../kernel/ecs-types.js';
import type { TaskTrace } from '../placement/explanation.js';
import { computeTaskNeeds } from '../placement/task-needs.js';
import { clusterArn, containerArn, taskArn, taskDefinitionArn } from './arns.js';
import { containerSizes } from './build-task.js';
import { ebsAttachment } from './ebs-attachment.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import { echoOverrides, taskTags } from './task-echo.js';
import { TaskIdSource } from './task-ids.js';

export interface FargatePlacement {
  request: RunTaskInput;
  taskDefinition: TaskDefinition;
  target: LaunchTarget;
  model: ClusterModel;
  snapshot: Snapshot;
  seed: string;
  random: () => number;
  /** ISO creation time shared by the call's tasks. */
  createdAt: string;
  /** Plan mode: where to record one trace per task, numbered from `firstTaskIndex`. */
  trace?: { tasks: TaskTrace[]; firstTaskIndex: number };
}

function fargateTrace(
  taskIndex: number,
  target: LaunchTarget,
  group: string,
  placement: { subnetId: string; availabilityZone: string },
): TaskTrace {
  const pool = target.capacityProvider ?? 'FARGATE';
  return {
    taskIndex,
    ...(target.capacityProvider !== undefined ? { capacityProvider: target.capacityProvider } : {}),
    candidates: 0,
    feasible: 0,
    verdicts: [],
    steps: [],
    fargate: placement,
    summary: `Fargate (${pool}): subnet ${placement.subnetId} in ${placement.availabilityZone}, the least-loaded zone of the request's subnets for ${group}`,
  };
}

/** Returns the placed Fargate tasks (already recorded in `model` with `model.recordTask`). */
export function placeFargate(p: FargatePlacement): Task[] {
  const { request, taskDefinition: definition, model, snapshot } = p;
  const group = request.group ?? `family:${definition.family}`;
  const plan = planFargateShare({
    request,
    taskDefinition: definition,
    target: p.target,
    group,
    tasks: model.tasks,
    subnetToAz: snapshot.subnets,
  });
  const arns = { region: snapshot.region, accountId: snapshot.accountId };
  const overrides = echoOverrides(definition, request.overrides);
  const tags = taskTags(request, definition, model.clusterName);
  // The containers' figures after overrides, as on EC2 (ports and zones do not matter here).
  const containerNeeds = computeTaskNeeds(definition, request.overrides).containers;
  return plan.placements.map((placement, i) => {
    if (p.trace)
      p.trace.tasks.push(fargateTrace(p.trace.firstTaskIndex + i, p.target, group, placement));
    const ids = new TaskIdSource(p.seed, model.clusterName, model.tasks.length);
    const taskId = ids.taskId();
    const arn = taskArn(arns, model.clusterName, taskId);
    const fields = fargateTaskFields(plan, placement, arn, snapshot.region);
    const eni = fields.attachments[0]!;
    const address = eni.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    const containers: Container[] = containerNeeds.map((c) => ({
      containerArn: containerArn(arns, model.clusterName, taskId, ids.uuid()),
      taskArn: arn,
      name: c.name,
      ...(c.image !== undefined ? { image: c.image } : {}),
      lastStatus: 'PENDING',
      networkInterfaces: [
        {
          ...(eni.id !== undefined ? { attachmentId: eni.id } : {}),
          ...(address ? { privateIpv4Address: address } : {}),
        },
      ],
      ...containerSizes(c),
    }));
    // Drawn after the container ids, so that a volume does not change any other id.
    for (const volume of request.volumeConfigurations ?? []) {
      fields.attachments.push(ebsAttachment(volume, ids.uuid()));
    }
    const task: Task = {
      ...fields,
      clusterArn: model.source.clusterArn ?? clusterArn(arns, model.clusterName),
      containers,
      createdAt: p.createdAt,
      desiredStatus: 'RUNNING',
      enableExecuteCommand: request.enableExecuteCommand === true,
      group,
      lastStatus: 'PROVISIONING',
      overrides,
      tags,
      taskArn: arn,
      taskDefinitionArn:
        definition.taskDefinitionArn ??
        taskDefinitionArn(arns, definition.family, definition.revision),
      version: 1,
      ...(request.startedBy !== undefined ? { startedBy: request.startedBy } : {}),
    };
    model.recordTask(task);
    return task;
  });
}
