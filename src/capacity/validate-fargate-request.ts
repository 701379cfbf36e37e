import { InvalidParameterException } from '../kernel/errors.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import { CPU_FORMS, MEMORY_FORMS } from '../cluster/cpu-memory-units.js';
import type { OSFamily, TaskDefinition } from '../kernel/ecs-types.js';
import {
  LATEST_FARGATE_PLATFORM_VERSION,
  platformVersionAtLeast,
  resolveFargatePlatformVersion,
} from './fargate-platform-version.js';
import {
  checkFargateSpotSupport,
  type FargateRuntimePlatform,
  fargateRuntimePlatform,
} from './fargate-runtime-platform.js';
import {
  type FargateTaskSize,
  fargateSizesFor,
  parseCpuUnits,
  parseMemoryMiB,
  WINDOWS_MIN_FARGATE_CPU,
} from './fargate-sizes.js';

/** What a valid Fargate request settles, for the task the facade builds. */
export interface FargateTaskSettings {
  /** Task-level CPU units after overrides, one of the Fargate sizes. */
  cpu: number;
  /** Task-level memory in MiB after overrides, valid for `cpu`. */
  memory: number;
  /** The concrete platform version (LATEST resolved for the task's operating system). */
  platformVersion: string;
  /** The task's `platformFamily`: "Linux", or the Windows family the task definition names. */
  platformFamily: string;
  /** From the task definition's runtimePlatform (LINUX / X86_64 when it names none). */
  operatingSystemFamily: OSFamily;
  cpuArchitecture: 'X86_64' | 'ARM64';
  /** Overrides first, then the task definition, else the Fargate default of 20 GiB. */
  ephemeralStorage: { sizeInGiB: number };
  /** The request's subnets, duplicates dropped, in request order. */
  subnets: string[];
}

/** The share being checked, when it comes from a capacity-provider strategy. */
export interface FargateShare {
  capacityProvider?: string | undefined;
  count: number;
}

export const DEFAULT_EPHEMERAL_STORAGE_GIB = 20;
export const MIN_EPHEMERAL_STORAGE_GIB = 21;
export const MAX_EPHEMERAL_STORAGE_GIB = 200;
/** Service quota: subnets per awsvpcConfiguration. */
export const MAX_AWSVPC_SUBNETS = 16;
/**
 * The seed: ephemeral storage overrides need "Linux platform version 1.4.0 or later" or
 * "Windows platform version 1.0.0 or later".
 */
const EPHEMERAL_STORAGE_MIN_PLATFORM = '1.4.0';

/**
 * The rules a RunTask request must meet when its tasks go to Fargate (launch type FARGATE or
 * the FARGATE / FARGATE_SPOT capacity providers). Throws InvalidParameterException, or
 * PlatformUnknownException for an unknown platform version and
 * PlatformTaskDefinitionIncompatibilityException for an operating system or platform version
 * Fargate cannot give this task definition; returns the settled values. `share` names the
 * capacity provider (FARGATE_SPOT has rules of its own).
 * Whether the task definition is compatible with FARGATE at all is checked by the request
 * validation in src/api (validate-launch-type.ts), not here.
 */
export function validateFargateRequest(
  input: RunTaskInput,
  taskDefinition: TaskDefinition,
  share?: FargateShare,
): FargateTaskSettings {
  const refuse = (message: string): never => {
    throw new InvalidParameterException(message);
  };
  const definitionName = `${taskDefinition.family}:${taskDefinition.revision}`;

  if ((input.placementConstraints ?? []).length > 0) {
    refuse(
      'Task placement constraints are not supported for tasks on Fargate; remove placementConstraints from the request.',
    );
  }
  if ((taskDefinition.placementConstraints ?? []).length > 0) {
    refuse(
      `Task placement constraints are not supported for tasks on Fargate; task definition ` +
        `'${definitionName}' has placementConstraints.`,
    );
  }
  if ((input.placementStrategy ?? []).length > 0) {
    refuse(
      'Task placement strategies are not supported for tasks on Fargate; remove placementStrategy from the request.',
    );
  }
  const networkMode = taskDefinition.networkMode ?? 'bridge';
  if (networkMode !== 'awsvpc') {
    refuse(
      `Tasks on Fargate require the awsvpc network mode; task definition '${definitionName}' ` +
        `uses ${networkMode}.`,
    );
  }
  const subnets = [...new Set(input.networkConfiguration?.awsvpcConfiguration?.subnets ?? [])];
  if (subnets.length === 0) {
    refuse(
      'Tasks on Fargate require networkConfiguration.awsvpcConfiguration with at least one subnet.',
    );
  }
  if (subnets.length > MAX_AWSVPC_SUBNETS) {
    refuse(
      `networkConfiguration.awsvpcConfiguration lists ${subnets.length} subnets; at most ` +
        `${MAX_AWSVPC_SUBNETS} are allowed.`,
    );
  }

  const platform = fargateRuntimePlatform(taskDefinition);
  const platformVersion = resolveFargatePlatformVersion(input.platformVersion, platform.os);
  const { cpu, memory } = fargateSize(input, taskDefinition, platform, platformVersion, refuse);
  if (share?.capacityProvider === 'FARGATE_SPOT') {
    checkFargateSpotSupport(platform, platformVersion, share.count);
  }
  const ephemeralStorage = ephemeralStorageOf(
    input,
    taskDefinition,
    platform,
    platformVersion,
    refuse,
  );
  return {
    cpu,
    memory,
    platformVersion,
    platformFamily: platform.platformFamily,
    operatingSystemFamily: platform.operatingSystemFamily,
    cpuArchitecture: platform.cpuArchitecture,
    ephemeralStorage,
    subnets,
  };
}

/**
 * Task-level cpu and memory after overrides, checked against the Fargate table for the task's
 * operating system and platform version.
 */
function fargateSize(
  input: RunTaskInput,
  taskDefinition: TaskDefinition,
  platform: FargateRuntimePlatform,
  platformVersion: string,
  refuse: (message: string) => never,
): { cpu: number; memory: number } {
  const cpuValue = input.overrides?.cpu ?? taskDefinition.cpu;
  const memoryValue = input.overrides?.memory ?? taskDefinition.memory;
  const windows = platform.os === 'WINDOWS';
  const sizes = fargateSizesFor(platform.os);
  const validCpu = `valid cpu values${windows ? ' for Windows containers' : ''}: ${sizes.map((s) => s.cpu).join(', ')}.`;
  if (cpuValue === undefined) refuse(`Tasks on Fargate need a task-level cpu; ${validCpu}`);
  const cpu = parseCpuUnits(cpuValue);
  if (cpu === undefined) {
    return refuse(
      `No Fargate configuration exists for cpu ${JSON.stringify(cpuValue)}: cpu is written as ` +
        `${CPU_FORMS}; ${validCpu}`,
    );
  }
  if (windows && cpu < WINDOWS_MIN_FARGATE_CPU) {
    refuse(
      `The CPU units cannot be less than 1 vCPU (${WINDOWS_MIN_FARGATE_CPU}) when you use Windows ` +
        `containers on Fargate; the task asks for cpu ${JSON.stringify(cpuValue)}; ${validCpu}`,
    );
  }
  const row: FargateTaskSize | undefined = sizes.find((s) => s.cpu === cpu);
  if (row === undefined) {
    const linuxOnly = windows ? fargateSizesFor('LINUX').find((s) => s.cpu === cpu) : undefined;
    if (linuxOnly?.linuxPlatformAtLeast !== undefined) {
      refuse(
        `Fargate cpu ${cpu} requires Linux platform ${linuxOnly.linuxPlatformAtLeast} or later; ` +
          `the task definition runs ${platform.operatingSystemFamily}; ${validCpu}`,
      );
    }
    return refuse(
      `No Fargate configuration exists for cpu ${JSON.stringify(cpuValue)}; ${validCpu}`,
    );
  }
  if (
    row.linuxPlatformAtLeast !== undefined &&
    !platformVersionAtLeast(platformVersion, row.linuxPlatformAtLeast)
  ) {
    refuse(
      `Fargate cpu ${cpu} requires Linux platform ${row.linuxPlatformAtLeast} or later ` +
        `(${LATEST_FARGATE_PLATFORM_VERSION} is LATEST); the request uses ${platformVersion}.`,
    );
  }
  const validMemory = `valid memory values for cpu ${cpu}: ${row.memory.join(', ')}.`;
  if (memoryValue === undefined)
    refuse(`Tasks on Fargate need a task-level memory; ${validMemory}`);
  const memory = parseMemoryMiB(memoryValue);
  if (memory === undefined || !row.memory.includes(memory)) {
    const forms = memory === undefined ? ` (memory is written as ${MEMORY_FORMS})` : '';
    return refuse(
      `No Fargate configuration exists for cpu ${cpu} with memory ${JSON.stringify(memoryValue)}` +
        `${forms}; ${validMemory}`,
    );
  }
  return { cpu, memory };
}

function ephemeralStorageOf(
  input: RunTaskInput,
  taskDefinition: TaskDefinition,
  platform: FargateRuntimePlatform,
  platformVersion: string,
  refuse: (message: string) => never,
): { sizeInGiB: number } {
  const override = input.overrides?.ephemeralStorage;
  if (override !== undefined) {
    const size: unknown = override?.sizeInGiB;
    if (
      typeof size !== 'number' ||
      !Number.isInteger(size) ||
      size < MIN_EPHEMERAL_STORAGE_GIB ||
      size > MAX_EPHEMERAL_STORAGE_GIB
    ) {
      refuse(
        `overrides.ephemeralStorage.sizeInGiB ${JSON.stringify(size)} is not valid; it must be an ` +
          `integer from ${MIN_EPHEMERAL_STORAGE_GIB} to ${MAX_EPHEMERAL_STORAGE_GIB}.`,
      );
    }
    // Windows platform 1.0.0 or later qualifies, which every Windows version does.
    if (
      platform.os === 'LINUX' &&
      !platformVersionAtLeast(platformVersion, EPHEMERAL_STORAGE_MIN_PLATFORM)
    ) {
      refuse(
        `overrides.ephemeralStorage needs platform version ${EPHEMERAL_STORAGE_MIN_PLATFORM} or ` +
          `later (${LATEST_FARGATE_PLATFORM_VERSION} is LATEST); the request uses ${platformVersion}.`,
      );
    }
    return { sizeInGiB: size as number };
  }
  // TaskDefinition (as DescribeTaskDefinition returns it) may carry ephemeralStorage; our
  // shared type does not declare it, so read it defensively.
  const fromDefinition: unknown = (taskDefinition as { ephemeralStorage?: { sizeInGiB?: unknown } })
    .ephemeralStorage?.sizeInGiB;
  if (typeof fromDefinition === 'number' && Number.isInteger(fromDefinition)) {
    return { sizeInGiB: fromDefinition };
  }
  return { sizeInGiB: DEFAULT_EPHEMERAL_STORAGE_GIB };
}
