import { InvalidParameterException } from '../api/errors.js';
import type { RunTaskInput } from '../api/run-task-types.js';
import type { TaskDefinition } from '../cluster/ecs-types.js';
import {
  LATEST_FARGATE_PLATFORM_VERSION,
  platformVersionAtLeast,
  resolveFargatePlatformVersion,
} from './fargate-platform-version.js';
import {
  FARGATE_CPU_VALUES,
  FARGATE_MEMORY_BY_CPU,
  parseCpuUnits,
  parseMemoryMiB,
} from './fargate-sizes.js';

/** What a valid Fargate request settles, for the task the facade builds. */
export interface FargateTaskSettings {
  /** Task-level CPU units after overrides, one of the Fargate sizes. */
  cpu: number;
  /** Task-level memory in MiB after overrides, valid for `cpu`. */
  memory: number;
  /** The concrete platform version (LATEST resolved). */
  platformVersion: string;
  /** Overrides first, then the task definition, else the Fargate default of 20 GiB. */
  ephemeralStorage: { sizeInGiB: number };
  /** The request's subnets, duplicates dropped, in request order. */
  subnets: string[];
}

export const DEFAULT_EPHEMERAL_STORAGE_GIB = 20;
export const MIN_EPHEMERAL_STORAGE_GIB = 21;
export const MAX_EPHEMERAL_STORAGE_GIB = 200;
/** Service quota: subnets per awsvpcConfiguration. */
export const MAX_AWSVPC_SUBNETS = 16;
/** The seed: ephemeral storage overrides need Linux platform version 1.4.0 or later. */
const EPHEMERAL_STORAGE_MIN_PLATFORM = '1.4.0';

/**
 * The rules a RunTask request must meet when its tasks go to Fargate (launch type FARGATE or
 * the FARGATE / FARGATE_SPOT capacity providers). Throws InvalidParameterException, or
 * PlatformUnknownException for an unknown platform version; returns the settled values.
 * Whether the task definition is compatible with FARGATE at all is checked by the request
 * validation in src/api (validate-launch-type.ts), not here.
 */
export function validateFargateRequest(
  input: RunTaskInput,
  taskDefinition: TaskDefinition,
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

  const platformVersion = resolveFargatePlatformVersion(input.platformVersion);
  const { cpu, memory } = fargateSize(input, taskDefinition, refuse);
  const ephemeralStorage = ephemeralStorageOf(input, taskDefinition, platformVersion, refuse);
  return { cpu, memory, platformVersion, ephemeralStorage, subnets };
}

/** Task-level cpu and memory after overrides, checked against the Fargate table. */
function fargateSize(
  input: RunTaskInput,
  taskDefinition: TaskDefinition,
  refuse: (message: string) => never,
): { cpu: number; memory: number } {
  const cpuValue = input.overrides?.cpu ?? taskDefinition.cpu;
  const memoryValue = input.overrides?.memory ?? taskDefinition.memory;
  const validCpu = FARGATE_CPU_VALUES.join(', ');
  const cpu = parseCpuUnits(cpuValue);
  if (cpuValue === undefined) {
    refuse(`Tasks on Fargate need a task-level cpu; valid cpu values: ${validCpu}.`);
  }
  const memoryChoices = cpu === undefined ? undefined : FARGATE_MEMORY_BY_CPU.get(cpu);
  if (cpu === undefined || memoryChoices === undefined) {
    return refuse(
      `No Fargate configuration exists for cpu ${JSON.stringify(cpuValue)}; valid cpu values: ${validCpu}.`,
    );
  }
  const validMemory = memoryChoices.join(', ');
  if (memoryValue === undefined) {
    refuse(
      `Tasks on Fargate need a task-level memory; valid memory values for cpu ${cpu}: ${validMemory}.`,
    );
  }
  const memory = parseMemoryMiB(memoryValue);
  if (memory === undefined || !memoryChoices.includes(memory)) {
    return refuse(
      `No Fargate configuration exists for cpu ${cpu} with memory ${JSON.stringify(memoryValue)}; ` +
        `valid memory values for cpu ${cpu}: ${validMemory}.`,
    );
  }
  return { cpu, memory };
}

function ephemeralStorageOf(
  input: RunTaskInput,
  taskDefinition: TaskDefinition,
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
    if (!platformVersionAtLeast(platformVersion, EPHEMERAL_STORAGE_MIN_PLATFORM)) {
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
