/**
 * Where a share of a RunTask call's tasks goes, once the call is prepared: a discriminated
 * union by `kind`. Instance targets (EC2, EXTERNAL) carry their capacity provider and its
 * managed scaling; Fargate targets carry the Fargate settings the request settled and the
 * zones of its subnets. `resolveLaunchTargets` decides the shares; the RunTask prepare phase
 * (src/api/prepare-run-task.ts) settles them into these.
 */
import type { InstanceLaunchType } from '../kernel/ecs-enums.js';
import type { FargateZone } from './assign-fargate-zones.js';
import type { FargateCapacityProvider } from './fargate-providers.js';
import type { ManagedScalingSettings } from './managed-scaling.js';
import type { FargateTaskSettings } from './validate-fargate-request.js';

/** A share placed on container instances. */
export interface InstanceTarget {
  readonly kind: InstanceLaunchType;
  readonly count: number;
  /** The capacity provider whose instances take the share; undefined: the launch type's instances. */
  readonly capacityProvider: string | undefined;
  /**
   * The provider's managed scaling when ENABLED: a task no instance can take waits in
   * PROVISIONING for the group to grow.
   */
  readonly managedScaling: ManagedScalingSettings | undefined;
  /** What a NO ACTIVE INSTANCES failure names: the capacity provider's ARN, else the cluster's. */
  readonly scopeArn: string;
}

/** A share placed on Fargate (launch type FARGATE, or the FARGATE / FARGATE_SPOT providers). */
export interface FargateTarget {
  readonly kind: 'FARGATE';
  readonly count: number;
  /** Set only when the share comes from a capacity-provider strategy. */
  readonly capacityProvider: FargateCapacityProvider | undefined;
  /** The Fargate pool the tasks spread in: the provider, FARGATE for the launch type. */
  readonly pool: FargateCapacityProvider;
  readonly settings: FargateTaskSettings;
  /** The zones of the request's subnets, in request order. */
  readonly zones: readonly FargateZone[];
}

export type PlacementTarget = InstanceTarget | FargateTarget;
