import { LAUNCH_TYPES } from '../kernel/ecs-enums.js';
import { InvalidParameterException } from '../kernel/errors.js';
import type { LaunchType, RunTaskInput } from '../kernel/run-task-types.js';
import type {
  CapacityProviderStrategyItem,
  ClusterSnapshot,
  Snapshot,
} from '../kernel/ecs-types.js';
import { isFargateCapacityProvider } from './fargate-providers.js';
import { splitByCapacityProvider } from './split-by-capacity-provider.js';
import {
  type StrategyOrigin,
  validateCapacityProviderStrategy,
} from './validate-capacity-provider-strategy.js';

/** Where a share of a RunTask call's tasks goes. */
export interface LaunchTarget {
  /**
   * EC2 places on container instances (of `capacityProvider` when set, else of the whole
   * cluster); EXTERNAL places on instances with the `ecs.capability.external` attribute;
   * FARGATE needs no instance (FARGATE_SPOT is a FARGATE target with that capacityProvider).
   */
  kind: LaunchType;
  /** Set when the share comes from a capacity-provider strategy (FARGATE_SPOT included). */
  capacityProvider?: string;
  count: number;
}

export { LAUNCH_TYPES } from '../kernel/ecs-enums.js';

export const LAUNCH_TYPE_AND_STRATEGY_MESSAGE =
  'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.';

/**
 * Decides where a RunTask call's `count` tasks go, first match wins:
 * 1. an explicit `launchType` (together with a non-empty strategy it is refused, even EC2);
 * 2. the request's `capacityProviderStrategy` (an empty list counts as not given);
 * 3. the cluster's `defaultCapacityProviderStrategy` (again, empty = none);
 * 4. the EC2 launch type.
 * A strategy is validated, then split by base and weight; providers whose share is zero are
 * left out, the others keep strategy order. Throws InvalidParameterException.
 */
export function resolveLaunchTargets(
  input: RunTaskInput,
  cluster: ClusterSnapshot,
  snapshot: Snapshot,
  count: number,
): LaunchTarget[] {
  const requested = input.capacityProviderStrategy ?? [];
  // JS and CLI callers may send null for "absent"; treat it like undefined.
  const launchType: unknown = input.launchType ?? undefined;
  if (launchType !== undefined) {
    if (!(LAUNCH_TYPES as readonly unknown[]).includes(launchType)) {
      throw new InvalidParameterException(
        `launchType ${JSON.stringify(launchType)} is not valid; accepted values: ${LAUNCH_TYPES.join(', ')}.`,
      );
    }
    if (requested.length > 0) throw new InvalidParameterException(LAUNCH_TYPE_AND_STRATEGY_MESSAGE);
    return [{ kind: launchType as LaunchType, count }];
  }
  if (requested.length > 0) return strategyTargets(requested, 'request', cluster, snapshot, count);
  const fallback = cluster.defaultCapacityProviderStrategy ?? [];
  if (fallback.length > 0) {
    return strategyTargets(fallback, 'cluster-default', cluster, snapshot, count);
  }
  return [{ kind: 'EC2', count }];
}

function strategyTargets(
  strategy: readonly CapacityProviderStrategyItem[],
  origin: StrategyOrigin,
  cluster: ClusterSnapshot,
  snapshot: Snapshot,
  count: number,
): LaunchTarget[] {
  validateCapacityProviderStrategy(strategy, cluster, snapshot, origin);
  return splitByCapacityProvider(strategy, count)
    .filter((share) => share.count > 0)
    .map((share) => ({
      kind: isFargateCapacityProvider(share.capacityProvider) ? 'FARGATE' : 'EC2',
      capacityProvider: share.capacityProvider,
      count: share.count,
    }));
}
