import { isAssociated } from '../cluster/capacity-provider-association.js';
import { InvalidParameterException } from '../kernel/errors.js';
import type {
  CapacityProviderStrategyItem,
  ClusterSnapshot,
  Snapshot,
} from '../kernel/ecs-types.js';
import { capacityProviderState, isUsableCapacityProviderState } from './capacity-provider-state.js';
import { isFargateCapacityProvider } from './fargate-providers.js';

/** The RunTask seeds' limit ("a maximum of 6 capacity providers"; docs/capacity.md, section 3). */
export const MAX_CAPACITY_PROVIDERS_PER_STRATEGY = 6;
export const MAX_CAPACITY_PROVIDER_BASE = 100_000;
export const MAX_CAPACITY_PROVIDER_WEIGHT = 1_000;

/** Which strategy is being checked, so a message can say where the bad value came from. */
export type StrategyOrigin = 'request' | 'cluster-default';

/**
 * Checks a capacity-provider strategy against the cluster it will run on. Returns nothing;
 * the first broken rule throws InvalidParameterException naming the provider, the field and
 * value when there is one, and the rule. An empty strategy is valid (it means "none given").
 *
 * Order of the checks: size, then each item in strategy order (name, base, weight,
 * duplicate, association, status), then the rules about the strategy as a whole (one base,
 * some weight, no Fargate/Auto Scaling mix).
 */
export function validateCapacityProviderStrategy(
  strategy: readonly CapacityProviderStrategyItem[],
  cluster: ClusterSnapshot,
  snapshot: Snapshot,
  origin: StrategyOrigin = 'request',
): void {
  const refuse = (rule: string): never => {
    const where =
      origin === 'request'
        ? 'capacityProviderStrategy'
        : `defaultCapacityProviderStrategy of cluster '${cluster.clusterName}'`;
    throw new InvalidParameterException(`Invalid ${where}: ${rule}`);
  };

  if (!Array.isArray(strategy)) refuse('a capacity provider strategy must be a list.');
  if (strategy.length > MAX_CAPACITY_PROVIDERS_PER_STRATEGY) {
    const extra = strategy
      .slice(MAX_CAPACITY_PROVIDERS_PER_STRATEGY)
      .map((item) => `'${String(item?.capacityProvider)}'`);
    const tooMany = extra.length === 1 ? 'is one too many' : 'are too many';
    refuse(
      `it lists ${strategy.length} capacity providers (${extra.join(', ')} ${tooMany}); a ` +
        `capacity provider strategy may contain a maximum of ${MAX_CAPACITY_PROVIDERS_PER_STRATEGY} ` +
        'capacity providers.',
    );
  }

  const associated = cluster.capacityProviders;
  const described = new Map((snapshot.capacityProviders ?? []).map((p) => [p.name, p]));
  const seen = new Set<string>();

  strategy.forEach((item, index) => {
    const name: unknown = item?.capacityProvider;
    if (typeof name !== 'string' || name === '') {
      refuse(`item ${index} has no capacityProvider; each item must name a capacity provider.`);
      return;
    }
    checkRange(name, 'base', item.base, MAX_CAPACITY_PROVIDER_BASE, refuse);
    checkRange(name, 'weight', item.weight, MAX_CAPACITY_PROVIDER_WEIGHT, refuse);
    if (seen.has(name)) {
      refuse(
        `capacity provider '${name}' appears more than once; each provider may be listed once.`,
      );
    }
    seen.add(name);
    if (!isAssociated(name, associated)) {
      const list = (associated ?? []).map((n) => `'${n}'`).join(', ') || 'none';
      refuse(
        `capacity provider '${name}' is not associated with cluster '${cluster.clusterName}' ` +
          `(associated: ${list}); only providers associated with the cluster can be used.`,
      );
    }
    // FARGATE and FARGATE_SPOT exist in every account: association is all they need.
    if (isFargateCapacityProvider(name)) return;
    const provider = described.get(name);
    if (provider === undefined) {
      refuse(
        `capacity provider '${name}' is not described in the snapshot's capacityProviders, ` +
          'so its status cannot be checked; only ACTIVE or UPDATING providers can be used.',
      );
      return;
    }
    const state = capacityProviderState(provider);
    if (!isUsableCapacityProviderState(state)) {
      refuse(
        `capacity provider '${name}' has status ${state}; only providers with status ACTIVE or ` +
          'UPDATING can be used.',
      );
    }
  });

  const withBase = strategy.filter((item) => (item.base ?? 0) > 0);
  if (withBase.length > 1) {
    const list = withBase.map((i) => `'${i.capacityProvider}' (base ${i.base})`).join(', ');
    refuse(
      `${list} each define a base; only one capacity provider in a strategy can have a base ` +
        'greater than 0.',
    );
  }

  if (strategy.length > 1 && strategy.every((item) => (item.weight ?? 0) === 0)) {
    const list = strategy.map((i) => `'${i.capacityProvider}'`).join(', ');
    refuse(
      `${list} all have weight 0; when several capacity providers are given, at least one must ` +
        'have a weight greater than 0.',
    );
  }

  const fargate = strategy.filter((i) => isFargateCapacityProvider(i.capacityProvider));
  const autoScaling = strategy.filter((i) => !isFargateCapacityProvider(i.capacityProvider));
  if (fargate.length > 0 && autoScaling.length > 0) {
    refuse(
      `Fargate capacity provider '${fargate[0]!.capacityProvider}' and Auto Scaling group ` +
        `capacity provider '${autoScaling[0]!.capacityProvider}' are mixed; a strategy can ` +
        'contain Fargate or Auto Scaling group capacity providers, but not both.',
    );
  }
}

/** `base` and `weight` are optional integers from 0 to their maximum. */
function checkRange(
  provider: string,
  field: 'base' | 'weight',
  value: unknown,
  max: number,
  refuse: (rule: string) => never,
): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    refuse(
      `capacity provider '${provider}' has ${field} ${JSON.stringify(value)}; ${field} must be ` +
        `an integer from 0 to ${max}.`,
    );
  }
}
