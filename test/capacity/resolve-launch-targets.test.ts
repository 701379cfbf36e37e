import { describe, expect, it } from 'vitest';
import { InvalidParameterException } from '../../src/kernel/errors.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import {
  LAUNCH_TYPE_AND_STRATEGY_MESSAGE,
  resolveLaunchTargets,
} from '../../src/capacity/resolve-launch-targets.js';
import type { ClusterSnapshot } from '../../src/kernel/ecs-types.js';
import { cluster, item, snapshot } from './fixtures.js';

const request = (extra: Partial<RunTaskInput> = {}): RunTaskInput => ({
  taskDefinition: 'web',
  ...extra,
});
const resolve = (input: RunTaskInput, c: ClusterSnapshot = cluster(), count = 5) =>
  resolveLaunchTargets(input, c, snapshot(), count);

describe('resolveLaunchTargets: resolution order', () => {
  it.each(['EC2', 'FARGATE', 'EXTERNAL'] as const)('an explicit launch type %s wins', (type) => {
    const c = cluster({ defaultCapacityProviderStrategy: [item('asg-a', 1)] });
    expect(resolve(request({ launchType: type }), c)).toEqual([{ kind: type, count: 5 }]);
  });

  it('a launch type with an empty strategy is just the launch type', () => {
    expect(resolve(request({ launchType: 'FARGATE', capacityProviderStrategy: [] }))).toEqual([
      { kind: 'FARGATE', count: 5 },
    ]);
  });

  it.each(['EC2', 'FARGATE', 'EXTERNAL'] as const)(
    'launch type %s together with a strategy is refused with the ECS message',
    (type) => {
      const input = request({ launchType: type, capacityProviderStrategy: [item('asg-a', 1)] });
      expect(() => resolve(input)).toThrow(InvalidParameterException);
      expect(() => resolve(input)).toThrow(
        'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
      );
      expect(LAUNCH_TYPE_AND_STRATEGY_MESSAGE).toBe(
        'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
      );
    },
  );

  it.each(['FARGATE_SPOT', 'MANAGED_INSTANCES', 'ec2', ''])(
    'refuses the launch type %j naming the accepted values',
    (type) => {
      const input = { ...request(), launchType: type } as unknown as RunTaskInput;
      expect(() => resolve(input)).toThrow(InvalidParameterException);
      expect(() => resolve(input)).toThrow(/accepted values: EC2, FARGATE, EXTERNAL/);
    },
  );

  it('treats a null launch type as absent', () => {
    const input = { ...request(), launchType: null } as unknown as RunTaskInput;
    expect(resolve(input)).toEqual([{ kind: 'EC2', count: 5 }]);
  });

  it("the request's strategy beats the cluster default", () => {
    const c = cluster({ defaultCapacityProviderStrategy: [item('asg-a', 1)] });
    expect(resolve(request({ capacityProviderStrategy: [item('asg-b', 1)] }), c)).toEqual([
      { kind: 'EC2', capacityProvider: 'asg-b', count: 5 },
    ]);
  });

  it("an empty request strategy falls back to the cluster's default strategy", () => {
    const c = cluster({ defaultCapacityProviderStrategy: [item('asg-a', 1), item('asg-b', 4)] });
    expect(resolve(request({ capacityProviderStrategy: [] }), c)).toEqual([
      { kind: 'EC2', capacityProvider: 'asg-a', count: 1 },
      { kind: 'EC2', capacityProvider: 'asg-b', count: 4 },
    ]);
  });

  it('no default strategy means the EC2 launch type', () => {
    expect(resolve(request())).toEqual([{ kind: 'EC2', count: 5 }]);
  });

  it('an empty default strategy also means the EC2 launch type', () => {
    const c = cluster({ defaultCapacityProviderStrategy: [] });
    expect(resolve(request(), c)).toEqual([{ kind: 'EC2', count: 5 }]);
  });

  it('validates the default strategy and says it was the default', () => {
    const c = cluster({ defaultCapacityProviderStrategy: [item('asg-inactive', 1)] });
    expect(() => resolve(request(), c)).toThrow(
      /defaultCapacityProviderStrategy of cluster 'prod'.*'asg-inactive'.*INACTIVE/,
    );
  });

  it('validates the request strategy', () => {
    const input = request({ capacityProviderStrategy: [item('FARGATE', 1), item('asg-a', 1)] });
    expect(() => resolve(input)).toThrow(/^Invalid capacityProviderStrategy: .*not both/);
  });
});

describe('resolveLaunchTargets: strategy targets', () => {
  it('FARGATE and FARGATE_SPOT shares are FARGATE targets naming their provider', () => {
    const input = request({
      capacityProviderStrategy: [item('FARGATE', 1, 1), item('FARGATE_SPOT', 3)],
    });
    expect(resolve(input, cluster(), 5)).toEqual([
      { kind: 'FARGATE', capacityProvider: 'FARGATE', count: 2 },
      { kind: 'FARGATE', capacityProvider: 'FARGATE_SPOT', count: 3 },
    ]);
  });

  it('Auto Scaling group shares are EC2 targets naming their provider', () => {
    const input = request({ capacityProviderStrategy: [item('asg-a', 1, 2), item('asg-b', 1)] });
    expect(resolve(input, cluster(), 5)).toEqual([
      { kind: 'EC2', capacityProvider: 'asg-a', count: 4 },
      { kind: 'EC2', capacityProvider: 'asg-b', count: 1 },
    ]);
  });

  it('leaves out providers whose share is zero', () => {
    const input = request({
      capacityProviderStrategy: [item('asg-a', 0, 2), item('asg-b', 1), item('asg-c', 1)],
    });
    expect(resolve(input, cluster(), 2)).toEqual([
      { kind: 'EC2', capacityProvider: 'asg-a', count: 2 },
    ]);
  });

  it('a lone weight-0 provider takes every task', () => {
    const input = request({ capacityProviderStrategy: [item('FARGATE_SPOT', 0)] });
    expect(resolve(input, cluster(), 3)).toEqual([
      { kind: 'FARGATE', capacityProvider: 'FARGATE_SPOT', count: 3 },
    ]);
  });
});
