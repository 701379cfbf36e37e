/**
 * Managed scaling (cluster auto scaling) of an Auto Scaling group capacity provider, read
 * from the snapshot's DescribeCapacityProviders shape (docs/capacity.md, section 6).
 */
import type { Snapshot } from '../kernel/ecs-types.js';

export interface ManagedScalingSettings {
  /** Percent of the group's instances ECS aims to keep in use (1 to 100). */
  targetCapacity: number;
  minimumScalingStepSize: number;
  maximumScalingStepSize: number;
  /** Seconds a new instance needs before the next scale-out step. */
  instanceWarmupPeriod: number;
}

/** The API's defaults for the fields a provider leaves out (ManagedScaling, ECS API reference). */
export const MANAGED_SCALING_DEFAULTS: Readonly<ManagedScalingSettings> = Object.freeze({
  targetCapacity: 100,
  minimumScalingStepSize: 1,
  maximumScalingStepSize: 10000,
  instanceWarmupPeriod: 300,
});

/** The provider's managed scaling when its status is ENABLED; undefined otherwise. */
export function managedScalingOf(
  snapshot: Snapshot,
  provider: string | undefined,
): ManagedScalingSettings | undefined {
  if (provider === undefined) return undefined;
  const described = snapshot.capacityProviders?.find((p) => p.name === provider);
  const scaling = described?.autoScalingGroupProvider?.managedScaling;
  if (scaling?.status !== 'ENABLED') return undefined;
  return {
    targetCapacity: scaling.targetCapacity ?? MANAGED_SCALING_DEFAULTS.targetCapacity,
    minimumScalingStepSize:
      scaling.minimumScalingStepSize ?? MANAGED_SCALING_DEFAULTS.minimumScalingStepSize,
    maximumScalingStepSize:
      scaling.maximumScalingStepSize ?? MANAGED_SCALING_DEFAULTS.maximumScalingStepSize,
    instanceWarmupPeriod:
      scaling.instanceWarmupPeriod ?? MANAGED_SCALING_DEFAULTS.instanceWarmupPeriod,
  };
}
