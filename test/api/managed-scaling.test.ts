/**
 * Managed scaling (docs/capacity.md section 6): tasks of an Auto Scaling group provider with
 * managed scaling ENABLED that fit no instance now are returned in PROVISIONING and wait for
 * the group to grow; tasks no new instance of the group could ever run still fail.
 */
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { ContainerInstance, Snapshot, Task } from '../../src/kernel/ecs-types.js';
import {
  containerInstance,
  snapshotOf,
  TEST_ACCOUNT,
  TEST_REGION,
  taskDefinition,
} from '../../src/testing/builders.js';

const job = taskDefinition('job', [{ name: 'app', image: 'busybox', cpu: 1024, memory: 2048 }]);
const vpcJob = taskDefinition(
  'vpcjob',
  [{ name: 'app', image: 'busybox', cpu: 1024, memory: 2048 }],
  { networkMode: 'awsvpc' },
);

/** An m5.large of the group: 2048 CPU / 7680 MiB registered, `cpu` left. */
function member(
  id: string,
  cpu: number,
  attributes: Record<string, string> = {},
): ContainerInstance {
  return {
    ...containerInstance({
      id,
      cpu,
      memory: 7680,
      capacityProviderName: 'asg',
      attributes: {
        'ecs.instance-type': 'm5.large',
        'ecs.availability-zone': 'us-east-1a',
        ...attributes,
      },
    }),
    registeredResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
      { name: 'MEMORY', type: 'INTEGER', integerValue: 7680 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] },
    ],
  };
}

function snapshot(
  instances: ContainerInstance[],
  scaling: 'ENABLED' | 'DISABLED' = 'ENABLED',
  tasks: Task[] = [],
): Snapshot {
  const s = snapshotOf({ instances, taskDefinitions: [job, vpcJob], tasks });
  s.clusters[0]!.capacityProviders = ['asg'];
  s.clusters[0]!.defaultCapacityProviderStrategy = [{ capacityProvider: 'asg', weight: 1 }];
  s.capacityProviders = [
    {
      name: 'asg',
      status: 'ACTIVE',
      capacityProviderArn: `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}:capacity-provider/asg`,
      autoScalingGroupProvider: {
        autoScalingGroupArn: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1',
        managedScaling: { status: scaling, targetCapacity: 100 },
      },
    },
  ];
  return s;
}

const busy = () => [member('a', 512), member('b', 1024)];
const run = (count: number, extra: object = {}) => ({ taskDefinition: 'job', count, ...extra });

describe('managed scaling: PROVISIONING', () => {
  test('tasks that fit nowhere now wait in PROVISIONING, shaped as ECS returns them', () => {
    const result = Cluster.fromSnapshot(snapshot(busy())).runTask(run(3), { now: 0 });
    expect(result.failures).toEqual([]);
    expect(
      result.tasks.map((t) => [t.lastStatus, t.containerInstanceArn?.split('/').pop()]),
    ).toEqual([
      ['PENDING', 'b'],
      ['PROVISIONING', undefined],
      ['PROVISIONING', undefined],
    ]);
    const waiting = result.tasks[1]!;
    expect(waiting).toMatchObject({
      desiredStatus: 'RUNNING',
      lastStatus: 'PROVISIONING',
      capacityProviderName: 'asg',
      launchType: 'EC2',
      cpu: '1024',
      memory: '2048',
      attachments: [],
    });
    expect('containerInstanceArn' in waiting).toBe(false);
    expect('availabilityZone' in waiting).toBe(false);
  });

  test('without managed scaling the same call fails as before', () => {
    const result = Cluster.fromSnapshot(snapshot(busy(), 'DISABLED')).runTask(run(3));
    expect(result.tasks.map((t) => t.lastStatus)).toEqual(['PENDING']);
    expect(result.failures.map((f) => [f.arn?.split('/').pop(), f.reason])).toEqual([
      ['a', 'RESOURCE:CPU'],
      ['b', 'RESOURCE:CPU'],
    ]);
  });

  test('a task no new instance of the group could run fails at once', () => {
    const tooBig = Cluster.fromSnapshot(snapshot(busy())).runTask(
      run(1, { overrides: { cpu: '4096', memory: '4096' } }),
    );
    expect(tooBig.tasks).toEqual([]);
    expect(tooBig.failures.map((f) => f.reason)).toEqual(['RESOURCE:CPU', 'RESOURCE:CPU']);
    const nowhere = Cluster.fromSnapshot(snapshot(busy())).runTask(
      run(1, {
        placementConstraints: [
          { type: 'memberOf', expression: 'attribute:ecs.instance-type == c5.large' },
        ],
      }),
    );
    expect(nowhere.tasks).toEqual([]);
    // a is short of CPU first; b has the CPU but not the instance type.
    expect(nowhere.failures.map((f) => f.reason)).toEqual([
      'RESOURCE:CPU',
      'MemberOf placement constraint unsatisfied.',
    ]);
  });

  test('distinctInstance tasks wait: a new instance never hosts the group', () => {
    const result = Cluster.fromSnapshot(snapshot([member('a', 2048)])).runTask(
      run(3, { placementConstraints: [{ type: 'distinctInstance' }] }),
    );
    expect(result.tasks.map((t) => t.lastStatus)).toEqual([
      'PENDING',
      'PROVISIONING',
      'PROVISIONING',
    ]);
  });

  test('a group without instances scales from zero; the call is accepted', () => {
    const result = Cluster.fromSnapshot(snapshot([])).planRunTask(run(2));
    expect(result.tasks.map((t) => t.lastStatus)).toEqual(['PROVISIONING', 'PROVISIONING']);
    expect(result.explanation.scaleOut).toEqual([
      expect.objectContaining({
        capacityProvider: 'asg',
        waitingTasks: 2,
        runningInstances: 0,
        capacityProviderReservation: 200,
        instancesToLaunch: 2,
        instanceTypes: [],
      }),
    ]);
  });

  test('the explanation says which tasks wait and estimates the scale-out', () => {
    const plan = Cluster.fromSnapshot(snapshot(busy())).planRunTask(run(5));
    expect(plan.explanation.tasks.map((t) => t.provisioning?.capacityProvider)).toEqual([
      undefined,
      'asg',
      'asg',
      'asg',
      'asg',
    ]);
    expect(plan.explanation.tasks[1]!.provisioning?.fitsLike).toMatch(
      /container-instance\/default\/a$/,
    );
    expect(plan.explanation.tasks[1]!.summary).toBe(
      '0/2 instances: 2 RESOURCE:CPU; waits in PROVISIONING for capacity provider asg to scale out (a new instance like i-a could take it)',
    );
    // 4 waiting tasks of 1024 CPU, 2 per m5.large (2048 CPU): 2 new instances; M = 2 + 2 = 4,
    // CapacityProviderReservation 4 / 2 = 200%, launch ceil(4 x 100 / 100) - 2 = 2.
    expect(plan.explanation.scaleOut).toEqual([
      expect.objectContaining({
        waitingTasks: 4,
        instancesNeeded: 2,
        capacityProviderReservation: 200,
        instancesToLaunch: 2,
      }),
    ]);
    expect(plan.explanation.summary).toBe(
      'placed 1/5 tasks; 4 wait in PROVISIONING for scale-out (asg: launch 2 instance(s))',
    );
  });

  test('the worked example of docs/capacity.md, through planRunTask', () => {
    const plan = Cluster.fromSnapshot(snapshot([member('a', 0), member('b', 0)])).planRunTask({
      taskDefinition: 'vpcjob',
      count: 5,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
    });
    expect(plan.tasks.map((t) => t.lastStatus)).toEqual(Array(5).fill('PROVISIONING'));
    expect(plan.explanation.scaleOut).toEqual([
      {
        capacityProvider: 'asg',
        waitingTasks: 5,
        incompatibleTasks: 0,
        instanceTypes: ['m5.large'],
        largestInstance: { cpu: 2048, memory: 7680, gpus: 0, enis: 2 },
        runningInstances: 2,
        instancesNeeded: 3,
        capacityProviderReservation: 250,
        targetCapacity: 100,
        minimumScalingStepSize: 1,
        maximumScalingStepSize: 10000,
        instanceWarmupPeriod: 300,
        instancesToLaunch: 3,
        scaleOutSteps: 1,
        totalInstancesLaunched: 3,
        secondsUntilLastStep: 0,
        summary:
          'asg: 5 task(s) wait in PROVISIONING; 5 binpacked onto new instances of 2048 CPU, 7680 MiB, 2 task ENIs: 3 instance(s); CapacityProviderReservation 250% (target 100%): launch 3 instance(s)',
      },
    ]);
  });

  test('waiting tasks hold no instance resources and are kept by toSnapshot', () => {
    const cluster = Cluster.fromSnapshot(snapshot(busy()));
    const first = cluster.runTask(run(2));
    const waiting = first.tasks.filter((t) => t.lastStatus === 'PROVISIONING');
    expect(waiting).toHaveLength(1);
    const saved = cluster.toSnapshot();
    const reloaded = Cluster.fromSnapshot(JSON.parse(JSON.stringify(saved)));
    const savedTask = saved.clusters[0]!.tasks.find((t) => t.taskArn === waiting[0]!.taskArn)!;
    expect(savedTask.lastStatus).toBe('PROVISIONING');
    expect(savedTask.containerInstanceArn).toBeUndefined();
    // Instance b took one task (1024 of 1024 left); a still has its 512.
    const cpuLeft = saved.clusters[0]!.containerInstances.map(
      (i) => i.remainingResources?.find((r) => r.name === 'CPU')?.integerValue,
    );
    expect(cpuLeft).toEqual([512, 0]);
    // The earlier waiting task counts in the next estimate, and can be stopped.
    const plan = reloaded.planRunTask(run(1));
    expect(plan.explanation.scaleOut?.[0]?.waitingTasks).toBe(2);
    reloaded.stopTask(waiting[0]!.taskArn);
    expect(reloaded.planRunTask(run(1)).explanation.scaleOut?.[0]?.waitingTasks).toBe(1);
  });

  test('the PROVISIONING quota of the cluster refuses the call and records nothing', () => {
    const queued: Task[] = Array.from({ length: 499 }, (_, k) => ({
      taskArn: `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}:task/default/queued${k}`,
      desiredStatus: 'RUNNING',
      lastStatus: 'PROVISIONING',
      capacityProviderName: 'asg',
      launchType: 'EC2',
      group: 'family:job',
    }));
    const cluster = Cluster.fromSnapshot(snapshot(busy(), 'ENABLED', queued));
    expect(() => cluster.runTask(run(3))).toThrow(
      expect.objectContaining({
        name: 'ClientException',
        message: expect.stringContaining('quota of tasks in the PROVISIONING state per cluster'),
      }),
    );
    expect(cluster.toSnapshot().clusters[0]!.tasks).toHaveLength(499);
    // One more still fits under the quota of 500 (after one placed task).
    expect(cluster.runTask(run(2)).tasks.map((t) => t.lastStatus)).toEqual([
      'PENDING',
      'PROVISIONING',
    ]);
  });
});
