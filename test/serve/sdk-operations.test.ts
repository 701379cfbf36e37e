// The real @aws-sdk/client-ecs ECSClient against `serve` (in-process, on a free loopback
// port), through every operation the endpoint models: a test suite building its state
// through the API, then placing, inspecting and tearing down.
import {
  CreateCapacityProviderCommand,
  CreateClusterCommand,
  DeleteAttributesCommand,
  DeleteClusterCommand,
  DeregisterContainerInstanceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListAttributesCommand,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  PutAttributesCommand,
  PutClusterCapacityProvidersCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StartTaskCommand,
  StopTaskCommand,
  TagResourceCommand,
  UpdateContainerInstancesStateCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  identityDocument,
  type RunningEndpoint,
  startEndpoint,
  totalResources,
} from './endpoint-fixture.js';

const ACCOUNT = 'arn:aws:ecs:us-east-1:123456789012';

let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint();
});
afterAll(() => endpoint.close());

/** The rejection's ECS exception name and HTTP status. */
async function rejection(promise: Promise<unknown>): Promise<[string, number | undefined]> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return [e.name, e.$metadata?.httpStatusCode];
  }
  throw new Error('expected the call to be refused');
}

describe('ECSClient against serve: every operation', () => {
  test('an account built, used and torn down through the API', async () => {
    const ecs = endpoint.client;
    expect((await ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);

    // --- control plane
    const provider = await ecs.send(
      new CreateCapacityProviderCommand({
        name: 'asg-a',
        autoScalingGroupProvider: {
          autoScalingGroupArn:
            'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1:autoScalingGroupName/a',
          managedScaling: { status: 'ENABLED', targetCapacity: 100 },
        },
      }),
    );
    expect(provider.capacityProvider?.capacityProviderArn).toBe(
      `${ACCOUNT}:capacity-provider/asg-a`,
    );
    const created = await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
    expect(created.cluster).toMatchObject({ clusterName: 'prod', status: 'ACTIVE' });
    const put = await ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster: 'prod',
        capacityProviders: ['FARGATE', 'asg-a'],
        defaultCapacityProviderStrategy: [],
      }),
    );
    expect(put.cluster?.capacityProviders).toEqual(['FARGATE', 'asg-a']);
    const providers = await ecs.send(new DescribeCapacityProvidersCommand({}));
    expect(providers.capacityProviders?.map((p) => p.name)).toEqual([
      'FARGATE',
      'FARGATE_SPOT',
      'asg-a',
    ]);

    const instances: string[] = [];
    for (let n = 0; n < 3; n++) {
      const { containerInstance } = await ecs.send(
        new RegisterContainerInstanceCommand({
          cluster: 'prod',
          instanceIdentityDocument: identityDocument(n),
          instanceIdentityDocumentSignature: 'not checked',
          totalResources: totalResources(),
          versionInfo: { agentVersion: '1.82.0', dockerVersion: '25.0.3' },
          attributes: [{ name: 'ecs.capability.task-eni' }],
        }),
      );
      expect(containerInstance?.registeredAt).toBeInstanceOf(Date);
      expect(containerInstance?.attributes).toContainEqual({
        name: 'ecs.availability-zone',
        value: `us-east-1${'abc'[n]}`,
      });
      instances.push(containerInstance!.containerInstanceArn!);
    }
    const listed = await ecs.send(new ListContainerInstancesCommand({ cluster: 'prod' }));
    expect(listed.containerInstanceArns).toEqual(instances);
    const filtered = await ecs.send(
      new ListContainerInstancesCommand({
        cluster: 'prod',
        filter: 'attribute:ecs.availability-zone == us-east-1b',
      }),
    );
    expect(filtered.containerInstanceArns).toEqual([instances[1]]);

    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [
          {
            name: 'web',
            image: 'nginx',
            cpu: 512,
            memory: 1024,
            portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
            logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'web' } },
          },
        ],
        tags: [{ key: 'team', value: 'edge' }],
      }),
    );
    const webArn = registered.taskDefinition!.taskDefinitionArn!;
    expect(webArn).toBe(`${ACCOUNT}:task-definition/web:1`);
    expect(registered.taskDefinition?.containerDefinitions?.[0]?.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: { 'awslogs-group': 'web' },
    });
    await ecs.send(
      new TagResourceCommand({ resourceArn: webArn, tags: [{ key: 'cost', value: '7' }] }),
    );
    expect((await ecs.send(new ListTagsForResourceCommand({ resourceArn: webArn }))).tags).toEqual([
      { key: 'team', value: 'edge' },
      { key: 'cost', value: '7' },
    ]);
    const described = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'web', include: ['TAGS'] }),
    );
    expect(described.taskDefinition?.revision).toBe(1);
    expect(described.tags).toHaveLength(2);

    // --- placement
    await ecs.send(
      new PutAttributesCommand({
        cluster: 'prod',
        attributes: [{ name: 'tier', value: 'front', targetId: instances[2] }],
      }),
    );
    const attributes = await ecs.send(
      new ListAttributesCommand({
        cluster: 'prod',
        targetType: 'container-instance',
        attributeName: 'tier',
      }),
    );
    expect(attributes.attributes).toEqual([
      { name: 'tier', value: 'front', targetType: 'container-instance', targetId: instances[2] },
    ]);
    const pinned = await ecs.send(
      new RunTaskCommand({
        cluster: 'prod',
        taskDefinition: 'web',
        launchType: 'EC2',
        propagateTags: 'TASK_DEFINITION',
        placementConstraints: [{ type: 'memberOf', expression: 'attribute:tier == front' }],
      }),
    );
    expect(pinned.tasks?.map((t) => t.containerInstanceArn)).toEqual([instances[2]]);
    expect(pinned.tasks?.[0]?.createdAt).toBeInstanceOf(Date);
    expect(pinned.tasks?.[0]?.tags).toEqual([
      { key: 'team', value: 'edge' },
      { key: 'cost', value: '7' },
    ]);
    await ecs.send(
      new DeleteAttributesCommand({
        cluster: 'prod',
        attributes: [{ name: 'tier', targetId: instances[2] }],
      }),
    );
    // Port 8080 is taken on instance 2 now: spread over the zones puts one task on each of
    // the other two, and a third task finds no port anywhere.
    const spread = await ecs.send(
      new RunTaskCommand({
        cluster: 'prod',
        taskDefinition: 'web',
        launchType: 'EC2',
        count: 3,
        placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
      }),
    );
    expect(spread.tasks?.map((t) => t.containerInstanceArn).sort()).toEqual(
      [instances[0], instances[1]].sort(),
    );
    expect(spread.failures?.map((f) => f.reason)).toEqual([
      'RESOURCE:PORTS',
      'RESOURCE:PORTS',
      'RESOURCE:PORTS',
    ]);

    await ecs.send(
      new UpdateContainerInstancesStateCommand({
        cluster: 'prod',
        containerInstances: [instances[0]!],
        status: 'DRAINING',
      }),
    );
    const started = await ecs.send(
      new StartTaskCommand({
        cluster: 'prod',
        taskDefinition: 'web',
        containerInstances: [instances[0]!, 'i-missing'],
        startedBy: 'my-scheduler',
      }),
    );
    expect(started.tasks).toEqual([]);
    expect(started.failures).toEqual([
      { arn: instances[0], reason: 'DRAINING' },
      { arn: 'i-missing', reason: 'MISSING' },
    ]);

    const all = [...pinned.tasks!, ...spread.tasks!].map((t) => t.taskArn!);
    const running = await ecs.send(new ListTasksCommand({ cluster: 'prod' }));
    expect(running.taskArns).toEqual(all);
    const onOne = await ecs.send(
      new ListTasksCommand({ cluster: 'prod', containerInstance: instances[2] }),
    );
    expect(onOne.taskArns).toEqual([pinned.tasks![0]!.taskArn]);
    const tasks = await ecs.send(
      new DescribeTasksCommand({ cluster: 'prod', tasks: [...all, `${ACCOUNT}:task/prod/nope`] }),
    );
    expect(tasks.tasks?.map((t) => t.taskArn)).toEqual(all);
    expect(tasks.failures).toEqual([{ arn: `${ACCOUNT}:task/prod/nope`, reason: 'MISSING' }]);
    const describedInstances = await ecs.send(
      new DescribeContainerInstancesCommand({ cluster: 'prod', containerInstances: instances }),
    );
    expect(
      describedInstances.containerInstances?.map((i) => [i.status, i.runningTasksCount]),
    ).toEqual([
      ['DRAINING', 1],
      ['ACTIVE', 1],
      ['ACTIVE', 1],
    ]);
    const cpu = describedInstances.containerInstances?.[2]?.remainingResources?.find(
      (r) => r.name === 'CPU',
    );
    expect(cpu?.integerValue).toBe(2048 - 512);
    const clusters = await ecs.send(new DescribeClustersCommand({ clusters: ['prod', 'gone'] }));
    expect(clusters.clusters?.[0]).toMatchObject({
      clusterName: 'prod',
      registeredContainerInstancesCount: 3,
      pendingTasksCount: 3,
    });
    expect(clusters.failures).toEqual([{ arn: `${ACCOUNT}:cluster/gone`, reason: 'MISSING' }]);

    // --- tear down
    expect(
      await rejection(
        ecs.send(
          new DeregisterContainerInstanceCommand({
            cluster: 'prod',
            containerInstance: instances[1],
          }),
        ),
      ),
    ).toEqual(['InvalidParameterException', 400]);
    for (const arn of all) {
      const stopped = await ecs.send(
        new StopTaskCommand({ cluster: 'prod', task: arn, reason: 'done' }),
      );
      expect(stopped.task?.desiredStatus).toBe('STOPPED');
    }
    for (const arn of instances) {
      const out = await ecs.send(
        new DeregisterContainerInstanceCommand({ cluster: 'prod', containerInstance: arn }),
      );
      expect(out.containerInstance?.status).toBe('INACTIVE');
    }
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'web:1' }));
    expect(
      (await ecs.send(new ListTaskDefinitionsCommand({ status: 'INACTIVE' }))).taskDefinitionArns,
    ).toEqual([webArn]);
    expect(
      await rejection(ecs.send(new RunTaskCommand({ cluster: 'prod', taskDefinition: 'web:1' }))),
    ).toEqual(['ClientException', 400]);
    const deleted = await ecs.send(new DeleteClusterCommand({ cluster: 'prod' }));
    expect(deleted.cluster?.status).toBe('INACTIVE');
    expect(await rejection(ecs.send(new ListTasksCommand({ cluster: 'prod' })))).toEqual([
      'ClusterNotFoundException',
      400,
    ]);
  });
});
