/**
 * The operating system and CPU architecture of a task on Fargate, from the task definition's
 * `runtimePlatform`, and the rules that depend on them (docs/capacity.md section 4 cites the
 * sources): the Windows families Fargate runs, ARM64 for Linux only, and what the Fargate
 * Spot capacity provider supports.
 */
import {
  InvalidParameterException,
  PlatformTaskDefinitionIncompatibilityException,
} from '../kernel/errors.js';
import type { OSFamily, TaskDefinition } from '../kernel/ecs-types.js';
import { platformVersionAtLeast } from './fargate-platform-version.js';

/** RuntimePlatform.operatingSystemFamily: every value of the ECS API. */
export const OS_FAMILIES: readonly OSFamily[] = [
  'LINUX',
  'WINDOWS_SERVER_2019_FULL',
  'WINDOWS_SERVER_2019_CORE',
  'WINDOWS_SERVER_2016_FULL',
  'WINDOWS_SERVER_2004_CORE',
  'WINDOWS_SERVER_2022_CORE',
  'WINDOWS_SERVER_2022_FULL',
  'WINDOWS_SERVER_2025_CORE',
  'WINDOWS_SERVER_2025_FULL',
  'WINDOWS_SERVER_20H2_CORE',
];

/** The Windows editions of Fargate Windows platform version 1.0.0 (its change log). */
export const FARGATE_WINDOWS_FAMILIES: readonly OSFamily[] = [
  'WINDOWS_SERVER_2019_FULL',
  'WINDOWS_SERVER_2019_CORE',
  'WINDOWS_SERVER_2022_FULL',
  'WINDOWS_SERVER_2022_CORE',
];

export const CPU_ARCHITECTURES = ['X86_64', 'ARM64'] as const;

/** FARGATE_SPOT runs ARM64 Linux tasks from this platform version (CapacityProviderStrategyItem). */
const SPOT_ARM64_MIN_PLATFORM = '1.4.0';

export interface FargateRuntimePlatform {
  os: 'LINUX' | 'WINDOWS';
  /** LINUX when the task definition names none. */
  operatingSystemFamily: OSFamily;
  /** X86_64 when the task definition names none. */
  cpuArchitecture: (typeof CPU_ARCHITECTURES)[number];
  /** The task's `platformFamily` as DescribeTasks shows it: "Linux", or the Windows family. */
  platformFamily: string;
}

/** Reads and checks `runtimePlatform` for a task on Fargate. */
export function fargateRuntimePlatform(taskDefinition: TaskDefinition): FargateRuntimePlatform {
  const name = `${taskDefinition.family}:${taskDefinition.revision}`;
  // Snapshot data: read defensively, the types promise nothing here.
  const platform: unknown = taskDefinition.runtimePlatform;
  const given = (member: string): unknown =>
    typeof platform === 'object' && platform !== null
      ? (platform as Record<string, unknown>)[member]
      : undefined;
  const family = given('operatingSystemFamily') ?? 'LINUX';
  const architecture = given('cpuArchitecture') ?? 'X86_64';
  if (!OS_FAMILIES.includes(family as OSFamily)) {
    throw new InvalidParameterException(
      `Task definition '${name}' has runtimePlatform.operatingSystemFamily ${JSON.stringify(family)}; ` +
        `valid values: ${OS_FAMILIES.join(', ')}.`,
    );
  }
  if (!(CPU_ARCHITECTURES as readonly unknown[]).includes(architecture)) {
    throw new InvalidParameterException(
      `Task definition '${name}' has runtimePlatform.cpuArchitecture ${JSON.stringify(architecture)}; ` +
        `valid values: ${CPU_ARCHITECTURES.join(', ')}.`,
    );
  }
  const operatingSystemFamily = family as OSFamily;
  const cpuArchitecture = architecture as FargateRuntimePlatform['cpuArchitecture'];
  if (operatingSystemFamily === 'LINUX') {
    return { os: 'LINUX', operatingSystemFamily, cpuArchitecture, platformFamily: 'Linux' };
  }
  if (!FARGATE_WINDOWS_FAMILIES.includes(operatingSystemFamily)) {
    throw new PlatformTaskDefinitionIncompatibilityException(
      `Task definition '${name}' runs ${operatingSystemFamily}, which Fargate does not offer; ` +
        `Windows containers on Fargate run ${FARGATE_WINDOWS_FAMILIES.join(', ')}.`,
    );
  }
  if (cpuArchitecture !== 'X86_64') {
    throw new PlatformTaskDefinitionIncompatibilityException(
      `Task definition '${name}' runs ${operatingSystemFamily} on ${cpuArchitecture}; ` +
        'the ARM64 architecture is available for Linux tasks only, Windows tasks use X86_64.',
    );
  }
  return {
    os: 'WINDOWS',
    operatingSystemFamily,
    cpuArchitecture,
    platformFamily: operatingSystemFamily,
  };
}

/**
 * What the FARGATE_SPOT capacity provider supports: Linux X86_64 tasks (platform 1.3.0 or
 * later, which every modelled Linux version is), Linux ARM64 tasks on 1.4.0 or later, and no
 * Windows tasks. `tasks` is the share FARGATE_SPOT receives, for the message.
 */
export function checkFargateSpotSupport(
  platform: FargateRuntimePlatform,
  platformVersion: string,
  tasks: number,
): void {
  const share = `the capacity provider strategy gives ${tasks} task(s) to FARGATE_SPOT`;
  if (platform.os === 'WINDOWS') {
    throw new InvalidParameterException(
      `Windows containers on Fargate don't support the Fargate Spot capacity provider; the task ` +
        `definition runs ${platform.operatingSystemFamily} and ${share}.`,
    );
  }
  if (
    platform.cpuArchitecture === 'ARM64' &&
    !platformVersionAtLeast(platformVersion, SPOT_ARM64_MIN_PLATFORM)
  ) {
    throw new InvalidParameterException(
      `FARGATE_SPOT supports Linux tasks with the ARM64 architecture on platform version ` +
        `${SPOT_ARM64_MIN_PLATFORM} or later; the request uses ${platformVersion} and ${share}.`,
    );
  }
}
