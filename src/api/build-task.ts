/** A placed task as RunTask returns it (and as the snapshot then records it). */
import type { InstanceLaunchType } from '../kernel/ecs-enums.js';
import { fargateAttachment } from '../capacity/fargate-attachment.js';
import type { Attachment, Container, Tag, Task, TaskOverride } from '../kernel/ecs-types.js';
import type { InstanceState } from '../cluster/instance-state.js';
import type { ContainerNeeds, TaskNeeds } from '../placement/task-needs.js';
import { type ArnContext, containerArn, taskArn } from './arns.js';
import { ebsAttachment } from './ebs-attachment.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import { TaskIdSource } from './task-ids.js';

/** Everything about the call that every task of it shares. */
export interface TaskTemplate {
  arns: ArnContext;
  seed: string;
  clusterName: string;
  clusterArn: string;
  taskDefinitionArn: string;
  request: RunTaskInput;
  needs: TaskNeeds;
  group: string;
  launchType: InstanceLaunchType;
  capacityProvider: string | undefined;
  overrides: TaskOverride;
  tags: Tag[];
  /** ISO time the tasks are created at. */
  createdAt: string;
  /** Subnet id -> Availability Zone, to give an awsvpc task a subnet in its instance's zone. */
  subnets: ReadonlyMap<string, string>;
}

function eniSubnet(template: TaskTemplate, zone: string | undefined): string | undefined {
  const subnets = template.request.networkConfiguration?.awsvpcConfiguration?.subnets ?? [];
  return subnets.find((s) => zone !== undefined && template.subnets.get(s) === zone) ?? subnets[0];
}

/**
 * A container's cpu, memory and memoryReservation as DescribeTasks shows them (strings). cpu
 * is always there: the seed says "The value is 0 if no value was specified in the container
 * definition"; the memory figures appear only when set.
 */
export function containerSizes(
  needs: Pick<ContainerNeeds, 'cpu' | 'memory' | 'memoryReservation'>,
): Pick<Container, 'cpu' | 'memory' | 'memoryReservation'> {
  return {
    cpu: String(needs.cpu ?? 0),
    ...(needs.memory !== undefined ? { memory: String(needs.memory) } : {}),
    ...(needs.memoryReservation !== undefined
      ? { memoryReservation: String(needs.memoryReservation) }
      : {}),
  };
}

/**
 * `ordinal` is the task's position in the cluster's task list; with the seed it decides the
 * task's ids, so a plan and a run from the same state produce the same ARNs. Without an
 * `instance` the task is one that waits for managed scaling: lastStatus PROVISIONING, no
 * container instance, zone, network interface, host ports or GPUs yet.
 */
export function buildTask(
  template: TaskTemplate,
  instance: InstanceState | undefined,
  gpuIds: readonly string[][],
  ordinal: number,
): Task {
  const ids = new TaskIdSource(template.seed, template.clusterName, ordinal);
  const taskId = ids.taskId();
  const arn = taskArn(template.arns, template.clusterName, taskId);
  const zone = instance?.view.attributes.get('ecs.availability-zone') ?? undefined;
  const attachments: Attachment[] = [];
  if (instance !== undefined && template.needs.networkMode === 'awsvpc') {
    const subnet = eniSubnet(template, zone);
    if (subnet !== undefined)
      attachments.push(fargateAttachment(subnet, arn, template.arns.region));
  }
  const eni = attachments[0];
  const eniAddress = eni?.details?.find((d) => d.name === 'privateIPv4Address')?.value;

  const containers: Container[] = template.needs.containers.map((needs, k) => {
    const container: Container = {
      containerArn: containerArn(template.arns, template.clusterName, taskId, ids.uuid()),
      taskArn: arn,
      name: needs.name,
      lastStatus: 'PENDING',
      networkBindings: (instance ? needs.staticPorts : []).map((p) => ({
        bindIP: '0.0.0.0',
        containerPort: p.containerPort,
        hostPort: p.hostPort,
        protocol: p.protocol,
      })),
      networkInterfaces:
        eni?.id !== undefined
          ? [{ attachmentId: eni.id, ...(eniAddress ? { privateIpv4Address: eniAddress } : {}) }]
          : [],
    };
    if (needs.image !== undefined) container.image = needs.image;
    Object.assign(container, containerSizes(needs));
    const gpus = gpuIds[k] ?? [];
    if (gpus.length > 0) container.gpuIds = [...gpus];
    return container;
  });

  // Drawn after the container ids, so that a volume does not change any other id.
  for (const volume of template.request.volumeConfigurations ?? []) {
    attachments.push(ebsAttachment(volume, ids.uuid()));
  }

  const task: Task = {
    attachments,
    clusterArn: template.clusterArn,
    ...(instance !== undefined ? { containerInstanceArn: instance.arn } : {}),
    containers,
    createdAt: template.createdAt,
    desiredStatus: 'RUNNING',
    enableExecuteCommand: template.request.enableExecuteCommand === true,
    group: template.group,
    lastStatus: instance ? 'PENDING' : 'PROVISIONING',
    launchType: template.launchType,
    overrides: template.overrides,
    tags: template.tags,
    taskArn: arn,
    taskDefinitionArn: template.taskDefinitionArn,
    version: 1,
  };
  if (zone !== undefined) task.availabilityZone = zone;
  // ECS reports the architecture the task runs on; on EC2 that is the instance's.
  const architecture = instance?.view.attributes.get('ecs.cpu-architecture');
  if (typeof architecture === 'string') {
    task.attributes = [{ name: 'ecs.cpu-architecture', value: architecture }];
  }
  if (template.capacityProvider !== undefined)
    task.capacityProviderName = template.capacityProvider;
  if (template.needs.cpu > 0 || template.needs.taskCpu !== undefined)
    task.cpu = String(template.needs.cpu);
  if (template.needs.memory > 0 || template.needs.taskMemory !== undefined) {
    task.memory = String(template.needs.memory);
  }
  if (template.request.startedBy !== undefined) task.startedBy = template.request.startedBy;
  return task;
}
