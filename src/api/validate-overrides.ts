/** `overrides`: total size, container names, sane numbers, ephemeral storage, roles. */
// The seed's range is defined once, with the Fargate rules of src/capacity.
import {
  MAX_EPHEMERAL_STORAGE_GIB,
  MIN_EPHEMERAL_STORAGE_GIB,
} from '../capacity/validate-fargate-request.js';
import type { TaskDefinition, TaskOverride } from '../kernel/ecs-types.js';
import type { LaunchType } from '../kernel/run-task-types.js';
import { invalidParameter } from './validate-shape.js';

export const MAX_OVERRIDES_CHARACTERS = 8192;

/** A GPU count is a whole number of GPUs. */
const WHOLE_NUMBER = /^[0-9]+$/;

export function validateOverrides(
  overrides: TaskOverride | undefined,
  taskDefinition: TaskDefinition,
  launchType: LaunchType,
): void {
  if (overrides === undefined) return;
  // The limit counts the JSON punctuation too; compact JSON.stringify is our measure.
  const size = JSON.stringify(overrides).length;
  if (size > MAX_OVERRIDES_CHARACTERS) {
    throw invalidParameter(
      'overrides',
      `${size} characters of JSON`,
      `overrides may total at most ${MAX_OVERRIDES_CHARACTERS} characters, JSON formatting included`,
    );
  }
  validateContainerOverrides(overrides, taskDefinition);
  // Task-level cpu and memory (their spellings and ranges): validate-task-size.ts.
  const storage = overrides.ephemeralStorage;
  if (storage !== undefined) {
    if (launchType !== 'FARGATE') {
      throw invalidParameter(
        'overrides.ephemeralStorage',
        `${storage.sizeInGiB} GiB`,
        `ephemeral storage can only be set for the FARGATE launch type, not ${launchType}`,
      );
    }
    const gib = storage.sizeInGiB;
    if (gib < MIN_EPHEMERAL_STORAGE_GIB || gib > MAX_EPHEMERAL_STORAGE_GIB) {
      throw invalidParameter(
        'overrides.ephemeralStorage.sizeInGiB',
        gib,
        `must be between ${MIN_EPHEMERAL_STORAGE_GIB} and ${MAX_EPHEMERAL_STORAGE_GIB} GiB`,
      );
    }
  }
}

function validateContainerOverrides(overrides: TaskOverride, taskDefinition: TaskDefinition): void {
  const containerNames = taskDefinition.containerDefinitions.map((c) => c.name);
  const named = new Set<string>();
  (overrides.containerOverrides ?? []).forEach((override, index) => {
    const path = `overrides.containerOverrides[${index}]`;
    const { name } = override;
    if (name === undefined) {
      throw invalidParameter(`${path}.name`, name, 'a container override must name its container');
    }
    if (!containerNames.includes(name)) {
      throw invalidParameter(
        `${path}.name`,
        name,
        `no container of that name in task definition ${taskDefinition.family}:${taskDefinition.revision} (containers: ${containerNames.join(', ')})`,
      );
    }
    if (named.has(name)) {
      throw invalidParameter(`${path}.name`, name, 'a container can be overridden only once');
    }
    named.add(name);
    for (const member of ['cpu', 'memory', 'memoryReservation'] as const) {
      const value = override[member];
      if (value !== undefined && value < 0) {
        throw invalidParameter(`${path}.${member}`, value, 'must be a non-negative integer');
      }
    }
    const { memory, memoryReservation } = override;
    if (memory !== undefined && memoryReservation !== undefined && memory < memoryReservation) {
      throw invalidParameter(
        `${path}.memory`,
        memory,
        `the hard memory limit cannot be below the memoryReservation ${memoryReservation}`,
      );
    }
    (override.resourceRequirements ?? []).forEach((requirement, r) => {
      if (requirement.type === 'GPU' && !WHOLE_NUMBER.test(requirement.value)) {
        throw invalidParameter(
          `${path}.resourceRequirements[${r}].value`,
          requirement.value,
          'a GPU requirement is a whole number of GPUs',
        );
      }
    });
  });
}

/** enableExecuteCommand needs a task role, from the task definition or an override. */
export function validateExecuteCommand(
  enabled: boolean | undefined,
  overrides: TaskOverride | undefined,
  taskDefinition: TaskDefinition,
): void {
  if (enabled !== true) return;
  if (taskDefinition.taskRoleArn || overrides?.taskRoleArn) return;
  throw invalidParameter(
    'enableExecuteCommand',
    true,
    `the task definition ${taskDefinition.family}:${taskDefinition.revision} has no taskRoleArn and overrides.taskRoleArn is ${overrides?.taskRoleArn === '' ? 'empty' : 'not given'}; execute command needs a task role`,
  );
}
