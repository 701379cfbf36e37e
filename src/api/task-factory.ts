/**
 * The tasks of a RunTask call as RunTask returns them (and the snapshot then records them):
 * one factory for every placer, so a task on an instance, one waiting for managed scaling
 * and one on Fargate share their ids, ARNs, containers, volumes and call-level fields.
 */
import { fargateAttachment } from '../capacity/fargate-attachment.js';
import { fargateTaskFields } from '../capacity/fargate-task-fields.js';
import type { FargateZoneAssignment } from '../capacity/assign-fargate-zones.js';
import type { FargateTarget, InstanceTarget } from '../capacity/placement-target.js';
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { InstanceState } from '../cluster/instance-state.js';
import type { Attachment, Container, Tag, Task, TaskOverride } from '../kernel/ecs-types.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import type { TaskFactory } from '../placement/placer.js';
import type { ContainerNeeds, TaskNeeds } from '../placement/task-needs.js';
import { type ArnContext, containerArn, taskArn } from './arns.js';
import { ebsAttachment } from './ebs-attachment.js';
import { TaskIdSource } from './task-ids.js';

/** The ARNs of a call: where new ARNs go, and the cluster's and the task definition's. */
export interface CallArns {
  readonly context: ArnContext;
  readonly cluster: string;
  readonly taskDefinition: string;
}

/** Everything about the call that every task of it shares. */
export interface TaskTemplate {
  readonly arns: CallArns;
  readonly seed: string;
  readonly request: RunTaskInput;
  readonly needs: TaskNeeds;
  readonly group: string;
  readonly overrides: TaskOverride;
  readonly tags: Tag[];
  /** ISO time the tasks are created at. */
  readonly createdAt: string;
  /** Subnet id -> Availability Zone, to give an awsvpc task a subnet in its instance's zone. */
  readonly subnets: ReadonlyMap<string, string>;
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

export class RunTaskFactory implements TaskFactory {
  private readonly clusterName: string;
  private readonly arnContext: ArnContext;

  constructor(
    private readonly template: TaskTemplate,
    private readonly model: ClusterModel,
  ) {
    this.clusterName = model.clusterName;
    this.arnContext = template.arns.context;
  }

  onInstance(target: InstanceTarget, instance: InstanceState, gpuIds: readonly string[][]): Task {
    return this.instanceTask(target, instance, gpuIds);
  }

  waiting(target: InstanceTarget): Task {
    return this.instanceTask(target, undefined, []);
  }

  /**
   * The ids of the next task: from the call's seed, the cluster and the task's ordinal in the
   * cluster's task list, so a plan and a run from the same state produce the same ARNs, and
   * two calls with one seed never collide. Drawn in a fixed order: the task id, one per
   * container, then one per volume.
   */
  private nextIds(): TaskIdSource {
    return new TaskIdSource(this.template.seed, this.clusterName, this.model.tasks.length);
  }

  /** Drawn after the container ids, so that a volume does not change any other id. */
  private addVolumes(ids: TaskIdSource, attachments: Attachment[]): void {
    for (const volume of this.template.request.volumeConfigurations ?? []) {
      attachments.push(ebsAttachment(volume, ids.uuid()));
    }
  }

  /**
   * Without an `instance` the task is one that waits for managed scaling: lastStatus
   * PROVISIONING, no container instance, zone, network interface, host ports or GPUs yet.
   */
  private instanceTask(
    target: InstanceTarget,
    instance: InstanceState | undefined,
    gpuIds: readonly string[][],
  ): Task {
    const { template, clusterName, arnContext } = this;
    const { request, needs } = template;
    const ids = this.nextIds();
    const taskId = ids.taskId();
    const arn = taskArn(arnContext, clusterName, taskId);
    const zone = instance?.view.attributes.get('ecs.availability-zone') ?? undefined;
    const attachments: Attachment[] = [];
    if (instance !== undefined && needs.networkMode === 'awsvpc') {
      const subnet = this.eniSubnet(zone);
      if (subnet !== undefined) {
        attachments.push(fargateAttachment(subnet, arn, arnContext.region));
      }
    }
    const eni = attachments[0];
    const eniAddress = eni?.details?.find((d) => d.name === 'privateIPv4Address')?.value;

    const containers: Container[] = needs.containers.map((container, k) => {
      const built: Container = {
        containerArn: containerArn(arnContext, clusterName, taskId, ids.uuid()),
        taskArn: arn,
        name: container.name,
        lastStatus: 'PENDING',
        networkBindings: (instance ? container.staticPorts : []).map((p) => ({
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
      if (container.image !== undefined) built.image = container.image;
      Object.assign(built, containerSizes(container));
      const gpus = gpuIds[k] ?? [];
      if (gpus.length > 0) built.gpuIds = [...gpus];
      return built;
    });
    this.addVolumes(ids, attachments);

    const built: Task = {
      attachments,
      clusterArn: template.arns.cluster,
      ...(instance !== undefined ? { containerInstanceArn: instance.arn } : {}),
      containers,
      createdAt: template.createdAt,
      desiredStatus: 'RUNNING',
      enableExecuteCommand: request.enableExecuteCommand === true,
      group: template.group,
      lastStatus: instance ? 'PENDING' : 'PROVISIONING',
      launchType: target.kind,
      overrides: template.overrides,
      tags: template.tags,
      taskArn: arn,
      taskDefinitionArn: template.arns.taskDefinition,
      version: 1,
    };
    if (zone !== undefined) built.availabilityZone = zone;
    // ECS reports the architecture the task runs on; on EC2 that is the instance's.
    const architecture = instance?.view.attributes.get('ecs.cpu-architecture');
    if (typeof architecture === 'string') {
      built.attributes = [{ name: 'ecs.cpu-architecture', value: architecture }];
    }
    if (target.capacityProvider !== undefined) built.capacityProviderName = target.capacityProvider;
    if (needs.cpu > 0 || needs.taskCpu !== undefined) built.cpu = String(needs.cpu);
    if (needs.memory > 0 || needs.taskMemory !== undefined) built.memory = String(needs.memory);
    if (request.startedBy !== undefined) built.startedBy = request.startedBy;
    return built;
  }

  /** The request's subnet in the instance's zone, else its first subnet. */
  private eniSubnet(zone: string | undefined): string | undefined {
    const subnets = this.template.request.networkConfiguration?.awsvpcConfiguration?.subnets ?? [];
    return (
      subnets.find((s) => zone !== undefined && this.template.subnets.get(s) === zone) ?? subnets[0]
    );
  }

  onFargate(target: FargateTarget, placement: FargateZoneAssignment): Task {
    const { template, clusterName, arnContext } = this;
    const { request } = template;
    const ids = this.nextIds();
    const taskId = ids.taskId();
    const arn = taskArn(arnContext, clusterName, taskId);
    const fields = fargateTaskFields(target, placement, arn, arnContext.region);
    const eni = fields.attachments[0]!;
    const address = eni.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    // The containers' figures after overrides, as on EC2 (ports and zones do not matter here).
    const containers: Container[] = template.needs.containers.map((c) => ({
      containerArn: containerArn(arnContext, clusterName, taskId, ids.uuid()),
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
    this.addVolumes(ids, fields.attachments);
    return {
      ...fields,
      clusterArn: template.arns.cluster,
      containers,
      createdAt: template.createdAt,
      desiredStatus: 'RUNNING',
      enableExecuteCommand: request.enableExecuteCommand === true,
      group: template.group,
      lastStatus: 'PROVISIONING',
      overrides: template.overrides,
      tags: template.tags,
      taskArn: arn,
      taskDefinitionArn: template.arns.taskDefinition,
      version: 1,
      ...(request.startedBy !== undefined ? { startedBy: request.startedBy } : {}),
    };
  }
}
