// The rules that both the snapshot validator (on load) and RunTask (per call) apply, each
// defined once in src/cluster/: both sides must accept and refuse the same values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateConstraints } from '../../src/api/validate-placement-rules.js';
import { validateCapacityProviderStrategy } from '../../src/capacity/validate-capacity-provider-strategy.js';
import { SnapshotError, validateSnapshot } from '../../src/cluster/validate-snapshot.js';
import type { PlacementConstraint, Snapshot } from '../../src/kernel/ecs-types.js';
import { InvalidParameterException } from '../../src/kernel/errors.js';

const PROVIDERS = ['FARGATE', 'FARGATE_SPOT', 'asg'];

function snapshotJson(cluster: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    capacityProviders: [{ name: 'asg', status: 'ACTIVE' }],
    clusters: [{ clusterName: 'c', containerInstances: [], tasks: [], ...cluster }],
    taskDefinitions: [],
    ...extra,
  };
}

/** `undefined` when accepted, else which error class refused it. */
function outcome(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof SnapshotError || error instanceof InvalidParameterException) {
      return error.name;
    }
    throw error;
  }
}

describe('the strategy-association rule (src/cluster/capacity-provider-association.ts)', () => {
  it('a default strategy loads exactly when RunTask would accept the same strategy', () => {
    fc.assert(
      fc.property(fc.subarray(PROVIDERS), fc.constantFrom(...PROVIDERS), (associated, provider) => {
        const strategy = [{ capacityProvider: provider, weight: 1 }];
        const onLoad = outcome(() =>
          validateSnapshot(
            snapshotJson({
              capacityProviders: associated,
              defaultCapacityProviderStrategy: strategy,
            }),
          ),
        );
        const loaded = validateSnapshot(snapshotJson({ capacityProviders: associated }));
        const perCall = outcome(() =>
          validateCapacityProviderStrategy(strategy, loaded.clusters[0]!, loaded as Snapshot),
        );
        expect(onLoad === undefined).toBe(perCall === undefined);
        expect(onLoad === undefined).toBe(associated.includes(provider));
      }),
    );
  });

  it('an instance may name only an associated provider', () => {
    const instance = (provider: string) => ({
      containerInstanceArn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/c/i1',
      status: 'ACTIVE',
      agentConnected: true,
      capacityProviderName: provider,
      remainingResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 1024 },
      ],
    });
    const load = (provider: string) => () =>
      validateSnapshot(
        snapshotJson({ capacityProviders: ['asg'], containerInstances: [instance(provider)] }),
      );
    expect(load('asg')).not.toThrow();
    expect(load('FARGATE')).toThrow(/is not one of the cluster's capacityProviders \(asg\)/);
  });
});

describe('the task-definition constraint rule (src/cluster/task-definition-constraints.ts)', () => {
  it.each<[string, PlacementConstraint, boolean]>([
    ['memberOf', { type: 'memberOf', expression: 'attribute:team == web' }, true],
    ['distinctInstance', { type: 'distinctInstance' }, false],
    ['no type', { expression: 'attribute:team == web' }, false],
  ])('%s: loads exactly when RunTask accepts it', (_name, constraint, accepted) => {
    const definition = {
      family: 'web',
      revision: 1,
      containerDefinitions: [{ name: 'web' }],
      placementConstraints: [constraint],
    };
    const onLoad = outcome(() =>
      validateSnapshot(snapshotJson({}, { taskDefinitions: [definition] })),
    );
    const perCall = outcome(() => validateConstraints([], [constraint]));
    expect(onLoad === undefined).toBe(accepted);
    expect(perCall === undefined).toBe(accepted);
  });

  it('names the task definition constraint RunTask refuses', () => {
    expect(() => validateConstraints([], [{ type: 'distinctInstance' }])).toThrow(
      `Invalid taskDefinition.placementConstraints[0].type "distinctInstance": a task definition's placement constraints can only be of type memberOf.`,
    );
  });
});
