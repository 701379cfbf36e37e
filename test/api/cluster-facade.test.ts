import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { UnsupportedFeatureException } from '../../src/kernel/errors.js';
import type { Snapshot } from '../../src/kernel/ecs-types.js';
import { whyNot } from '../../src/placement/why-not.js';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

const sleep = taskDefinition(
  'sleep',
  [
    {
      name: 'sleep',
      image: 'busybox',
      cpu: 128,
      memory: 256,
      portMappings: [{ containerPort: 80, hostPort: 8080 }],
    },
  ],
  { tags: [{ key: 'team', value: 'infra' }] },
);
const zoneOf = (n: number) => `us-east-1${'abc'[n % 3]}`;

function cluster(): Snapshot {
  return snapshotOf({
    instances: Array.from({ length: 6 }, (_, n) =>
      containerInstance({
        id: `ci${n}`,
        memory: 1024 * (n + 1),
        attributes: {
          'ecs.availability-zone': zoneOf(n),
          'ecs.instance-type': n < 3 ? 't3.large' : 'g4dn.xlarge',
        },
      }),
    ),
    taskDefinitions: [sleep],
    tasks: [runningTask('existing', 'ci0', 'family:sleep')],
  });
}

describe('Cluster.runTask', () => {
  test('returns ECS-shaped tasks and records them', () => {
    const c = Cluster.fromSnapshot(cluster());
    const { tasks, failures } = c.runTask(
      {
        taskDefinition: 'sleep',
        count: 2,
        startedBy: 'me',
        enableECSManagedTags: true,
        propagateTags: 'TASK_DEFINITION',
        tags: [{ key: 'k', value: 'v' }],
      },
      { seed: 's1', now: Date.UTC(2025, 0, 2) },
    );
    expect(failures).toEqual([]);
    expect(tasks).toHaveLength(2);
    const [task] = tasks;
    expect(task!.taskArn).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:task\/default\/[0-9a-f]{32}$/,
    );
    const taskId = task!.taskArn.split('/').pop();
    expect(task).toMatchObject({
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/default',
      taskDefinitionArn: sleep.taskDefinitionArn,
      lastStatus: 'PENDING',
      desiredStatus: 'RUNNING',
      group: 'family:sleep',
      startedBy: 'me',
      launchType: 'EC2',
      cpu: '128',
      memory: '256',
      version: 1,
      createdAt: '2025-01-02T00:00:00.000Z',
      enableExecuteCommand: false,
      attachments: [],
      overrides: { containerOverrides: [{ name: 'sleep' }], inferenceAcceleratorOverrides: [] },
      tags: [
        { key: 'k', value: 'v' },
        { key: 'team', value: 'infra' },
        { key: 'aws:ecs:clusterName', value: 'default' },
      ],
    });
    expect(task!.availabilityZone).toMatch(/^us-east-1[abc]$/);
    const [container] = task!.containers!;
    expect(container!.containerArn).toMatch(
      new RegExp(`^arn:aws:ecs:us-east-1:123456789012:container/default/${taskId}/[0-9a-f-]{36}$`),
    );
    expect(container).toMatchObject({
      taskArn: task!.taskArn,
      name: 'sleep',
      image: 'busybox',
      lastStatus: 'PENDING',
      cpu: '128',
      memory: '256',
      networkBindings: [{ bindIP: '0.0.0.0', containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
    });
    expect(new Set(tasks.map((t) => t.taskArn)).size).toBe(2);
    const saved = c.toSnapshot().clusters[0]!;
    expect(saved.tasks).toHaveLength(3);
    const host = saved.containerInstances.find(
      (i) => i.containerInstanceArn === task!.containerInstanceArn,
    )!;
    expect(host.remainingResources!.find((r) => r.name === 'PORTS')!.stringSetValue).toContain(
      '8080',
    );
    expect(host.pendingTasksCount).toBeGreaterThanOrEqual(1);
  });

  test('planRunTask gives the same tasks and failures as runTask and changes nothing', () => {
    const input = {
      taskDefinition: 'sleep',
      count: 10,
      placementConstraints: [{ type: 'distinctInstance' as const }],
      placementStrategy: [{ type: 'spread' as const, field: 'attribute:ecs.availability-zone' }],
    };
    const c = Cluster.fromSnapshot(cluster());
    const before = JSON.stringify(c.toSnapshot());
    const plan = c.planRunTask(input, { seed: 'x', now: 0 });
    expect(JSON.stringify(c.toSnapshot())).toBe(before);
    const run = c.runTask(input, { seed: 'x', now: 0 });
    expect(run.tasks).toEqual(plan.tasks);
    expect(run.failures).toEqual(plan.failures);
    // ci0 already hosts the group; the five others take one task each.
    expect(run.tasks).toHaveLength(5);
    expect(run.failures).toHaveLength(6);
    expect(plan.explanation.seed).toBe('x');
    expect(plan.explanation.summary).toMatch(
      /^placed 5\/10 tasks; task 6 could not be placed: 0\/6 instances: 5 RESOURCE:PORTS, 1 DistinctInstance$/,
    );
    // Every failing check is in the explanation, not only the first.
    expect(whyNot(plan, 'ci1')?.map((f) => f.check)).toEqual([
      'RESOURCE:PORTS',
      'DistinctInstance',
    ]);
    expect(whyNot(plan, 'ci0')?.map((f) => f.check)).toEqual(['DistinctInstance']);
    expect(whyNot(plan, 'i-ci0')?.map((f) => f.check)).toEqual(['DistinctInstance']);
    expect(whyNot(plan, 'nope')).toBeUndefined();
  });

  test('memberOf constraints from the task definition and the request must all hold', () => {
    const constrained = {
      ...sleep,
      placementConstraints: [
        { type: 'memberOf' as const, expression: 'attribute:ecs.instance-type =~ g4dn.*' },
      ],
    };
    const snapshot = { ...cluster(), taskDefinitions: [constrained] };
    const c = Cluster.fromSnapshot(snapshot);
    const plan = c.planRunTask({
      taskDefinition: 'sleep',
      count: 10,
      placementConstraints: [
        { type: 'memberOf', expression: 'attribute:ecs.availability-zone != us-east-1a' },
      ],
    });
    const hosts = new Set(plan.tasks.map((t) => t.containerInstanceArn!.split('/').pop()));
    for (const host of hosts) expect(['ci4', 'ci5']).toContain(host);
    const memberOf = plan.failures.filter(
      (f) => f.reason === 'MemberOf placement constraint unsatisfied.',
    );
    expect(memberOf.map((f) => f.arn!.split('/').pop()).sort()).toEqual([
      'ci0',
      'ci1',
      'ci2',
      'ci3',
    ]);
    const ci3 = whyNot(plan, 'ci3')!;
    expect(ci3).toHaveLength(1);
    expect(ci3[0]!.expression).toBe('attribute:ecs.availability-zone != us-east-1a');
    expect(plan.explanation.tasks[0]!.summary).toContain(
      'MemberOf (`attribute:ecs.instance-type =~ g4dn.*`)',
    );
  });

  test('the same seed gives the same result; another seed may differ only in the random choices', () => {
    const input = { taskDefinition: 'sleep', count: 4 };
    const a = Cluster.fromSnapshot(cluster()).runTask(input, { seed: 'same', now: 1 });
    const b = Cluster.fromSnapshot(cluster()).runTask(input, { seed: 'same', now: 1 });
    expect(b).toEqual(a);
  });

  test('a cluster without container instances refuses EC2 tasks', () => {
    const empty = snapshotOf({ instances: [], taskDefinitions: [sleep] });
    expect(() => Cluster.fromSnapshot(empty).runTask({ taskDefinition: 'sleep' })).toThrowError(
      expect.objectContaining({
        name: 'InvalidParameterException',
        message: 'No Container Instances were found in your cluster.',
      }),
    );
  });

  test('only INACTIVE (deregistered) instances count as none; a DRAINING one does not', () => {
    const only = (status: 'INACTIVE' | 'DRAINING') =>
      Cluster.fromSnapshot(
        snapshotOf({
          instances: [containerInstance({ id: 'a', status })],
          taskDefinitions: [sleep],
        }),
      );
    expect(() => only('INACTIVE').runTask({ taskDefinition: 'sleep' })).toThrowError(
      'No Container Instances were found in your cluster.',
    );
    const draining = only('DRAINING').runTask({ taskDefinition: 'sleep' });
    expect(draining.tasks).toEqual([]);
    expect(draining.failures.map((f) => f.reason)).toEqual(['NO ACTIVE INSTANCES']);
  });

  test('a FARGATE target goes through the Fargate hook', () => {
    const fargate = {
      ...sleep,
      requiresCompatibilities: ['FARGATE' as const],
      compatibilities: ['EC2' as const, 'FARGATE' as const],
      networkMode: 'awsvpc' as const,
      cpu: '256',
      memory: '512',
    };
    const snapshot = {
      ...cluster(),
      taskDefinitions: [fargate],
      subnets: { 'subnet-1': 'us-east-1a' },
    };
    const run = () =>
      Cluster.fromSnapshot(snapshot).runTask({
        taskDefinition: 'sleep',
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      });
    try {
      const out = run();
      expect(out.tasks[0]!.launchType).toBe('FARGATE'); // once the capacity work fills the hook in
    } catch (error) {
      expect(error).toBeInstanceOf(UnsupportedFeatureException);
    }
  });

  test('an error in a later share rolls back the whole call', () => {
    const c = Cluster.fromSnapshot(cluster());
    const before = JSON.stringify(c.toSnapshot());
    expect(() =>
      c.runTask({
        taskDefinition: 'sleep',
        placementConstraints: [{ type: 'memberOf', expression: 'attribute:x ==' }],
      }),
    ).toThrow();
    expect(JSON.stringify(c.toSnapshot())).toBe(before);
  });
});

describe('Cluster.whatIf', () => {
  test('undoes every placement of the scenario and returns its result', () => {
    const c = Cluster.fromSnapshot(cluster());
    const before = JSON.stringify(c.toSnapshot());
    const placed = c.whatIf((inner) => {
      const first = inner.runTask({ taskDefinition: 'sleep', count: 3 }, { seed: 'w' });
      inner.stopTask(first.tasks[0]!.taskArn);
      return (
        first.tasks.length +
        inner.runTask({ taskDefinition: 'sleep', count: 2 }, { seed: 'v' }).tasks.length
      );
    });
    expect(placed).toBe(5);
    expect(JSON.stringify(c.toSnapshot())).toBe(before);
  });
});

describe('Cluster.listContainerInstances', () => {
  test('filters with CQL, keeps snapshot order, and leaves out INACTIVE unless asked', () => {
    const snapshot = cluster();
    snapshot.clusters[0]!.containerInstances[1]!.status = 'INACTIVE';
    snapshot.clusters[0]!.containerInstances[2]!.status = 'DRAINING';
    const c = Cluster.fromSnapshot(snapshot);
    const ids = (arns: string[]) => arns.map((a) => a.split('/').pop());
    expect(ids(c.listContainerInstances().containerInstanceArns)).toEqual([
      'ci0',
      'ci2',
      'ci3',
      'ci4',
      'ci5',
    ]);
    expect(ids(c.listContainerInstances({ status: 'DRAINING' }).containerInstanceArns)).toEqual([
      'ci2',
    ]);
    expect(
      ids(
        c.listContainerInstances({
          filter: 'attribute:ecs.instance-type == g4dn.xlarge and task:group != family:x',
        }).containerInstanceArns,
      ),
    ).toEqual(['ci3', 'ci4', 'ci5']);
    expect(
      ids(c.listContainerInstances({ filter: 'task:group == family:sleep' }).containerInstanceArns),
    ).toEqual(['ci0']);
  });

  test('tasks just placed are visible to task:group and runningTasksCount', () => {
    const c = Cluster.fromSnapshot(cluster());
    const { tasks } = c.runTask({ taskDefinition: 'sleep', group: 'batch' }, { seed: 'q' });
    const host = tasks[0]!.containerInstanceArn!;
    expect(
      c.listContainerInstances({ filter: 'task:group == batch' }).containerInstanceArns,
    ).toEqual([host]);
    c.stopTask(tasks[0]!.taskArn);
    expect(
      c.listContainerInstances({ filter: 'task:group == batch' }).containerInstanceArns,
    ).toEqual([]);
  });
});

describe("runningTasksCount from the instance's own figure", () => {
  // Instances exported with DescribeContainerInstances but without their tasks.
  const exported = (figure: number, listed = 0): Cluster =>
    Cluster.fromSnapshot(
      snapshotOf({
        instances: [
          { ...containerInstance({ id: 'a' }), runningTasksCount: figure },
          containerInstance({ id: 'b', memory: 100 }),
        ],
        taskDefinitions: [sleep],
        tasks: Array.from({ length: listed }, (_, n) => runningTask(`t${n}`, 'a', 'family:x')),
      }),
    );
  const countOf = (c: Cluster, n: number) =>
    c
      .listContainerInstances({ filter: `runningTasksCount == ${n}` })
      .containerInstanceArns.map((arn) => arn.split('/').pop());

  test('CQL sees the figure when the tasks list holds fewer of its tasks', () => {
    expect(countOf(exported(3), 3)).toEqual(['a']);
    expect(countOf(exported(3, 1), 3)).toEqual(['a']);
    expect(countOf(exported(3), 0)).toEqual(['b']);
  });

  test('a figure below the listed RUNNING-desired tasks is stale: the listed tasks count', () => {
    expect(countOf(exported(1, 2), 2)).toEqual(['a']);
  });

  test('tasks placed and stopped since move the figure, and the saved snapshot reloads to the same view', () => {
    const c = exported(3);
    const { tasks } = c.runTask({ taskDefinition: 'sleep' }, { seed: 'r' });
    expect(tasks[0]!.containerInstanceArn).toContain('/a');
    expect(countOf(c, 4)).toEqual(['a']);
    const saved = c.toSnapshot();
    expect(saved.clusters[0]!.containerInstances[0]!.runningTasksCount).toBe(4);
    expect(countOf(Cluster.fromSnapshot(saved), 4)).toEqual(['a']);
    c.stopTask(tasks[0]!.taskArn);
    expect(countOf(c, 3)).toEqual(['a']);
    expect(countOf(Cluster.fromSnapshot(c.toSnapshot()), 3)).toEqual(['a']);
  });

  test('a plan leaves the figure as it was', () => {
    const c = exported(3);
    const before = JSON.stringify(c.toSnapshot());
    c.planRunTask({ taskDefinition: 'sleep' }, { seed: 'r' });
    expect(countOf(c, 3)).toEqual(['a']);
    expect(JSON.stringify(c.toSnapshot())).toBe(before);
  });
});

describe('pendingTasksCount in the saved snapshot', () => {
  test('grows by the tasks placed and shrinks by pending tasks stopped, snapshot tasks included', () => {
    const c = Cluster.fromSnapshot(
      snapshotOf({
        instances: [
          { ...containerInstance({ id: 'a' }), runningTasksCount: 1, pendingTasksCount: 1 },
        ],
        taskDefinitions: [sleep],
        tasks: [runningTask('starting', 'a', 'family:x', { lastStatus: 'PENDING' })],
      }),
    );
    const pending = () => c.toSnapshot().clusters[0]!.containerInstances[0]!.pendingTasksCount;
    const { tasks } = c.runTask({ taskDefinition: 'sleep' }, { seed: 'p' });
    expect(pending()).toBe(2);
    c.stopTask('starting');
    expect(pending()).toBe(1);
    c.stopTask(tasks[0]!.taskArn);
    expect(pending()).toBe(0);
  });
});
