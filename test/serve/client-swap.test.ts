// A scheduler written against ECSClient runs unchanged on DryRunEcsClient: the same calls,
// the same outputs (timestamps as Date, the ECS exceptions by name), whichever client.
import {
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  type ECSClient,
  ListContainerInstancesCommand,
  RunTaskCommand,
  StartTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { DryRunEcsClient } from '../../src/client/dry-run-ecs-client.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { startEndpoint } from './endpoint-fixture.js';

const snapshot = snapshotOf({
  instances: Array.from({ length: 4 }, (_, n) =>
    containerInstance({
      id: `ci${n}`,
      memory: 2048 * (n + 1),
      attributes: { 'ecs.availability-zone': `us-east-1${'ab'[n % 2]}` },
    }),
  ),
  taskDefinitions: [taskDefinition('job', [{ name: 'job', cpu: 256, memory: 1024 }])],
});

/** What a custom scheduler does with an ECSClient: look, decide, start, check, clean up. */
async function schedule(ecs: Pick<ECSClient, 'send'>) {
  const { containerInstanceArns = [] } = await ecs.send(
    new ListContainerInstancesCommand({ filter: 'attribute:ecs.availability-zone == us-east-1b' }),
  );
  const { containerInstances = [] } = await ecs.send(
    new DescribeContainerInstancesCommand({ containerInstances: containerInstanceArns }),
  );
  const roomiest = [...containerInstances].sort(
    (a, b) =>
      (b.remainingResources?.find((r) => r.name === 'MEMORY')?.integerValue ?? 0) -
      (a.remainingResources?.find((r) => r.name === 'MEMORY')?.integerValue ?? 0),
  )[0]!;
  const started = await ecs.send(
    new StartTaskCommand({
      taskDefinition: 'job',
      containerInstances: [roomiest.containerInstanceArn!],
    }),
  );
  const binpacked = await ecs.send(
    new RunTaskCommand({
      taskDefinition: 'job',
      count: 3,
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
    }),
  );
  const arns = [...(started.tasks ?? []), ...(binpacked.tasks ?? [])].map((t) => t.taskArn!);
  await ecs.send(new StopTaskCommand({ task: arns[0]!, reason: 'rebalanced' }));
  const described = await ecs.send(new DescribeTasksCommand({ tasks: arns }));
  let refused = '';
  try {
    await ecs.send(new RunTaskCommand({ taskDefinition: 'job', count: 11 }));
  } catch (error) {
    refused = (error as Error).name;
  }
  return {
    started: started.tasks?.map((t) => t.containerInstanceArn),
    binpacked: binpacked.tasks?.map((t) => t.containerInstanceArn),
    desired: described.tasks?.map((t) => t.desiredStatus),
    createdAt: described.tasks?.map((t) => t.createdAt instanceof Date),
    refused,
  };
}

describe('DryRunEcsClient in place of ECSClient', () => {
  test('the same scheduler, the same answers', async () => {
    const endpoint = await startEndpoint(Cluster.fromSnapshot(snapshot));
    const overHttp = await schedule(endpoint.client);
    await endpoint.close();
    const inProcess = await schedule(
      new DryRunEcsClient({ cluster: Cluster.fromSnapshot(snapshot) }),
    );
    expect(inProcess).toEqual(overHttp);
    expect(inProcess).toEqual({
      started: [snapshot.clusters[0]!.containerInstances[3]!.containerInstanceArn],
      // binpack on memory: the instance with the least memory left that fits: ci0 (2048 MiB)
      // takes two tasks of 1024, then ci1 (4096).
      binpacked: [0, 0, 1].map(
        (n) => snapshot.clusters[0]!.containerInstances[n]!.containerInstanceArn,
      ),
      desired: ['STOPPED', 'RUNNING', 'RUNNING', 'RUNNING'],
      createdAt: [true, true, true, true],
      refused: 'InvalidParameterException',
    });
  });

  test('the Dates it returns are its own: the cluster keeps ISO strings', async () => {
    const cluster = Cluster.fromSnapshot(snapshot);
    const client = new DryRunEcsClient({ cluster });
    const run = await client.send(new RunTaskCommand({ taskDefinition: 'job' }));
    const arn = run.tasks![0]!.taskArn!;
    expect(run.tasks![0]!.createdAt).toBeInstanceOf(Date);
    const again = await client.send(new DescribeTasksCommand({ tasks: [arn] }));
    expect(again.tasks![0]!.createdAt).toEqual(run.tasks![0]!.createdAt);
    expect(typeof cluster.describeTasks({ tasks: [arn] }).tasks[0]!.createdAt).toBe('string');
  });

  test('commands it does not model are refused by name; $metadata is there', async () => {
    const client = new DryRunEcsClient({ cluster: Cluster.fromSnapshot(snapshot) });
    const out = await client.send({ commandName: 'ListClusters', input: {} });
    expect(out.$metadata.httpStatusCode).toBe(200);
    await expect(client.send({ commandName: 'CreateService', input: {} })).rejects.toThrow(
      /CreateService is not an operation/,
    );
  });
});
