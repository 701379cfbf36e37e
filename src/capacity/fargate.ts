// The Fargate rules in one import for the facade: request checks, sizes, platform versions,
// zone spreading and the network-interface attachment.
export {
  assignFargateZones,
  type FargateZoneAssignment,
} from './assign-fargate-zones.js';
export { fargateAttachment } from './fargate-attachment.js';
export {
  FARGATE_PLATFORM_VERSIONS,
  LATEST_FARGATE_PLATFORM_VERSION,
  LATEST_WINDOWS_FARGATE_PLATFORM_VERSION,
  resolveFargatePlatformVersion,
} from './fargate-platform-version.js';
export {
  FARGATE_CAPACITY_PROVIDERS,
  type FargateCapacityProvider,
  isFargateCapacityProvider,
} from './fargate-providers.js';
export {
  CPU_ARCHITECTURES,
  checkFargateSpotSupport,
  FARGATE_WINDOWS_FAMILIES,
  type FargateRuntimePlatform,
  fargateRuntimePlatform,
  OS_FAMILIES,
} from './fargate-runtime-platform.js';
export {
  FARGATE_CPU_VALUES,
  FARGATE_MEMORY_BY_CPU,
  FARGATE_TASK_SIZES,
  type FargateTaskSize,
  fargateSizesFor,
  isFargateSize,
  parseCpuUnits,
  parseMemoryMiB,
  WINDOWS_MIN_FARGATE_CPU,
} from './fargate-sizes.js';
export { countFargateGroupTasksPerZone } from './fargate-zone-load.js';
export {
  DEFAULT_EPHEMERAL_STORAGE_GIB,
  type FargateShare,
  type FargateTaskSettings,
  validateFargateRequest,
} from './validate-fargate-request.js';
export { type FargateTaskFields, fargateTaskFields } from './fargate-task-fields.js';
export {
  type FargateSharePlan,
  type FargateShareRequest,
  planFargateShare,
} from './plan-fargate-share.js';
