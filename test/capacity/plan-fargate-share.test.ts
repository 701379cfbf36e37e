import { describe, expect, it } from 'vitest';
import { InvalidParameterException } from '../../src/kernel/errors.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import { fargateTaskFields } from '../../src/capacity/fargate-task-fields.js';
import { planFargateShare } from '../../src/capacity/plan-fargate-share.js';
import type { LaunchTarget } from '../../src/capacity/resolve-launch-targets.js';
import { settleFargateTargets } from '../../src/capacity/settle-fargate-targets.js';
import type { Task } from '../../src/kernel/ecs-types.js';
import { fargateTaskDefinition } from './fixtures.js';

const SUBNETS = { 's-a': 'eu-west-1a', 's-b': 'eu-west-1b' };
const request: RunTaskInput = {
  taskDefinition: 'web',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['s-a', 's-b'] } },
};
let serial = 0;
const running = (zone: string, capacityProviderName?: string): Task => ({
  taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${++serial}`,
  desiredStatus: 'RUNNING',
  group: 'family:web',
  availabilityZone: zone,
  launchType: 'FARGATE',
  ...(capacityProviderName === undefined ? {} : { capacityProviderName }),
});
/** A share settled as RunTask settles it, and its placements. */
const share = (launchTarget: LaunchTarget, tasks: Task[] = []) => {
  const [target] = settleFargateTargets(request, fargateTaskDefinition(), [launchTarget], SUBNETS);
  return {
    ...target!,
    placements: planFargateShare({ target: target!, group: 'family:web', tasks }),
  };
};

describe('planFargateShare', () => {
  it('spreads a FARGATE_SPOT share against FARGATE_SPOT tasks only', () => {
    const tasks = [
      running('eu-west-1a', 'FARGATE_SPOT'),
      running('eu-west-1b'),
      running('eu-west-1b'),
    ];
    const plan = share({ kind: 'FARGATE', capacityProvider: 'FARGATE_SPOT', count: 3 }, tasks);
    expect(plan.pool).toBe('FARGATE_SPOT');
    expect(plan.capacityProvider).toBe('FARGATE_SPOT');
    expect(plan.placements.map((p) => p.availabilityZone)).toEqual([
      'eu-west-1b',
      'eu-west-1a',
      'eu-west-1b',
    ]);
  });

  it('counts launch-type FARGATE tasks in the FARGATE pool', () => {
    const tasks = [running('eu-west-1a'), running('eu-west-1a', 'FARGATE_SPOT')];
    const plan = share({ kind: 'FARGATE', count: 1 }, tasks);
    expect(plan.pool).toBe('FARGATE');
    expect(plan.capacityProvider).toBeUndefined();
    expect(plan.placements).toEqual([{ subnetId: 's-b', availabilityZone: 'eu-west-1b' }]);
  });

  it('applies the Fargate request rules', () => {
    expect(() =>
      settleFargateTargets(
        { ...request, placementStrategy: [{ type: 'random' }] },
        fargateTaskDefinition(),
        [{ kind: 'FARGATE', count: 1 }],
        SUBNETS,
      ),
    ).toThrow(/placement strategies are not supported/);
  });

  it('checks the request rules once, with the first share; a later FARGATE_SPOT share adds its own', () => {
    const windows = fargateTaskDefinition({
      cpu: '1024',
      memory: '2048',
      runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' },
    });
    const shares: LaunchTarget[] = [
      { kind: 'FARGATE', capacityProvider: 'FARGATE', count: 2 },
      { kind: 'FARGATE', capacityProvider: 'FARGATE_SPOT', count: 1 },
    ];
    expect(() => settleFargateTargets(request, windows, shares, SUBNETS)).toThrow(
      /Windows containers on Fargate don't support the Fargate Spot capacity provider; .* gives 1 task\(s\) to FARGATE_SPOT/,
    );
    // An unknown subnet is met with the first share, before the FARGATE_SPOT rule.
    const unknown = {
      ...request,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['s-x'] } },
    };
    expect(() => settleFargateTargets(unknown, windows, shares, SUBNETS)).toThrow(/Subnet 's-x'/);
    const settled = settleFargateTargets(request, fargateTaskDefinition(), shares, SUBNETS);
    expect(settled.map((t) => [t.pool, t.count])).toEqual([
      ['FARGATE', 2],
      ['FARGATE_SPOT', 1],
    ]);
    expect(settled[1]!.settings).toBe(settled[0]!.settings);
  });

  it('refuses targets that are not Fargate', () => {
    expect(() => share({ kind: 'EC2', count: 1 })).toThrow(InvalidParameterException);
    expect(() => share({ kind: 'FARGATE', capacityProvider: 'asg-a', count: 1 })).toThrow(
      /'asg-a' is not a Fargate capacity provider/,
    );
  });
});

describe('fargateTaskFields', () => {
  const arn = 'arn:aws:ecs:eu-west-1:123456789012:task/prod/abc';

  it('reports a FARGATE_SPOT task with launch type FARGATE and the provider name', () => {
    const plan = share({ kind: 'FARGATE', capacityProvider: 'FARGATE_SPOT', count: 1 });
    const fields = fargateTaskFields(plan, plan.placements[0]!, arn, 'eu-west-1');
    expect(fields).toMatchObject({
      launchType: 'FARGATE',
      capacityProviderName: 'FARGATE_SPOT',
      availabilityZone: 'eu-west-1a',
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      cpu: '256',
      memory: '512',
      ephemeralStorage: { sizeInGiB: 20 },
    });
    expect(fields.attachments).toHaveLength(1);
    expect(fields.attachments[0]!.details).toContainEqual({ name: 'subnetId', value: 's-a' });
    expect(fields.attachments[0]!.details?.find((d) => d.name === 'privateDnsName')?.value).toMatch(
      /\.eu-west-1\.compute\.internal$/,
    );
  });

  it('leaves the provider name out for the FARGATE launch type', () => {
    const plan = share({ kind: 'FARGATE', count: 1 });
    expect(fargateTaskFields(plan, plan.placements[0]!, arn, 'eu-west-1')).not.toHaveProperty(
      'capacityProviderName',
    );
  });
});
