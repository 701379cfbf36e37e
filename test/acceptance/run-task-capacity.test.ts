/**
 * Acceptance: `ecs-placement run-task` over the bundled example chooses infrastructure as
 * docs/capacity.md says: base and weight split, resolution order, each share on
 * its own provider's instances with no spill-over, and Fargate / Fargate Spot with zones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, type PlacedTask, REPOSITORY, command, runTask } from './run-example.js';

interface ExampleInstance {
  containerInstanceArn: string;
  capacityProviderName?: string;
  attributes?: { name: string; value?: string }[];
}
const example = JSON.parse(readFileSync(join(REPOSITORY, EXAMPLE), 'utf8')) as {
  clusters: { clusterName: string; containerInstances: ExampleInstance[] }[];
  subnets: Record<string, string>;
};
const defaultCluster = example.clusters.find((c) => c.clusterName === 'default')!;
const providerOf = new Map(
  defaultCluster.containerInstances.map((i) => [i.containerInstanceArn, i.capacityProviderName]),
);
const SPOT_INSTANCES = defaultCluster.containerInstances
  .filter((i) => i.capacityProviderName === 'spot')
  .map((i) => i.containerInstanceArn);

const SUBNETS = [
  'subnet-0a11c0ffee0000001',
  'subnet-0b22c0ffee0000002',
  'subnet-0c33c0ffee0000003',
];
const AWSVPC = `awsvpcConfiguration={subnets=[${SUBNETS.join(',')}]}`;

function countBy(tasks: PlacedTask[], key: (t: PlacedTask) => string | undefined) {
  const counts: Record<string, number> = {};
  for (const task of tasks) {
    const k = key(task) ?? '(none)';
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

function expectOnOwnInstances(tasks: PlacedTask[]): void {
  for (const task of tasks) {
    expect(task.launchType).toBe('EC2');
    expect(providerOf.get(task.containerInstanceArn!)).toBe(task.capacityProviderName);
  }
}

async function refusedRunTask(argv: string[]): Promise<string> {
  const run = await command(['run-task', '--cluster-state', EXAMPLE, ...argv]);
  expect(run.code).toBe(254);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(
    'An error occurred (InvalidParameterException) when calling the RunTask operation: ',
  );
  return run.stderr;
}

describe('a mixed on-demand / spot strategy, end to end', () => {
  it('shorthand: 1:4 over 10 tasks gives 2 on-demand and 8 spot, each on its own instances', async () => {
    const body = await runTask([
      '--task-definition',
      'worker',
      '--count',
      '10',
      '--capacity-provider-strategy',
      'capacityProvider=ondemand,weight=1',
      'capacityProvider=spot,weight=4',
      '--seed',
      'acceptance',
    ]);
    expect(body.failures).toEqual([]);
    expect(countBy(body.tasks, (t) => t.capacityProviderName)).toEqual({ ondemand: 2, spot: 8 });
    expectOnOwnInstances(body.tasks);
  });

  it('JSON: base 2 on on-demand, then 1:1, over 5 tasks gives 4 and 1', async () => {
    const body = await runTask([
      '--task-definition',
      'worker',
      '--count',
      '5',
      '--capacity-provider-strategy',
      JSON.stringify([
        { capacityProvider: 'ondemand', base: 2, weight: 1 },
        { capacityProvider: 'spot', weight: 1 },
      ]),
    ]);
    expect(body.failures).toEqual([]);
    expect(countBy(body.tasks, (t) => t.capacityProviderName)).toEqual({ ondemand: 4, spot: 1 });
    expectOnOwnInstances(body.tasks);
  });

  it('a provider that cannot take its share reports failures; nothing spills over', async () => {
    // Every spot instance is team=batch, so spot's 4 of 5 tasks cannot be placed; the
    // on-demand instances have plenty of room but must not take them.
    const body = await runTask([
      '--task-definition',
      'worker',
      '--count',
      '5',
      '--capacity-provider-strategy',
      'capacityProvider=ondemand,weight=1',
      'capacityProvider=spot,weight=4',
      '--placement-constraints',
      'type=memberOf,expression="attribute:team != batch"',
    ]);
    expect(countBy(body.tasks, (t) => t.capacityProviderName)).toEqual({ ondemand: 1 });
    expectOnOwnInstances(body.tasks);
    expect(body.failures.map((f) => f.arn).sort()).toEqual([...SPOT_INSTANCES].sort());
    expect(new Set(body.failures.map((f) => f.reason))).toEqual(
      new Set(['MemberOf placement constraint unsatisfied.', 'AGENT']),
    );
  });
});

describe('the bundled example requests', () => {
  it('mixed-capacity.json: base 1 on on-demand, then 1:3 over 4, gives 2 on-demand and 3 spot', async () => {
    const body = await runTask([
      '--cli-input-json',
      'file://examples/requests/mixed-capacity.json',
    ]);
    expect(body.failures).toEqual([]);
    expect(countBy(body.tasks, (t) => t.capacityProviderName)).toEqual({ ondemand: 2, spot: 3 });
    expectOnOwnInstances(body.tasks);
  });

  it('fargate-api.json: two Fargate tasks in two different zones of the request', async () => {
    const body = await runTask(['--cli-input-json', 'file://examples/requests/fargate-api.json']);
    expect(body.failures).toEqual([]);
    expect(body.tasks.map((t) => [t.launchType, t.availabilityZone])).toEqual([
      ['FARGATE', 'us-east-1a'],
      ['FARGATE', 'us-east-1b'],
    ]);
  });
});

describe('resolution order', () => {
  it("without launch type or strategy, the cluster's default strategy (ondemand) is used", async () => {
    const body = await runTask(['--task-definition', 'worker', '--count', '6', '--seed', '3']);
    expect(countBy(body.tasks, (t) => t.capacityProviderName)).toEqual({ ondemand: 6 });
    expectOnOwnInstances(body.tasks);
  });

  it('an explicit launch type beats the default strategy: any instance, no provider name', async () => {
    const body = await runTask([
      '--task-definition',
      'worker',
      '--count',
      '10',
      '--launch-type',
      'EC2',
      '--seed',
      '3',
    ]);
    expect(body.tasks).toHaveLength(10);
    for (const task of body.tasks) expect(task.capacityProviderName).toBeUndefined();
    expect(body.tasks.some((t) => SPOT_INSTANCES.includes(t.containerInstanceArn!))).toBe(true);
  });

  it('a cluster with no default strategy falls back to the EC2 launch type', async () => {
    const body = await runTask([
      '--task-definition',
      'worker',
      '--count',
      '2',
      '--cluster',
      'batch',
    ]);
    expect(body.tasks.map((t) => [t.launchType, t.capacityProviderName])).toEqual([
      ['EC2', undefined],
      ['EC2', undefined],
    ]);
  });

  it('a launch type together with a strategy is refused with the documented message, even EC2', async () => {
    const message = await refusedRunTask([
      '--task-definition',
      'worker',
      '--launch-type',
      'EC2',
      '--capacity-provider-strategy',
      'capacityProvider=spot,weight=1',
    ]);
    expect(message).toContain(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  });

  it('Fargate and Auto Scaling group providers are not mixed', async () => {
    const message = await refusedRunTask([
      '--task-definition',
      'api',
      '--capacity-provider-strategy',
      'capacityProvider=FARGATE,weight=1',
      'capacityProvider=spot,weight=1',
      '--network-configuration',
      AWSVPC,
    ]);
    expect(message).toContain("'FARGATE'");
    expect(message).toContain("'spot'");
    expect(message).toContain('not both');
  });
});

describe('Fargate', () => {
  it('FARGATE and FARGATE_SPOT spread the group over the request zones independently', async () => {
    const body = await runTask([
      '--task-definition',
      'api',
      '--count',
      '6',
      '--capacity-provider-strategy',
      'capacityProvider=FARGATE,weight=1',
      'capacityProvider=FARGATE_SPOT,weight=1',
      '--network-configuration',
      AWSVPC,
    ]);
    expect(body.failures).toEqual([]);
    for (const provider of ['FARGATE', 'FARGATE_SPOT']) {
      const tasks = body.tasks.filter((t) => t.capacityProviderName === provider);
      expect(tasks.map((t) => t.launchType)).toEqual(['FARGATE', 'FARGATE', 'FARGATE']);
      expect(tasks.map((t) => t.availabilityZone).sort()).toEqual([
        'us-east-1a',
        'us-east-1b',
        'us-east-1c',
      ]);
      for (const task of tasks) expect(task.containerInstanceArn).toBeUndefined();
    }
  });

  it("a group's running Fargate task in one zone steers new tasks of its pool away from it", async () => {
    // The example runs one service:api task on FARGATE in us-east-1b; FARGATE_SPOT has none.
    const onFargate = await runTask([
      '--task-definition',
      'api',
      '--count',
      '2',
      '--group',
      'service:api',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      AWSVPC,
    ]);
    expect(onFargate.tasks.map((t) => t.availabilityZone)).toEqual(['us-east-1a', 'us-east-1c']);
    const onSpot = await runTask([
      '--task-definition',
      'api',
      '--count',
      '2',
      '--group',
      'service:api',
      '--capacity-provider-strategy',
      'capacityProvider=FARGATE_SPOT',
      '--network-configuration',
      AWSVPC,
    ]);
    expect(onSpot.tasks.map((t) => t.availabilityZone)).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('an invalid cpu/memory pair names the memory values valid for that cpu', async () => {
    const message = await refusedRunTask([
      '--task-definition',
      'api',
      '--launch-type',
      'FARGATE',
      '--overrides',
      '{"cpu":"256","memory":"4096"}',
      '--network-configuration',
      AWSVPC,
    ]);
    expect(message).toContain('valid memory values for cpu 256: 512, 1024, 2048');
  });

  it('placement constraints and strategies are refused; awsvpc networking is required', async () => {
    expect(
      await refusedRunTask([
        '--task-definition',
        'api',
        '--launch-type',
        'FARGATE',
        '--placement-strategy',
        'type=random',
        '--network-configuration',
        AWSVPC,
      ]),
    ).toContain('placementStrategy');
    expect(
      await refusedRunTask([
        '--task-definition',
        'api',
        '--launch-type',
        'FARGATE',
        '--placement-constraints',
        'type=memberOf,expression="attribute:stack == prod"',
        '--network-configuration',
        AWSVPC,
      ]),
    ).toContain('onstraint');
    expect(
      await refusedRunTask(['--task-definition', 'api', '--launch-type', 'FARGATE']),
    ).toContain('networkConfiguration.awsvpcConfiguration');
  });
});
