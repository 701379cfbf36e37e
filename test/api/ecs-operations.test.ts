// The ECS operations of the Cluster facade besides RunTask, with ECS semantics.
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import {
  containerInstance,
  instanceArn,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { thrownBy } from './fixtures.js';

const web = taskDefinition('web', [
  { name: 'web', cpu: 512, memory: 1024, portMappings: [{ containerPort: 80, hostPort: 80 }] },
]);

function three(): Cluster {
  return Cluster.fromSnapshot(
    snapshotOf({
      instances: [
        containerInstance({ id: 'a', memory: 4096 }),
        containerInstance({ id: 'small', memory: 512 }),
        containerInstance({ id: 'old', status: 'INACTIVE' }),
        containerInstance({ id: 'drain', status: 'DRAINING' }),
        containerInstance({ id: 'b', memory: 4096 }),
      ],
      taskDefinitions: [web],
    }),
  );
}

const identity = (n: number, extra: Record<string, string> = {}) =>
  JSON.stringify({
    instanceId: `i-0000${n}`,
    instanceType: 'm5.large',
    availabilityZone: `us-east-1${'abc'[n % 3]}`,
    imageId: 'ami-123',
    architecture: 'x86_64',
    region: 'us-east-1',
    ...extra,
  });

const resources = (cpu: number, memory: number) => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679'] },
];

describe('startTask', () => {
  test('one task per named instance, failures per instance as ECS reports them', () => {
    const cluster = three();
    const out = cluster.startTask({
      taskDefinition: 'web',
      containerInstances: ['a', 'nope', 'old', 'drain', 'small', instanceArn('b')],
      startedBy: 'scheduler',
    });
    expect(out.tasks.map((t) => t.containerInstanceArn)).toEqual([
      instanceArn('a'),
      instanceArn('b'),
    ]);
    expect(out.tasks.every((t) => t.startedBy === 'scheduler' && t.launchType === 'EC2')).toBe(
      true,
    );
    expect(out.failures).toEqual([
      { arn: 'nope', reason: 'MISSING' },
      { arn: instanceArn('old'), reason: 'INACTIVE' },
      { arn: instanceArn('drain'), reason: 'DRAINING' },
      expect.objectContaining({ arn: instanceArn('small'), reason: 'RESOURCE:MEMORY' }),
    ]);
    // Port 80 is now taken on a: a second start there fails on the port, b is also taken.
    const again = cluster.startTask({ taskDefinition: 'web', containerInstances: ['a'] });
    expect(again.tasks).toEqual([]);
    expect(again.failures).toEqual([
      expect.objectContaining({ arn: instanceArn('a'), reason: 'RESOURCE:PORTS' }),
    ]);
    // The tasks are recorded: DescribeTasks finds them.
    const described = cluster.describeTasks({ tasks: out.tasks.map((t) => t.taskArn) });
    expect(described.tasks).toHaveLength(2);
  });

  test('StartTask rules: up to 10 instances, startedBy 36 characters, no strategies', () => {
    const cluster = three();
    thrownBy(() =>
      cluster.startTask({
        taskDefinition: 'web',
        containerInstances: Array.from({ length: 11 }, () => 'a'),
      }),
    );
    expect(
      thrownBy(() =>
        cluster.startTask({
          taskDefinition: 'web',
          containerInstances: ['a'],
          startedBy: 'x'.repeat(37),
        }),
      ),
    ).toContain('startedBy');
    expect(
      thrownBy(() =>
        cluster.startTask({
          taskDefinition: 'web',
          containerInstances: ['a'],
          placementStrategy: [{ type: 'binpack', field: 'memory' }],
        } as never),
      ),
    ).toContain('Unknown parameter');
    thrownBy(
      () => cluster.startTask({ taskDefinition: 'nothing', containerInstances: ['a'] }),
      'ClientException',
    );
  });
});

describe('deregisterContainerInstance', () => {
  test('refused with live tasks unless forced; forced tasks stay, orphaned', () => {
    const cluster = three();
    const started = cluster.startTask({ taskDefinition: 'web', containerInstances: ['a'] });
    expect(
      thrownBy(() => cluster.deregisterContainerInstance({ containerInstance: 'a' })),
    ).toContain('force');
    const out = cluster.deregisterContainerInstance({ containerInstance: 'a', force: true });
    expect(out.containerInstance.status).toBe('INACTIVE');
    expect(cluster.listTasks().taskArns).toEqual([started.tasks[0]!.taskArn]);
    const run = cluster.runTask({ taskDefinition: 'web', count: 3 });
    expect(run.tasks.map((t) => t.containerInstanceArn)).toEqual([instanceArn('b')]);
    // b deregisters cleanly once its task is stopped.
    cluster.stopTask(run.tasks[0]!.taskArn);
    expect(
      cluster.deregisterContainerInstance({ containerInstance: 'b' }).containerInstance.status,
    ).toBe('INACTIVE');
    thrownBy(() => cluster.deregisterContainerInstance({ containerInstance: 'zzz' }));
  });
});

describe('attributes', () => {
  test('put, list, delete; memberOf sees the change at once', () => {
    const cluster = three();
    cluster.putAttributes({
      attributes: [{ name: 'team', value: 'blue', targetId: 'b' }],
    });
    expect(
      cluster.listAttributes({ targetType: 'container-instance', attributeName: 'team' }),
    ).toEqual({
      attributes: [
        {
          name: 'team',
          value: 'blue',
          targetType: 'container-instance',
          targetId: instanceArn('b'),
        },
      ],
    });
    const placed = cluster.runTask({
      taskDefinition: 'web',
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:team == blue' }],
    });
    expect(placed.tasks[0]!.containerInstanceArn).toBe(instanceArn('b'));
    cluster.deleteAttributes({ attributes: [{ name: 'team', targetId: instanceArn('b') }] });
    expect(
      cluster.listAttributes({ targetType: 'container-instance', attributeName: 'team' }),
    ).toEqual({
      attributes: [],
    });
  });

  test('ECS rules: names, values, targets, the 10-attribute limit, built-in names', () => {
    const cluster = three();
    thrownBy(
      () => cluster.putAttributes({ attributes: [{ name: 'x', value: 'y', targetId: 'zzz' }] }),
      'TargetNotFoundException',
    );
    thrownBy(() => cluster.putAttributes({ attributes: [{ name: 'bad name', targetId: 'a' }] }));
    thrownBy(() =>
      cluster.putAttributes({ attributes: [{ name: 'x', value: ' lead', targetId: 'a' }] }),
    );
    thrownBy(() => cluster.putAttributes({ attributes: [{ name: 'x', value: 'y' }] }));
    thrownBy(() =>
      cluster.deleteAttributes({ attributes: [{ name: 'ecs.instance-type', targetId: 'a' }] }),
    );
    cluster.putAttributes({
      attributes: Array.from({ length: 10 }, (_, i) => ({ name: `k${i}`, targetId: 'a' })),
    });
    thrownBy(
      () => cluster.putAttributes({ attributes: [{ name: 'k10', targetId: 'a' }] }),
      'AttributeLimitExceededException',
    );
    // Overwriting one of the ten is fine.
    cluster.putAttributes({ attributes: [{ name: 'k0', value: 'v', targetId: 'a' }] });
    thrownBy(() =>
      cluster.listAttributes({ targetType: 'container-instance', attributeValue: 'v' }),
    );
  });
});

describe('an account built through the API', () => {
  test('create cluster, register instances and a task definition, run, describe, delete', () => {
    const account = Cluster.empty();
    expect(account.listClusters()).toEqual({ clusterArns: [] });
    const created = account.createCluster({ clusterName: 'prod' });
    expect(created.cluster).toMatchObject({
      clusterName: 'prod',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      status: 'ACTIVE',
      registeredContainerInstancesCount: 0,
    });
    // Idempotent, as in ECS.
    expect(account.createCluster({ clusterName: 'prod' }).cluster.clusterArn).toBe(
      created.cluster.clusterArn,
    );
    const registered = [0, 1, 2].map(
      (n) =>
        account.registerAgentInstance({
          cluster: 'prod',
          instanceIdentityDocument: identity(n),
          totalResources: resources(2048, 4096),
          versionInfo: { agentVersion: '1.80.0', dockerVersion: '25.0' },
          attributes: [{ name: 'ecs.capability.task-eni' }],
        }).containerInstance,
    );
    expect(registered[1]).toMatchObject({
      ec2InstanceId: 'i-00001',
      status: 'ACTIVE',
      agentConnected: true,
      runningTasksCount: 0,
    });
    expect(registered[1]!.containerInstanceArn).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:container-instance\/prod\/[0-9a-f]{32}$/,
    );
    expect(registered[1]!.attributes).toEqual(
      expect.arrayContaining([
        { name: 'ecs.instance-type', value: 'm5.large' },
        { name: 'ecs.availability-zone', value: 'us-east-1b' },
        { name: 'ecs.cpu-architecture', value: 'x86_64' },
        { name: 'ecs.os-type', value: 'linux' },
      ]),
    );
    // The same EC2 instance cannot register twice while registered.
    thrownBy(() =>
      account.registerAgentInstance({
        cluster: 'prod',
        instanceIdentityDocument: identity(1),
        totalResources: resources(2048, 4096),
      }),
    );
    const def = account.registerTaskDefinition({
      family: 'api',
      containerDefinitions: [{ name: 'api', cpu: 1024, memory: 1024 }],
      tags: [{ key: 'team', value: 'blue' }],
    });
    expect(def.taskDefinition).toMatchObject({ family: 'api', revision: 1, status: 'ACTIVE' });
    expect(def.tags).toEqual([{ key: 'team', value: 'blue' }]);
    expect(
      account.registerTaskDefinition({
        family: 'api',
        containerDefinitions: [{ name: 'api', cpu: 512, memory: 512 }],
      }).taskDefinition.revision,
    ).toBe(2);
    expect(account.describeTaskDefinition({ taskDefinition: 'api' }).taskDefinition.revision).toBe(
      2,
    );
    account.deregisterTaskDefinition({ taskDefinition: 'api:2' });
    expect(account.describeTaskDefinition({ taskDefinition: 'api' }).taskDefinition.revision).toBe(
      1,
    );
    expect(account.listTaskDefinitions().taskDefinitionArns).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:task-definition/api:1',
    ]);
    thrownBy(
      () => account.runTask({ cluster: 'prod', taskDefinition: 'api:2' }),
      'ClientException',
    );

    const run = account.runTask({
      cluster: 'prod',
      taskDefinition: 'api',
      count: 4,
      propagateTags: 'TASK_DEFINITION',
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    });
    expect(run.tasks).toHaveLength(4);
    expect(new Set(run.tasks.map((t) => t.containerInstanceArn)).size).toBe(3);
    expect(run.tasks[0]!.tags).toEqual([{ key: 'team', value: 'blue' }]);
    expect(account.describeClusters({ clusters: ['prod', 'nope'] })).toMatchObject({
      clusters: [
        { clusterName: 'prod', registeredContainerInstancesCount: 3, pendingTasksCount: 4 },
      ],
      failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/nope', reason: 'MISSING' }],
    });
    expect(
      account.describeContainerInstances({
        cluster: 'prod',
        containerInstances: [registered[0]!.containerInstanceArn],
      }).containerInstances[0]!.runningTasksCount,
    ).toBeGreaterThanOrEqual(1);

    thrownBy(
      () => account.deleteCluster({ cluster: 'prod' }),
      'ClusterContainsContainerInstancesException',
    );
    for (const instance of registered) {
      account.deregisterContainerInstance({
        cluster: 'prod',
        containerInstance: instance.containerInstanceArn,
        force: true,
      });
    }
    thrownBy(() => account.deleteCluster({ cluster: 'prod' }), 'ClusterContainsTasksException');
    for (const task of run.tasks) account.stopTask({ cluster: 'prod', task: task.taskArn });
    expect(account.deleteCluster({ cluster: 'prod' }).cluster.status).toBe('INACTIVE');
    expect(account.listClusters()).toEqual({ clusterArns: [] });
  });

  test('capacity providers, the cluster default strategy, tags', () => {
    const account = Cluster.empty();
    account.createCapacityProvider({
      name: 'spot',
      autoScalingGroupProvider: {
        autoScalingGroupArn: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x',
        managedScaling: { status: 'ENABLED', targetCapacity: 100 },
      },
    });
    thrownBy(() =>
      account.createCapacityProvider({
        name: 'ecs-mine',
        autoScalingGroupProvider: { autoScalingGroupArn: 'x' },
      }),
    );
    thrownBy(
      () =>
        account.createCapacityProvider({
          name: 'spot',
          autoScalingGroupProvider: { autoScalingGroupArn: 'x' },
        }),
      'ClientException',
    );
    account.createCluster({ clusterName: 'c' });
    thrownBy(() =>
      account.putClusterCapacityProviders({
        cluster: 'c',
        capacityProviders: ['FARGATE'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'spot', weight: 1 }],
      }),
    );
    const put = account.putClusterCapacityProviders({
      cluster: 'c',
      capacityProviders: ['spot', 'FARGATE'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'spot', weight: 1 }],
    });
    expect(put.cluster.capacityProviders).toEqual(['spot', 'FARGATE']);
    const described = account.describeCapacityProviders();
    expect(described.capacityProviders.map((p) => p.name)).toEqual([
      'FARGATE',
      'FARGATE_SPOT',
      'spot',
    ]);
    expect(account.describeCapacityProviders({ capacityProviders: ['zz'] }).failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/zz', reason: 'MISSING' },
    ]);
    const arn = 'arn:aws:ecs:us-east-1:123456789012:cluster/c';
    account.tagResource({ resourceArn: arn, tags: [{ key: 'a', value: '1' }] });
    account.tagResource({ resourceArn: arn, tags: [{ key: 'a', value: '2' }, { key: 'b' }] });
    expect(account.listTagsForResource({ resourceArn: arn }).tags).toEqual([
      { key: 'a', value: '2' },
      { key: 'b' },
    ]);
    thrownBy(() => account.tagResource({ resourceArn: arn, tags: [{ key: 'aws:x' }] }));
    thrownBy(
      () => account.listTagsForResource({ resourceArn: `${arn}x` }),
      'ResourceNotFoundException',
    );
    // The state round-trips through a snapshot.
    const again = Cluster.fromSnapshot(account.toSnapshot());
    expect(again.describeClusters({ clusters: ['c'] }).clusters[0]!.capacityProviders).toEqual([
      'spot',
      'FARGATE',
    ]);
  });

  test('paging: maxResults and nextToken walk a list once', () => {
    const account = Cluster.empty();
    for (let i = 0; i < 7; i++) account.createCluster({ clusterName: `c${i}` });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = account.listClusters({ maxResults: 3, ...(token ? { nextToken: token } : {}) });
      seen.push(...page.clusterArns);
      token = page.nextToken;
    } while (token !== undefined);
    expect(seen.map((a) => a.split('/')[1])).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    thrownBy(() => account.listClusters({ nextToken: 'garbage' }));
    thrownBy(() => account.listClusters({ maxResults: 0 }));
  });
});
