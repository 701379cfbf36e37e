// Issue 9 item 7: user text used as a lookup key (subnet ids, attribute names, task groups,
// cluster names, request members) never finds a member of Object.prototype and is never
// dropped: `__proto__`, `constructor`, `toString` are ordinary names.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { InvalidParameterException } from '../../src/kernel/errors.js';
import type { ContainerInstance, Snapshot } from '../../src/kernel/ecs-types.js';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

function eniInstance(id: string, zone: string, extra: Record<string, string | null> = {}) {
  return containerInstance({
    id,
    attributes: { 'ecs.availability-zone': zone, 'ecs.capability.task-eni': null, ...extra },
  });
}

/** An awsvpc task definition and two instances in two zones; `subnets` as JSON text gives it. */
function awsvpcSnapshot(subnetsJson: string, instances?: ContainerInstance[]): Snapshot {
  return {
    ...snapshotOf({
      instances: instances ?? [eniInstance('a', 'us-east-1a'), eniInstance('b', 'us-east-1b')],
      taskDefinitions: [
        taskDefinition('net', [{ name: 'app', image: 'busybox', memory: 128 }], {
          networkMode: 'awsvpc',
        }),
      ],
    }),
    // JSON.parse makes `__proto__` an ordinary own member, as a snapshot file would.
    subnets: JSON.parse(subnetsJson) as Record<string, string>,
  };
}

const onSubnets = (subnets: string[]) => ({
  taskDefinition: 'net',
  count: 2,
  networkConfiguration: { awsvpcConfiguration: { subnets } },
});

describe('subnet ids', () => {
  it.each(HOSTILE)(
    'a request subnet %s the snapshot does not know skips the zone check, as any unknown subnet does',
    (subnet) => {
      const cluster = Cluster.fromSnapshot(awsvpcSnapshot('{"subnet-1":"us-east-1a"}'));
      const { tasks, failures } = cluster.runTask(onSubnets([subnet]), { seed: 's' });
      expect(failures).toEqual([]);
      expect(tasks.map((t) => t.availabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b']);
    },
  );

  it.each(HOSTILE)('a snapshot subnet named %s is kept on load and save, and used', (subnet) => {
    const cluster = Cluster.fromSnapshot(
      awsvpcSnapshot(`{${JSON.stringify(subnet)}:"us-east-1b","subnet-1":"us-east-1a"}`),
    );
    const saved = JSON.parse(JSON.stringify(cluster.toSnapshot())) as Snapshot;
    expect(Object.entries(saved.subnets ?? {})).toEqual([
      [subnet, 'us-east-1b'],
      ['subnet-1', 'us-east-1a'],
    ]);
    // The zone check now knows the subnet: both tasks land in us-east-1b, on instance b.
    const { tasks, failures } = cluster.runTask(onSubnets([subnet]), { seed: 's' });
    expect(tasks.map((t) => t.containerInstanceArn?.split('/').pop())).toEqual(['b', 'b']);
    expect(failures).toEqual([]);
    const plan = cluster.planRunTask(onSubnets([subnet]), { seed: 's' });
    expect(plan.explanation.tasks[0]!.verdicts[0]!.failures.map((f) => f.check)).toEqual([
      'LOCATION',
    ]);
    const eni = tasks[0]!.attachments![0]!.details!.find((d) => d.name === 'subnetId');
    expect(eni?.value).toBe(subnet);
  });

  it('a Fargate request on an unknown subnet named toString is refused by name', () => {
    const json = awsvpcSnapshot('{"subnet-1":"us-east-1a"}');
    json.taskDefinitions[0]!.requiresCompatibilities = ['FARGATE'];
    json.taskDefinitions[0]!.compatibilities = ['EC2', 'FARGATE'];
    Object.assign(json.taskDefinitions[0]!, { cpu: '256', memory: '512' });
    const run = () =>
      Cluster.fromSnapshot(json).runTask({ ...onSubnets(['toString']), launchType: 'FARGATE' });
    expect(run).toThrow(InvalidParameterException);
    expect(run).toThrow(/'toString'/);
  });
});

describe('attribute names and task groups', () => {
  it.each(HOSTILE)('an attribute named %s is found, listed, changed and saved', (name) => {
    const instances = [
      eniInstance('a', 'us-east-1a', { [name]: 'yes' }),
      eniInstance('b', 'us-east-1b'),
    ];
    const cluster = Cluster.fromSnapshot(snapshotOf({ instances, taskDefinitions: [] }));
    const arnOf = (id: string) => instances.find((i) => i.containerInstanceArn.endsWith(id))!;
    expect(cluster.listContainerInstances({ filter: `attribute:${name} exists` })).toEqual({
      containerInstanceArns: [arnOf('/a').containerInstanceArn],
    });
    expect(cluster.listContainerInstances({ filter: `attribute:${name} == yes` })).toEqual({
      containerInstanceArns: [arnOf('/a').containerInstanceArn],
    });
    cluster.putAttribute('b', name, 'later');
    const saved = cluster.toSnapshot().clusters[0]!.containerInstances[1]!.attributes!;
    expect(saved.find((a) => a.name === name)?.value).toBe('later');
  });

  it.each(HOSTILE)('a task group named %s counts for distinctInstance and spread', (group) => {
    const definition = taskDefinition('web', [{ name: 'app', image: 'busybox', memory: 128 }]);
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: [containerInstance({ id: 'a' }), containerInstance({ id: 'b' })],
        taskDefinitions: [definition],
        tasks: [runningTask('t0', 'a', group)],
      }),
    );
    const { tasks } = cluster.runTask({
      taskDefinition: 'web',
      group,
      placementConstraints: [{ type: 'distinctInstance' }],
    });
    expect(tasks.map((t) => t.containerInstanceArn?.split('/').pop())).toEqual(['b']);
    expect(
      cluster.listContainerInstances({ filter: `task:group == ${group}` }).containerInstanceArns,
    ).toHaveLength(2);
  });
});

describe('names of clusters and request members', () => {
  it('clusters named __proto__ and constructor are two clusters like any other', () => {
    const one = snapshotOf({ instances: [], taskDefinitions: [], clusterName: '__proto__' });
    const two = snapshotOf({ instances: [], taskDefinitions: [], clusterName: 'constructor' });
    const json = { ...one, clusters: [...one.clusters, ...two.clusters] };
    const cluster = Cluster.fromSnapshot(JSON.parse(JSON.stringify(json)));
    cluster.registerContainerInstance(
      containerInstance({ id: 'x', cluster: '__proto__' }),
      '__proto__',
    );
    expect(
      cluster.listContainerInstances({ cluster: '__proto__' }).containerInstanceArns,
    ).toHaveLength(1);
    expect(
      cluster.listContainerInstances({ cluster: 'constructor' }).containerInstanceArns,
    ).toEqual([]);
    expect(cluster.toSnapshot().clusters.map((c) => c.clusterName)).toEqual([
      '__proto__',
      'constructor',
    ]);
  });

  it.each(HOSTILE)('a request member named %s is an unknown parameter', (member) => {
    const cluster = Cluster.fromSnapshot(awsvpcSnapshot('{}'));
    const requests = [
      JSON.parse(`{"taskDefinition":"net",${JSON.stringify(member)}:{}}`),
      JSON.parse(`{"taskDefinition":"net","overrides":{${JSON.stringify(member)}:1}}`),
    ];
    for (const request of requests) {
      expect(() => cluster.runTask(request)).toThrow(InvalidParameterException);
      expect(() => cluster.runTask(request)).toThrow(`Unknown parameter in`);
    }
  });
});
