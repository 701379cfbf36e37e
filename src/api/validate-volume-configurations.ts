/**
 * `volumeConfigurations`: the Amazon EBS volume a standalone task gets at launch. Checked as
 * the ECS API reference documents TaskVolumeConfiguration and TaskManagedEBSVolumeConfiguration
 * (and the developer guide's "Use Amazon EBS volumes with Amazon ECS"); nothing about EBS is
 * modelled beyond that: the volume is echoed as the task's EBS attachment.
 */
import type { TaskDefinition } from '../kernel/ecs-types.js';
import type {
  LaunchType,
  RunTaskInput,
  TaskManagedEBSVolumeConfiguration,
} from '../kernel/run-task-types.js';
import { invalidParameter } from './validate-shape.js';

/** Size (GiB) and IOPS ranges per volume type, from TaskManagedEBSVolumeConfiguration. */
const VOLUME_TYPES: Readonly<
  Record<string, { size: [number, number]; iops?: [number, number]; iopsRequired?: boolean }>
> = {
  gp2: { size: [1, 16384] },
  gp3: { size: [1, 16384], iops: [3000, 16000] },
  io1: { size: [4, 16384], iops: [100, 64000], iopsRequired: true },
  io2: { size: [4, 16384], iops: [100, 256000], iopsRequired: true },
  st1: { size: [125, 16384] },
  sc1: { size: [125, 16384] },
  standard: { size: [1, 1024] },
};
/** The volume type when none is given (ECS's default for task volumes). */
export const DEFAULT_EBS_VOLUME_TYPE = 'gp3';
export const MAX_EBS_THROUGHPUT = 1000;
/** "AmazonECSCreated and AmazonECSManaged are reserved tags that can't be used." */
const RESERVED_TAG_KEYS = ['AmazonECSCreated', 'AmazonECSManaged'];

export function validateVolumeConfigurations(
  input: RunTaskInput,
  taskDefinition: TaskDefinition,
  launchType: LaunchType,
): void {
  const configurations = input.volumeConfigurations;
  if (configurations === undefined || configurations.length === 0) return;
  const name = `${taskDefinition.family}:${taskDefinition.revision}`;
  if (launchType === 'EXTERNAL') {
    throw invalidParameter(
      'volumeConfigurations',
      `${configurations.length} volume configuration(s)`,
      'Amazon EBS volumes attach to tasks on Fargate and on Amazon EC2 instances, not to the EXTERNAL launch type',
    );
  }
  const family = taskDefinition.runtimePlatform?.operatingSystemFamily;
  if (launchType === 'FARGATE' && family !== undefined && family !== 'LINUX') {
    throw invalidParameter(
      'volumeConfigurations',
      `${configurations.length} volume configuration(s)`,
      `Amazon EBS volumes attach to Windows tasks on Amazon EC2 only; task definition ${name} runs ${family} on Fargate`,
    );
  }
  if (configurations.length > 1) {
    throw invalidParameter(
      'volumeConfigurations',
      `${configurations.length} volume configurations`,
      'a standalone task gets at most one Amazon EBS volume at launch',
    );
  }
  const atLaunch = (taskDefinition.volumes ?? [])
    .filter((v) => v?.configuredAtLaunch === true && typeof v.name === 'string')
    .map((v) => v.name as string);
  configurations.forEach((configuration, index) => {
    const path = `volumeConfigurations[${index}]`;
    if (!atLaunch.includes(configuration.name)) {
      throw invalidParameter(
        `${path}.name`,
        configuration.name,
        atLaunch.length === 0
          ? `the name of the volume must match a volume of the task definition marked configuredAtLaunch, and task definition ${name} has none`
          : `the name of the volume must match a volume of the task definition marked configuredAtLaunch (task definition ${name}: ${atLaunch.join(', ')})`,
      );
    }
    if (configuration.managedEBSVolume !== undefined) {
      validateManagedVolume(configuration.managedEBSVolume, `${path}.managedEBSVolume`, launchType);
    }
  });
}

function validateManagedVolume(
  volume: TaskManagedEBSVolumeConfiguration,
  path: string,
  launchType: LaunchType,
): void {
  if (volume.roleArn === '') {
    throw invalidParameter(`${path}.roleArn`, '', 'the ECS infrastructure role must be named');
  }
  const type = volume.volumeType ?? DEFAULT_EBS_VOLUME_TYPE;
  const limits = VOLUME_TYPES[type];
  if (limits === undefined) {
    throw invalidParameter(
      `${path}.volumeType`,
      type,
      `valid volume types: ${Object.keys(VOLUME_TYPES).join(', ')}`,
    );
  }
  if (type === 'standard' && launchType === 'FARGATE') {
    throw invalidParameter(
      `${path}.volumeType`,
      type,
      'the magnetic volume type is not supported on Fargate',
    );
  }
  if (volume.sizeInGiB === undefined && volume.snapshotId === undefined) {
    throw invalidParameter(
      `${path}.sizeInGiB`,
      undefined,
      'specify either a volume size or a snapshot ID',
    );
  }
  if (volume.sizeInGiB !== undefined) {
    const [min, max] = limits.size;
    if (volume.sizeInGiB < min || volume.sizeInGiB > max) {
      throw invalidParameter(
        `${path}.sizeInGiB`,
        volume.sizeInGiB,
        `${type} volumes are ${min} to ${max} GiB`,
      );
    }
  }
  if (volume.iops === undefined) {
    if (limits.iopsRequired) {
      throw invalidParameter(`${path}.iops`, undefined, `iops is required for ${type} volumes`);
    }
  } else if (['st1', 'sc1', 'standard'].includes(type)) {
    throw invalidParameter(
      `${path}.iops`,
      volume.iops,
      `iops is not supported for ${type} volumes`,
    );
  } else if (limits.iops !== undefined) {
    const [min, max] = limits.iops;
    if (volume.iops < min || volume.iops > max) {
      throw invalidParameter(
        `${path}.iops`,
        volume.iops,
        `${type} volumes take ${min} to ${max} IOPS`,
      );
    }
  }
  if (volume.throughput !== undefined) {
    if (type !== 'gp3') {
      throw invalidParameter(
        `${path}.throughput`,
        volume.throughput,
        `throughput is only supported for gp3 volumes, not ${type}`,
      );
    }
    if (volume.throughput < 1 || volume.throughput > MAX_EBS_THROUGHPUT) {
      throw invalidParameter(
        `${path}.throughput`,
        volume.throughput,
        `at most ${MAX_EBS_THROUGHPUT} MiB/s`,
      );
    }
  }
  if (volume.volumeInitializationRate !== undefined) {
    if (volume.snapshotId === undefined) {
      throw invalidParameter(
        `${path}.volumeInitializationRate`,
        volume.volumeInitializationRate,
        'can be specified only with a snapshotId',
      );
    }
    if (volume.volumeInitializationRate <= 0) {
      throw invalidParameter(
        `${path}.volumeInitializationRate`,
        volume.volumeInitializationRate,
        'a rate in MiB/s above 0',
      );
    }
  }
  (volume.tagSpecifications ?? []).forEach((specification, s) => {
    (specification.tags ?? []).forEach((tag, t) => {
      if (tag.key !== undefined && RESERVED_TAG_KEYS.includes(tag.key)) {
        throw invalidParameter(
          `${path}.tagSpecifications[${s}].tags[${t}].key`,
          tag.key,
          `${RESERVED_TAG_KEYS.join(' and ')} are reserved tags that can't be used`,
        );
      }
    });
  });
}
