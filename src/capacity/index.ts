export {
  estimateScaleOut,
  type InstanceShape,
  type ScaleOutEstimate,
  type ScaleOutInput,
  type WaitingTask,
} from './estimate-scale-out.js';
export * from './fargate.js';
export {
  MANAGED_SCALING_DEFAULTS,
  type ManagedScalingSettings,
  managedScalingOf,
} from './managed-scaling.js';
export { PROVISIONING_TASKS_PER_CLUSTER } from './provisioning-quota.js';
export {
  LAUNCH_TYPE_AND_STRATEGY_MESSAGE,
  LAUNCH_TYPES,
  type LaunchTarget,
  resolveLaunchTargets,
} from './resolve-launch-targets.js';
export {
  type CapacityProviderShare,
  splitByCapacityProvider,
} from './split-by-capacity-provider.js';
export {
  MAX_CAPACITY_PROVIDER_BASE,
  MAX_CAPACITY_PROVIDER_WEIGHT,
  MAX_CAPACITY_PROVIDERS_PER_STRATEGY,
  type StrategyOrigin,
  validateCapacityProviderStrategy,
} from './validate-capacity-provider-strategy.js';
