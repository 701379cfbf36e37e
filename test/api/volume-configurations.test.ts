// volumeConfigurations, expectations from the API reference (TaskVolumeConfiguration,
// TaskManagedEBSVolumeConfiguration) and the developer guide's EBS pages: the name must match
// a task definition volume configured at launch; one volume per standalone task; a size or a
// snapshot; per-type size and IOPS ranges; throughput for gp3 only, at most 1000 MiB/s;
// Fargate and EC2 only, Windows on EC2 only; echoed as an AmazonElasticBlockStorage attachment.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type {
  RunTaskInput,
  TaskManagedEBSVolumeConfiguration,
} from '../../src/kernel/run-task-types.js';
import { parseRunTaskInput, validateRunTaskRequest } from '../../src/api/validate-run-task.js';
import type { TaskDefinition } from '../../src/kernel/ecs-types.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { thrownBy } from './fixtures.js';

const ROLE = 'arn:aws:iam::123456789012:role/ecsInfrastructureRole';

const withVolume: TaskDefinition = taskDefinition('db', [{ name: 'db', cpu: 256, memory: 512 }], {
  networkMode: 'awsvpc',
  cpu: '1024',
  memory: '2048',
  compatibilities: ['EC2', 'FARGATE', 'EXTERNAL'],
  volumes: [{ name: 'scratch' }, { name: 'data', configuredAtLaunch: true }],
});

const volume = (extra: Partial<TaskManagedEBSVolumeConfiguration> = {}) => ({
  name: 'data',
  managedEBSVolume: { roleArn: ROLE, sizeInGiB: 100, ...extra },
});

const check =
  (
    input: Partial<RunTaskInput>,
    launchType: 'EC2' | 'FARGATE' | 'EXTERNAL' = 'FARGATE',
    definition = withVolume,
  ) =>
  () =>
    validateRunTaskRequest(
      {
        taskDefinition: 'db',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
        ...input,
      },
      definition,
      launchType,
    );

describe('volumeConfigurations: shape', () => {
  it('is accepted by parseRunTaskInput with every member of the current API', () => {
    const input = {
      taskDefinition: 'db',
      clientToken: 'abc',
      volumeConfigurations: [
        {
          name: 'data',
          managedEBSVolume: {
            encrypted: true,
            kmsKeyId: 'key',
            volumeType: 'gp3',
            sizeInGiB: 100,
            snapshotId: 'snap-1',
            volumeInitializationRate: 200,
            iops: 3000,
            throughput: 125,
            tagSpecifications: [
              { resourceType: 'volume', tags: [{ key: 'k', value: 'v' }], propagateTags: 'NONE' },
            ],
            roleArn: ROLE,
            terminationPolicy: { deleteOnTermination: false },
            filesystemType: 'xfs',
          },
        },
      ],
    };
    expect(parseRunTaskInput(input)).toEqual(input);
  });

  it.each([
    [
      { managedEBSVolume: { roleArn: ROLE } },
      'Missing required parameter in volumeConfigurations[0]: "name".',
    ],
    [
      { name: 'data', managedEBSVolume: { sizeInGiB: 1 } },
      'Missing required parameter in volumeConfigurations[0].managedEBSVolume: "roleArn".',
    ],
    [
      { name: 'data', managedEBSVolume: { roleArn: ROLE, filesystemType: 'btrfs' } },
      'expected one of ext3 | ext4 | ntfs | xfs',
    ],
    [
      { name: 'data', managedEBSVolume: { roleArn: ROLE, sizeInGiB: '100' } },
      'expected an integer',
    ],
    [{ name: 'data', size: 1 }, 'Unknown parameter in volumeConfigurations[0]: "size"'],
  ])('refuses %j', (entry, message) => {
    expect(
      thrownBy(() => parseRunTaskInput({ taskDefinition: 'db', volumeConfigurations: [entry] })),
    ).toContain(message);
  });
});

describe('volumeConfigurations: rules', () => {
  it('accepts a gp3 volume on Fargate and on EC2, and none at all', () => {
    expect(check({ volumeConfigurations: [volume()] })).not.toThrow();
    expect(check({ volumeConfigurations: [volume()] }, 'EC2')).not.toThrow();
    expect(check({ volumeConfigurations: [] })).not.toThrow();
  });

  it('the name must be a volume configured at launch', () => {
    expect(thrownBy(check({ volumeConfigurations: [{ ...volume(), name: 'scratch' }] }))).toBe(
      'Invalid volumeConfigurations[0].name "scratch": the name of the volume must match a volume ' +
        'of the task definition marked configuredAtLaunch (task definition db:1: data).',
    );
    const none = { ...withVolume, volumes: [] };
    expect(thrownBy(check({ volumeConfigurations: [volume()] }, 'FARGATE', none))).toContain(
      'and task definition db:1 has none.',
    );
  });

  it('one volume per standalone task', () => {
    expect(thrownBy(check({ volumeConfigurations: [volume(), volume()] }))).toBe(
      'Invalid volumeConfigurations "2 volume configurations": a standalone task gets at most one Amazon EBS volume at launch.',
    );
  });

  it('not for EXTERNAL, not for Windows on Fargate', () => {
    expect(thrownBy(check({ volumeConfigurations: [volume()] }, 'EXTERNAL'))).toContain(
      'not to the EXTERNAL launch type',
    );
    const windows = {
      ...withVolume,
      runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' as const },
    };
    expect(thrownBy(check({ volumeConfigurations: [volume()] }, 'FARGATE', windows))).toContain(
      'Amazon EBS volumes attach to Windows tasks on Amazon EC2 only',
    );
    expect(check({ volumeConfigurations: [volume()] }, 'EC2', windows)).not.toThrow();
  });

  it('needs a size or a snapshot', () => {
    expect(
      thrownBy(
        check({ volumeConfigurations: [{ name: 'data', managedEBSVolume: { roleArn: ROLE } }] }),
      ),
    ).toBe(
      'Invalid volumeConfigurations[0].managedEBSVolume.sizeInGiB (missing): specify either a volume size or a snapshot ID.',
    );
    expect(
      check({
        volumeConfigurations: [
          { name: 'data', managedEBSVolume: { roleArn: ROLE, snapshotId: 'snap-1' } },
        ],
      }),
    ).not.toThrow();
  });

  it.each([
    ['gp2', 1, 16384],
    ['gp3', 1, 16384],
    ['io1', 4, 16384],
    ['io2', 4, 16384],
    ['st1', 125, 16384],
    ['sc1', 125, 16384],
  ])('%s volumes are %i to %i GiB', (volumeType, min, max) => {
    const iops = volumeType.startsWith('io') ? { iops: 1000 } : {};
    for (const sizeInGiB of [min, max]) {
      expect(
        check({ volumeConfigurations: [volume({ volumeType, sizeInGiB, ...iops })] }),
      ).not.toThrow();
    }
    for (const sizeInGiB of [min - 1, max + 1]) {
      expect(
        thrownBy(check({ volumeConfigurations: [volume({ volumeType, sizeInGiB, ...iops })] })),
      ).toContain(`${volumeType} volumes are ${min} to ${max} GiB`);
    }
  });

  it('standard (magnetic) is 1 to 1024 GiB, and not on Fargate', () => {
    expect(
      check({ volumeConfigurations: [volume({ volumeType: 'standard', sizeInGiB: 1024 })] }, 'EC2'),
    ).not.toThrow();
    expect(
      thrownBy(
        check(
          { volumeConfigurations: [volume({ volumeType: 'standard', sizeInGiB: 1025 })] },
          'EC2',
        ),
      ),
    ).toContain('1 to 1024 GiB');
    expect(
      thrownBy(check({ volumeConfigurations: [volume({ volumeType: 'standard' })] })),
    ).toContain('the magnetic volume type is not supported on Fargate');
  });

  it('an unknown volume type lists the valid ones', () => {
    expect(thrownBy(check({ volumeConfigurations: [volume({ volumeType: 'gp4' })] }))).toBe(
      'Invalid volumeConfigurations[0].managedEBSVolume.volumeType "gp4": valid volume types: gp2, gp3, io1, io2, st1, sc1, standard.',
    );
  });

  it.each([
    ['gp3', 3000, 16000],
    ['io1', 100, 64000],
    ['io2', 100, 256000],
  ])('%s takes %i to %i IOPS', (volumeType, min, max) => {
    for (const iops of [min, max]) {
      expect(check({ volumeConfigurations: [volume({ volumeType, iops })] })).not.toThrow();
    }
    for (const iops of [min - 1, max + 1]) {
      expect(thrownBy(check({ volumeConfigurations: [volume({ volumeType, iops })] }))).toContain(
        `${volumeType} volumes take ${min} to ${max} IOPS`,
      );
    }
  });

  it('io1 and io2 require IOPS; st1, sc1 and standard refuse them', () => {
    expect(thrownBy(check({ volumeConfigurations: [volume({ volumeType: 'io2' })] }))).toContain(
      'iops is required for io2 volumes',
    );
    expect(
      thrownBy(
        check({ volumeConfigurations: [volume({ volumeType: 'st1', sizeInGiB: 500, iops: 500 })] }),
      ),
    ).toContain('iops is not supported for st1 volumes');
  });

  it('throughput: gp3 only, at most 1000 MiB/s', () => {
    expect(check({ volumeConfigurations: [volume({ throughput: 1000 })] })).not.toThrow();
    expect(thrownBy(check({ volumeConfigurations: [volume({ throughput: 1001 })] }))).toContain(
      'at most 1000 MiB/s',
    );
    expect(
      thrownBy(check({ volumeConfigurations: [volume({ volumeType: 'gp2', throughput: 200 })] })),
    ).toContain('throughput is only supported for gp3 volumes, not gp2');
  });

  it('volumeInitializationRate only with a snapshotId', () => {
    expect(
      thrownBy(check({ volumeConfigurations: [volume({ volumeInitializationRate: 100 })] })),
    ).toContain('can be specified only with a snapshotId');
    expect(
      check({
        volumeConfigurations: [volume({ snapshotId: 'snap-1', volumeInitializationRate: 100 })],
      }),
    ).not.toThrow();
  });

  it('the reserved volume tags are refused', () => {
    const tagged = volume({
      tagSpecifications: [
        { resourceType: 'volume', tags: [{ key: 'AmazonECSManaged', value: 'x' }] },
      ],
    });
    expect(thrownBy(check({ volumeConfigurations: [tagged] }))).toContain(
      'tagSpecifications[0].tags[0].key "AmazonECSManaged": AmazonECSCreated and AmazonECSManaged are reserved tags',
    );
  });
});

describe('volumeConfigurations: echoed as the task attachment', () => {
  const snapshot = () => {
    const s = snapshotOf({
      instances: [
        containerInstance({ id: 'ci0', attributes: { 'ecs.availability-zone': 'us-east-1a' } }),
      ],
      taskDefinitions: [withVolume],
      subnets: { 'subnet-a': 'us-east-1a' },
    });
    s.clusters[0]!.capacityProviders = ['FARGATE'];
    return s;
  };
  const base = {
    taskDefinition: 'db',
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
  };

  it.each(['FARGATE', 'EC2'] as const)('on %s, after the network interface', (launchType) => {
    const { tasks } = Cluster.fromSnapshot(snapshot()).runTask({
      ...base,
      launchType,
      volumeConfigurations: [volume({ terminationPolicy: { deleteOnTermination: false } })],
    });
    const [eni, ebs] = tasks[0]!.attachments!;
    expect(eni!.type).toBe('ElasticNetworkInterface');
    expect(ebs).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      type: 'AmazonElasticBlockStorage',
      status: 'CREATED',
      details: [
        { name: 'roleArn', value: ROLE },
        { name: 'volumeName', value: 'data' },
        { name: 'deleteOnTermination', value: 'false' },
      ],
    });
  });

  it('deleteOnTermination defaults to true; the other ids do not change', () => {
    const plain = Cluster.fromSnapshot(snapshot()).runTask({ ...base, launchType: 'FARGATE' });
    const withEbs = Cluster.fromSnapshot(snapshot()).runTask({
      ...base,
      launchType: 'FARGATE',
      volumeConfigurations: [volume()],
    });
    const ebs = withEbs.tasks[0]!.attachments![1]!;
    expect(ebs.details).toContainEqual({ name: 'deleteOnTermination', value: 'true' });
    expect(withEbs.tasks[0]!.taskArn).toBe(plain.tasks[0]!.taskArn);
    expect(withEbs.tasks[0]!.containers![0]!.containerArn).toBe(
      plain.tasks[0]!.containers![0]!.containerArn,
    );
  });
});
