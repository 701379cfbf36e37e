import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterException } from '../../src/kernel/errors.js';
import type { CapacityProviderStrategyItem } from '../../src/kernel/ecs-types.js';
import { validateCapacityProviderStrategy } from '../../src/capacity/validate-capacity-provider-strategy.js';
import { ASG_PROVIDERS, cluster, item, snapshot } from './fixtures.js';

const check = (strategy: CapacityProviderStrategyItem[]) =>
  validateCapacityProviderStrategy(strategy, cluster(), snapshot());

/** Runs the check and returns the InvalidParameterException message it must throw. */
function refusal(strategy: CapacityProviderStrategyItem[]): string {
  try {
    check(strategy);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((error as Error).name).toBe('InvalidParameterException');
    return (error as Error).message;
  }
  throw new Error(`strategy was accepted: ${JSON.stringify(strategy)}`);
}

describe('validateCapacityProviderStrategy: accepted', () => {
  it.each([
    ['an empty strategy', []],
    ['a lone provider with weight 0', [item('asg-a', 0)]],
    ['a lone provider without weight', [item('asg-a')]],
    ['base 100000 (the maximum)', [item('asg-a', 1, 100000)]],
    ['weight 1000 (the maximum)', [item('asg-a', 1000), item('asg-b', 1)]],
    ['6 providers (the maximum)', ASG_PROVIDERS.slice(0, 6).map((p) => item(p, 1))],
    ['explicit base 0 on several providers', [item('asg-a', 1, 0), item('asg-b', 1, 0)]],
    ['one base and a weight-0 provider', [item('asg-a', 0, 3), item('asg-b', 1)]],
    ['FARGATE with FARGATE_SPOT', [item('FARGATE', 1), item('FARGATE_SPOT', 4)]],
    ['FARGATE, not described in the snapshot', [item('FARGATE', 1)]],
    ['a provider with status UPDATING', [item('asg-updating', 1)]],
    ['a provider with updateStatus UPDATE_IN_PROGRESS', [item('asg-update-in-progress', 1)]],
  ])('%s', (_name, strategy) => {
    expect(() => check(strategy)).not.toThrow();
  });

  it('accepts a provider whose status is absent (ACTIVE by default)', () => {
    const snap = snapshot([{ name: 'asg-nostatus' }]);
    const c = cluster({ capacityProviders: ['asg-nostatus'] });
    expect(() =>
      validateCapacityProviderStrategy([item('asg-nostatus', 1)], c, snap),
    ).not.toThrow();
  });

  it('accepts every strategy built within the rules', () => {
    const names = [...ASG_PROVIDERS.slice(0, 6)];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(names, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 100000 }),
        (chosen, weights, base) => {
          const strategy = chosen.map((p, i) => item(p, weights[i], i === 0 ? base : undefined));
          if (strategy.length > 1 && strategy.every((s) => s.weight === 0)) strategy[0]!.weight = 1;
          expect(() => check(strategy)).not.toThrow();
        },
      ),
    );
  });
});

describe('validateCapacityProviderStrategy: refused', () => {
  it.each([
    ['base 100001', [item('asg-a', 1, 100001)], ["'asg-a'", 'base 100001', 'from 0 to 100000']],
    ['base -1', [item('asg-a', 1, -1)], ["'asg-a'", 'base -1']],
    ['fractional base', [item('asg-a', 1, 1.5)], ["'asg-a'", 'base 1.5', 'integer']],
    ['weight 1001', [item('asg-a', 1001)], ["'asg-a'", 'weight 1001', 'from 0 to 1000']],
    ['weight -1', [item('asg-a', -1)], ["'asg-a'", 'weight -1']],
    ['fractional weight', [item('asg-a', 0.5), item('asg-b', 1)], ["'asg-a'", 'weight 0.5']],
    [
      '7 providers',
      ASG_PROVIDERS.map((p) => item(p, 1)),
      ['7 capacity providers', 'maximum of 6', "'asg-g' is one too many"],
    ],
    [
      'a duplicate provider',
      [item('asg-a', 1), item('asg-b', 1), item('asg-a', 2)],
      ["'asg-a'", 'more than once'],
    ],
    [
      'two bases',
      [item('asg-a', 1, 2), item('asg-b', 1, 1)],
      ["'asg-a' (base 2)", "'asg-b' (base 1)", 'only one capacity provider'],
    ],
    [
      'several providers all with weight 0',
      [item('asg-a', 0), item('asg-b', 0, 4)],
      ["'asg-a'", "'asg-b'", 'weight 0', 'at least one must have a weight greater than 0'],
    ],
    [
      'several providers with weights absent',
      [item('asg-a'), item('asg-b')],
      ["'asg-a'", "'asg-b'", 'weight 0'],
    ],
    [
      'FARGATE mixed with an Auto Scaling group provider',
      [item('FARGATE', 1), item('asg-a', 1)],
      ["'FARGATE'", "'asg-a'", 'not both'],
    ],
    [
      'FARGATE_SPOT mixed with an Auto Scaling group provider, ASG first',
      [item('asg-b', 1), item('FARGATE_SPOT', 1)],
      ["'FARGATE_SPOT'", "'asg-b'", 'not both'],
    ],
    [
      'a provider not associated with the cluster',
      [item('asg-elsewhere', 1)],
      ["'asg-elsewhere'", "cluster 'prod'", 'not associated'],
    ],
    [
      'an INACTIVE provider',
      [item('asg-inactive', 1)],
      ["'asg-inactive'", 'status INACTIVE', 'ACTIVE or UPDATING'],
    ],
    [
      'a provider the snapshot does not describe',
      [item('asg-undescribed', 1)],
      ["'asg-undescribed'", 'not described'],
    ],
    ['an item without a name', [{ capacityProvider: '' }], ['item 0', 'capacityProvider']],
  ])('%s', (_name, strategy, fragments) => {
    const message = refusal(strategy);
    for (const fragment of fragments) expect(message).toContain(fragment);
    expect(message).toMatch(/^Invalid capacityProviderStrategy: /);
  });

  it('refuses FARGATE when the cluster does not list it', () => {
    const c = cluster({ capacityProviders: ['asg-a'] });
    expect(() => validateCapacityProviderStrategy([item('FARGATE', 1)], c, snapshot())).toThrow(
      /'FARGATE' is not associated with cluster 'prod' \(associated: 'asg-a'\)/,
    );
  });

  it('refuses any provider when the cluster has none associated', () => {
    const c = cluster({ capacityProviders: [] });
    expect(() => validateCapacityProviderStrategy([item('asg-a', 1)], c, snapshot())).toThrow(
      /associated: none/,
    );
  });

  it("names the cluster's default strategy when that is the one checked", () => {
    expect(() =>
      validateCapacityProviderStrategy(
        [item('asg-a', 1001)],
        cluster(),
        snapshot(),
        'cluster-default',
      ),
    ).toThrow(/^Invalid defaultCapacityProviderStrategy of cluster 'prod': .*weight 1001/);
  });

  it('refuses a status outside ACTIVE and UPDATING even when an update runs', () => {
    const snap = snapshot([
      { name: 'asg-x', status: 'INACTIVE', updateStatus: 'UPDATE_IN_PROGRESS' },
    ]);
    const c = cluster({ capacityProviders: ['asg-x'] });
    expect(() => validateCapacityProviderStrategy([item('asg-x', 1)], c, snap)).toThrow(
      /status INACTIVE/,
    );
  });
});
