/**
 * RESOURCE:ENI: awsvpc tasks on EC2 each take a network-interface attachment point
 * (docs/placement.md). Expected figures come from the EC2 and ECS tables cited there:
 * t2.micro 2 interfaces, m5.large 3 interfaces or 10 tasks with trunking.
 */
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { ContainerInstance, Resource, Snapshot } from '../../src/kernel/ecs-types.js';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

const svc = taskDefinition('svc', [{ name: 'app', image: 'nginx', cpu: 128, memory: 128 }], {
  networkMode: 'awsvpc',
});
const bridge = taskDefinition('web', [{ name: 'app', image: 'nginx', cpu: 128, memory: 128 }]);
const gpu = taskDefinition(
  'gpu',
  [
    {
      name: 'app',
      image: 'cuda',
      cpu: 128,
      memory: 128,
      resourceRequirements: [{ type: 'GPU', value: '1' }],
    },
  ],
  { networkMode: 'awsvpc' },
);

const awsvpc = (count: number, taskDefinition = 'svc') => ({
  taskDefinition,
  count,
  launchType: 'EC2' as const,
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
});

function instance(
  id: string,
  attributes: Record<string, string | null>,
  registeredResources?: Resource[],
): ContainerInstance {
  const built = containerInstance({
    id,
    cpu: 4096,
    memory: 8192,
    attributes: { 'ecs.availability-zone': 'us-east-1a', ...attributes },
  });
  return registeredResources ? { ...built, registeredResources } : built;
}

function cluster(instances: ContainerInstance[], tasks = [] as Snapshot['clusters'][0]['tasks']) {
  return Cluster.fromSnapshot(
    snapshotOf({
      instances,
      taskDefinitions: [svc, bridge, gpu],
      tasks,
      subnets: { 'subnet-a': 'us-east-1a' },
    }),
  );
}

const id = (arn: string | undefined) => arn?.split('/').pop();

describe('RESOURCE:ENI', () => {
  test('a t2.micro (2 interfaces, one the primary) takes one awsvpc task', () => {
    const result = cluster([instance('a', { 'ecs.instance-type': 't2.micro' })]).runTask(awsvpc(3));
    expect(result.tasks.map((t) => id(t.containerInstanceArn))).toEqual(['a']);
    expect(result.failures.map((f) => [id(f.arn), f.reason])).toEqual([['a', 'RESOURCE:ENI']]);
  });

  test('an m5.large takes two awsvpc tasks, ten with a trunk interface', () => {
    const plain = cluster([instance('a', { 'ecs.instance-type': 'm5.large' })]).runTask(awsvpc(10));
    expect(plain.tasks).toHaveLength(2);
    const trunked = cluster([
      instance('a', { 'ecs.instance-type': 'm5.large', 'ecs.awsvpc-trunk-id': 'eni-0trunk' }),
    ]);
    expect(trunked.runTask(awsvpc(10)).tasks).toHaveLength(10);
    expect(trunked.runTask(awsvpc(1)).failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI']);
  });

  test('awsvpc tasks of the snapshot (with an ENI attachment) hold their interface', () => {
    const existing = runningTask('old', 'a', 'family:svc', {
      attachments: [{ type: 'ElasticNetworkInterface', status: 'ATTACHED' }],
    });
    const stoppedOne = runningTask('gone', 'a', 'family:svc', {
      desiredStatus: 'STOPPED',
      attachments: [{ type: 'ElasticNetworkInterface', status: 'DELETED' }],
    });
    const result = cluster(
      [instance('a', { 'ecs.instance-type': 'm5.large' })],
      [existing, stoppedOne],
    ).runTask(awsvpc(2));
    expect(result.tasks).toHaveLength(1);
    expect(result.failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI']);
  });

  test('a registeredResources ENI entry overrides the tables, also for an unknown type', () => {
    const result = cluster([
      instance('a', { 'ecs.instance-type': 'z9.custom' }, [
        { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
        { name: 'ENI', type: 'INTEGER', integerValue: 3 },
      ]),
    ]).runTask(awsvpc(5));
    expect(result.tasks).toHaveLength(3);
    expect(result.failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI']);
  });

  test('an unknown limit is not guessed: the check passes and the explanation says so', () => {
    const plan = cluster([instance('a', { 'ecs.instance-type': 'z9.custom' })]).planRunTask(
      awsvpc(5),
    );
    expect(plan.tasks).toHaveLength(5);
    const verdict = plan.explanation.tasks[0]!.verdicts[0]!;
    expect(verdict.failures).toEqual([]);
    expect(verdict.notes).toEqual([
      'ENI limit unknown: instance type z9.custom is not in our ENI table and registeredResources has no ENI entry; RESOURCE:ENI not checked',
    ]);
    const untyped = cluster([instance('b', {})]).planRunTask(awsvpc(1));
    expect(untyped.explanation.tasks[0]!.verdicts[0]!.notes?.[0]).toContain(
      'the instance has no ecs.instance-type attribute',
    );
  });

  test('bridge tasks take no interface', () => {
    const result = cluster([instance('a', { 'ecs.instance-type': 't2.micro' })]).runTask({
      taskDefinition: 'web',
      count: 4,
      launchType: 'EC2',
    });
    expect(result.tasks).toHaveLength(4);
  });

  test('stopTask gives the interface back; a plan takes none', () => {
    const c = cluster([instance('a', { 'ecs.instance-type': 't2.micro' })]);
    expect(c.planRunTask(awsvpc(1)).tasks).toHaveLength(1);
    const first = c.runTask(awsvpc(1)).tasks[0]!;
    expect(c.runTask(awsvpc(1)).failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI']);
    c.stopTask(first.taskArn);
    expect(c.runTask(awsvpc(1)).tasks).toHaveLength(1);
  });

  test('RESOURCE:ENI comes after the port checks and before RESOURCE:GPU and LOCATION', () => {
    const c = cluster([instance('a', { 'ecs.instance-type': 't2.micro' })]);
    c.runTask(awsvpc(1));
    const plan = c.planRunTask(awsvpc(1, 'gpu'));
    expect(plan.failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI']);
    const checks = plan.explanation.tasks[0]!.verdicts[0]!.failures.map((f) => f.check);
    expect(checks).toEqual(['RESOURCE:ENI', 'RESOURCE:GPU']);
    const failure = plan.explanation.tasks[0]!.verdicts[0]!.failures[0]!;
    expect(failure).toMatchObject({ needed: 1, available: 0 });
    expect(failure.detail).toBe(
      'no free ENI attachment point: t2.micro allows 2 network interfaces, one of them the primary, 1 held by awsvpc tasks',
    );
  });

  test('a bridge call and an awsvpc call of equal size do not share a memoised verdict', () => {
    const c = cluster([
      instance('a', { 'ecs.instance-type': 't2.micro' }),
      instance('b', { 'ecs.instance-type': 't2.micro' }),
    ]);
    expect(c.runTask(awsvpc(2)).tasks).toHaveLength(2);
    // Lands on one instance; the other is unchanged and was found feasible for a bridge task.
    expect(c.runTask({ taskDefinition: 'web', count: 1, launchType: 'EC2' }).tasks).toHaveLength(1);
    // A subnet the snapshot does not map: no zones, so only RESOURCE:ENI tells the calls apart.
    const again = c.runTask({
      ...awsvpc(1),
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-unmapped'] } },
    });
    expect(again.tasks).toEqual([]);
    expect(again.failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI', 'RESOURCE:ENI']);
  });
});
