// Issue 9 item 5: what a snapshot may hold where placement depends on it (task and container
// sizes, ports, GPUs, remaining and registered resources, instance identities, dates), each
// refusal a SnapshotError naming the path. The rules: docs/validation.md, "Cluster snapshots".
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type {
  ContainerDefinition,
  ContainerInstance,
  Resource,
  Snapshot,
  TaskDefinition,
} from '../../src/kernel/ecs-types.js';
import { SnapshotError } from '../../src/cluster/validate-snapshot.js';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

const app: ContainerDefinition = { name: 'app', image: 'busybox', memory: 128 };

function numeric(name: string, integerValue: number): Resource {
  return { name, type: 'INTEGER', integerValue };
}

/** An instance with registeredResources CPU/MEMORY as given and as much remaining. */
function instance(
  id: string,
  cpu = 2048,
  memory = 4096,
  extra: Partial<ContainerInstance> = {},
): ContainerInstance {
  return {
    ...containerInstance({ id, cpu, memory }),
    registeredResources: [numeric('CPU', cpu), numeric('MEMORY', memory)],
    ...extra,
  };
}

function snapshot(
  definition: Partial<TaskDefinition> = {},
  instances = [instance('a'), instance('b')],
): Snapshot {
  return snapshotOf({ instances, taskDefinitions: [taskDefinition('web', [app], definition)] });
}

function refusal(json: unknown): SnapshotError {
  try {
    Cluster.fromSnapshot(json);
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error('expected the snapshot to be refused');
}

const CPU_AT = (i: number) => `$.clusters[0].containerInstances[${i}].remainingResources[0]`;

describe('task-level cpu and memory of a task definition', () => {
  it('a negative memory no longer adds capacity: it is refused, so nothing can be saved with it', () => {
    const error = refusal(snapshot({ memory: '-512' }));
    expect(error.path).toBe('$.taskDefinitions[0].memory');
    expect(error.message).toContain('expected a whole number >= 1 of MiB');
    expect(refusal(snapshot({ memory: -512 })).path).toBe('$.taskDefinitions[0].memory');
    expect(refusal(snapshot({ cpu: '-256' })).path).toBe('$.taskDefinitions[0].cpu');
  });

  it('cpu "lots" is refused instead of being ignored', () => {
    const error = refusal(snapshot({ cpu: 'lots' }));
    expect(error.path).toBe('$.taskDefinitions[0].cpu');
    expect(error.message).toBe(
      '$.taskDefinitions[0].cpu: expected a whole number >= 1 of CPU units as 1024 or "1024", or vCPUs as "1 vCPU", got "lots"',
    );
  });

  it.each<[string | number, string | number, string, string]>([
    [1024, 2048, '1024', '2048'],
    ['1024', '2048', '1024', '2048'],
    ['1 vCPU', '2 GB', '1024', '2048'],
    ['1 vcpu', '2GB', '1024', '2048'],
    ['0.25 vCPU', '0.5 GB', '256', '512'],
  ])(
    'cpu %j and memory %j are accepted and reserve %s units / %s MiB',
    (cpu, memory, units, mib) => {
      const cluster = Cluster.fromSnapshot(snapshot({ cpu, memory }));
      const [task] = cluster.runTask({ taskDefinition: 'web' }, { seed: 's' }).tasks;
      expect(task?.cpu).toBe(units);
      expect(task?.memory).toBe(mib);
    },
  );

  it('the converted figures are what placement checks', () => {
    const tight = [instance('a', 1023, 4096), instance('b', 2048, 2047)];
    const { tasks, failures } = Cluster.fromSnapshot(
      snapshot({ cpu: '1 vCPU', memory: '2 GB' }, tight),
    ).runTask({ taskDefinition: 'web' });
    expect(tasks).toEqual([]);
    expect(failures.map((f) => f.reason).sort()).toEqual(['RESOURCE:CPU', 'RESOURCE:MEMORY']);
  });

  it.each<[string, unknown]>([
    ['zero', 0],
    ['a fraction', 1.5],
    ['a fraction of a unit once converted', '0.1 vCPU'],
    ['an unknown unit', '1 GiB'],
    ['the other kind of unit', '2 GB'],
    ['an exponent', '1e3'],
    ['an empty string', ''],
    ['a boolean', true],
    ['null', null],
    ['beyond the safe integers', '99999999999999999999'],
  ])('cpu as %s is refused', (_, cpu) => {
    expect(refusal(snapshot({ cpu } as Partial<TaskDefinition>)).path).toBe(
      '$.taskDefinitions[0].cpu',
    );
  });
});

describe('container figures, ports and GPUs of a task definition', () => {
  const withContainer = (container: Partial<ContainerDefinition>) =>
    snapshot({ containerDefinitions: [{ ...app, ...container }] });

  it.each<[string, Partial<ContainerDefinition>, string]>([
    ['negative cpu', { cpu: -1 }, 'cpu'],
    ['fractional memory', { memory: 1.5 }, 'memory'],
    ['negative memoryReservation', { memoryReservation: -64 }, 'memoryReservation'],
    ['memory below memoryReservation', { memory: 128, memoryReservation: 256 }, 'memory'],
    [
      'a host port above 65535',
      { portMappings: [{ hostPort: 70000 }] },
      'portMappings[0].hostPort',
    ],
    [
      'a negative container port',
      { portMappings: [{ containerPort: -1 }] },
      'portMappings[0].containerPort',
    ],
    [
      'a fractional GPU count',
      { resourceRequirements: [{ type: 'GPU', value: '1.5' }] },
      'resourceRequirements[0].value',
    ],
    [
      'a negative GPU count',
      { resourceRequirements: [{ type: 'GPU', value: '-1' }] },
      'resourceRequirements[0].value',
    ],
    [
      'a GPU count beyond the safe integers',
      { resourceRequirements: [{ type: 'GPU', value: '99999999999999999999' }] },
      'resourceRequirements[0].value',
    ],
  ])('%s is refused', (_, container, member) => {
    expect(refusal(withContainer(container)).path).toBe(
      `$.taskDefinitions[0].containerDefinitions[0].${member}`,
    );
  });

  it('memory equal to memoryReservation and ports 0 and 65535 are fine', () => {
    const json = withContainer({
      memory: 256,
      memoryReservation: 256,
      portMappings: [{ containerPort: 0, hostPort: 65535 }],
    });
    expect(() => Cluster.fromSnapshot(json)).not.toThrow();
  });
});

describe('tasks of the snapshot', () => {
  const withTask = (extra: Record<string, unknown>) =>
    snapshotOf({
      instances: [instance('a')],
      taskDefinitions: [taskDefinition('web', [app])],
      tasks: [runningTask('t1', 'a', 'family:web', extra)],
    });

  it.each<[string, Record<string, unknown>, string]>([
    ['a negative task memory', { memory: '-512' }, 'memory'],
    ['an unreadable task cpu', { cpu: 'lots' }, 'cpu'],
    ['a negative container memory', { containers: [{ memory: '-1' }] }, 'containers[0].memory'],
    ['a fractional container cpu', { containers: [{ cpu: '0.5' }] }, 'containers[0].cpu'],
    [
      'a host port above 65535',
      { containers: [{ networkBindings: [{ hostPort: 65536 }] }] },
      'containers[0].networkBindings[0].hostPort',
    ],
    [
      'an unknown binding protocol',
      { containers: [{ networkBindings: [{ hostPort: 80, protocol: 'sctp' }] }] },
      'containers[0].networkBindings[0].protocol',
    ],
  ])('%s is refused', (_, extra, member) => {
    expect(refusal(withTask(extra)).path).toBe(`$.clusters[0].tasks[0].${member}`);
  });

  it('task cpu "0" (an EC2 task without a task-level reservation) is fine', () => {
    expect(() => Cluster.fromSnapshot(withTask({ cpu: '0', memory: '512' }))).not.toThrow();
  });
});

describe('remaining and registered resources', () => {
  const withRemaining = (cpu: Resource, registered: Resource[] | undefined) => {
    const a = instance('a');
    a.remainingResources = [cpu, numeric('MEMORY', 4096)];
    if (registered === undefined) delete a.registeredResources;
    else a.registeredResources = registered;
    return snapshot({}, [a]);
  };
  const registered = [numeric('CPU', 2048), numeric('MEMORY', 4096)];

  it('more remaining than registered is refused', () => {
    const error = refusal(withRemaining(numeric('CPU', 2049), registered));
    expect(error.path).toBe(CPU_AT(0));
    expect(error.message).toContain('remaining CPU 2049 is more than the registered 2048');
    const memory = instance('a');
    memory.remainingResources = [numeric('CPU', 1), numeric('MEMORY', 5000)];
    expect(refusal(snapshot({}, [memory])).message).toContain(
      'remaining MEMORY 5000 is more than the registered 4096',
    );
  });

  it('as much remaining as registered is fine, and without registeredResources nothing is compared', () => {
    expect(() =>
      Cluster.fromSnapshot(withRemaining(numeric('CPU', 2048), registered)),
    ).not.toThrow();
    expect(() =>
      Cluster.fromSnapshot(withRemaining(numeric('CPU', 99_999), undefined)),
    ).not.toThrow();
  });

  it.each<[string, Resource, string]>([
    ['negative', numeric('CPU', -1), 'integerValue'],
    ['fractional', numeric('CPU', 1024.5), 'integerValue'],
    ['a fractional double', { name: 'CPU', type: 'DOUBLE', doubleValue: 0.5 }, 'doubleValue'],
    ['a negative long', { name: 'CPU', type: 'LONG', longValue: -5 }, 'longValue'],
  ])('%s remaining CPU is refused', (_, cpu, member) => {
    expect(refusal(withRemaining(cpu, undefined)).path).toBe(`${CPU_AT(0)}.${member}`);
  });

  it('a registered figure is held to the same rules', () => {
    expect(refusal(withRemaining(numeric('CPU', 1), [numeric('CPU', -2)])).path).toBe(
      '$.clusters[0].containerInstances[0].registeredResources[0].integerValue',
    );
  });

  it('other numeric resources only need to be numbers', () => {
    const a = instance('a');
    a.remainingResources!.push({ name: 'CUSTOM', type: 'DOUBLE', doubleValue: -0.5 });
    expect(() => Cluster.fromSnapshot(snapshot({}, [a]))).not.toThrow();
  });
});

describe('identities: instance ARNs, EC2 instance ids, GPU ids', () => {
  it('a containerInstanceArn appears once in the whole snapshot', () => {
    const error = refusal(snapshot({}, [instance('a'), instance('a')]));
    expect(error.path).toBe('$.clusters[0].containerInstances[1].containerInstanceArn');
    expect(error.message).toContain('first seen at $.clusters[0].containerInstances[0]');
  });

  it('two live registrations of one EC2 instance are refused, across clusters too', () => {
    const twin = (id: string, cluster = 'default') =>
      containerInstance({ id, cluster, ec2InstanceId: 'i-twin' });
    const error = refusal(snapshot({}, [twin('a'), twin('b')]));
    expect(error.path).toBe('$.clusters[0].containerInstances[1].ec2InstanceId');
    const two = snapshot({}, [twin('a')]);
    two.clusters.push({
      clusterName: 'other',
      containerInstances: [twin('b', 'other')],
      tasks: [],
    });
    expect(refusal(two).path).toBe('$.clusters[1].containerInstances[0].ec2InstanceId');
  });

  it('an INACTIVE earlier registration may share the EC2 id; the id then names the live one', () => {
    const old = containerInstance({ id: 'old', ec2InstanceId: 'i-re', status: 'ACTIVE' });
    old.status = 'INACTIVE';
    const live = containerInstance({ id: 'new', ec2InstanceId: 'i-re' });
    const cluster = Cluster.fromSnapshot(snapshot({}, [old, live]));
    cluster.putAttribute('i-re', 'marked', 'yes');
    expect(cluster.listContainerInstances({ filter: 'attribute:marked exists' })).toEqual({
      containerInstanceArns: [live.containerInstanceArn],
    });
  });

  it('a GPU id listed twice among an instance free GPUs is refused', () => {
    const a = containerInstance({ id: 'a', gpus: ['gpu-0', 'gpu-1', 'gpu-0'] });
    const error = refusal(snapshot({}, [a]));
    expect(error.path).toBe(
      '$.clusters[0].containerInstances[0].remainingResources[4].stringSetValue[2]',
    );
    expect(error.message).toContain('duplicate GPU id "gpu-0"');
  });

  it('a GPU held by two active tasks of one instance is refused; by a STOPPED one it is history', () => {
    const holding = (id: string, desiredStatus: 'RUNNING' | 'STOPPED') =>
      runningTask(id, 'a', 'family:web', { desiredStatus, containers: [{ gpuIds: ['gpu-7'] }] });
    const json = (second: 'RUNNING' | 'STOPPED') =>
      snapshotOf({
        instances: [containerInstance({ id: 'a', gpus: [] })],
        taskDefinitions: [taskDefinition('web', [app])],
        tasks: [holding('t1', 'RUNNING'), holding('t2', second)],
      });
    const error = refusal(json('RUNNING'));
    expect(error.path).toBe('$.clusters[0].tasks[1].containers[0].gpuIds[0]');
    expect(error.message).toContain(
      'already held by $.clusters[0].tasks[0].containers[0].gpuIds[0]',
    );
    expect(() => Cluster.fromSnapshot(json('STOPPED'))).not.toThrow();
  });
});

describe('a snapshot read moments apart (a task not yet subtracted from remainingResources)', () => {
  it('stopping the task gives back no more than the registered figures and no GPU twice', () => {
    const a = instance('a', 2048, 4096);
    a.remainingResources!.push({ name: 'GPU', type: 'STRINGSET', stringSetValue: ['gpu-0'] });
    const json = snapshotOf({
      instances: [a],
      taskDefinitions: [taskDefinition('web', [app])],
      tasks: [
        runningTask('t1', 'a', 'family:web', {
          cpu: '512',
          memory: '1024',
          containers: [{ gpuIds: ['gpu-0'] }],
        }),
      ],
    });
    const cluster = Cluster.fromSnapshot(json);
    cluster.stopTask('t1');
    const saved = cluster.toSnapshot();
    const remaining = saved.clusters[0]!.containerInstances[0]!.remainingResources!;
    expect(remaining.find((r) => r.name === 'CPU')?.integerValue).toBe(2048);
    expect(remaining.find((r) => r.name === 'MEMORY')?.integerValue).toBe(4096);
    expect(remaining.find((r) => r.name === 'GPU')?.stringSetValue).toEqual(['gpu-0']);
    expect(() => Cluster.fromSnapshot(saved)).not.toThrow();
  });

  it('a consistent snapshot gets the whole reservation back', () => {
    const a = instance('a', 2048, 4096);
    a.remainingResources = [numeric('CPU', 1536), numeric('MEMORY', 3072)];
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: [a],
        taskDefinitions: [taskDefinition('web', [app])],
        tasks: [runningTask('t1', 'a', 'family:web', { cpu: '512', memory: '1 GB' })],
      }),
    );
    cluster.stopTask('t1');
    const remaining = cluster.toSnapshot().clusters[0]!.containerInstances[0]!.remainingResources!;
    expect(remaining.map((r) => r.integerValue)).toEqual([2048, 4096]);
  });
});

const registeredAt = (value: string | number) =>
  snapshot({}, [containerInstance({ id: 'a', registeredAt: value })]);

describe('dates', () => {
  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-04-31T10:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:60:00Z',
    '2024-01-01T10:00:60Z',
    '2024-01-01T10:00:00+25:00',
    '2024-01-01T10:00:00+01:60',
  ])('%s is refused, not rolled over', (value) => {
    const error = refusal(registeredAt(value));
    expect(error.path).toBe('$.clusters[0].containerInstances[0].registeredAt');
    expect(error.message).toContain('a real calendar date and clock time');
  });

  it.each<[string | number, string]>([
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T23:59:59.999+00:00', '2000-02-29T23:59:59.999Z'],
    ['2024-01-01T10:00:00+0530', '2024-01-01T04:30:00.000Z'],
    [1700000000.25, '2023-11-14T22:13:20.250Z'],
  ])('%s is read as %s', (value, iso) => {
    const saved = Cluster.fromSnapshot(registeredAt(value)).toSnapshot();
    expect(saved.clusters[0]!.containerInstances[0]!.registeredAt).toBe(iso);
  });
});

describe('a UTF-8 byte-order mark inside the JSON strings', () => {
  const BOM = '\uFEFF';

  it('is an ordinary character: kept in free text, refused where a name has a character set', () => {
    const json = snapshot();
    json.clusters[0]!.containerInstances[0]!.attributes!.push({
      name: 'stack',
      value: `${BOM}prod`,
    });
    const cluster = Cluster.fromSnapshot(json);
    expect(cluster.listContainerInstances({ filter: 'attribute:stack == prod' })).toEqual({
      containerInstanceArns: [],
    });
    const saved = cluster.toSnapshot().clusters[0]!.containerInstances[0]!.attributes!;
    expect(saved.find((a) => a.name === 'stack')?.value).toBe(`${BOM}prod`);

    const named = snapshot();
    named.clusters[0]!.clusterName = `${BOM}default`;
    expect(refusal(named).path).toBe('$.clusters[0].clusterName');
    expect(refusal(registeredAt(`${BOM}2024-01-01`)).path).toBe(
      '$.clusters[0].containerInstances[0].registeredAt',
    );
  });
});
