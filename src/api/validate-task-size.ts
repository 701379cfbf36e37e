/**
 * Task-level `cpu` and `memory`, from the overrides or the task definition: every documented
 * spelling is read (src/cluster/cpu-memory-units.ts), anything else is refused here, and the
 * EC2 launch type's range for task cpu is enforced. Fargate's own table is checked in
 * src/capacity (validate-fargate-request.ts).
 */
import {
  CPU_FORMS,
  MEMORY_FORMS,
  parseCpuUnits,
  parseMemoryMiB,
} from '../cluster/cpu-memory-units.js';
import type { TaskDefinition, TaskOverride } from '../kernel/ecs-types.js';
import type { LaunchType } from '../kernel/run-task-types.js';
import { invalidParameter } from './validate-shape.js';

/**
 * The seed, task `cpu`: "If you use the EC2 launch type, this field is optional. Supported
 * values are between 128 CPU units (0.125 vCPUs) and 10240 CPU units (10 vCPUs)." It states
 * no range for EXTERNAL and none for memory.
 */
export const EC2_MIN_TASK_CPU = 128;
export const EC2_MAX_TASK_CPU = 10240;

export function validateTaskSize(
  overrides: TaskOverride | undefined,
  taskDefinition: TaskDefinition,
  launchType: LaunchType,
): void {
  const name = `${taskDefinition.family}:${taskDefinition.revision}`;
  for (const member of ['cpu', 'memory'] as const) {
    const parse = member === 'cpu' ? parseCpuUnits : parseMemoryMiB;
    const forms = member === 'cpu' ? CPU_FORMS : MEMORY_FORMS;
    const override = overrides?.[member];
    if (override !== undefined) {
      const amount = parse(override);
      if (amount === undefined || amount === 0) {
        throw invalidParameter(
          `overrides.${member}`,
          override,
          `the task ${member} override is a positive amount written as ${forms}`,
        );
      }
    }
    const defined = taskDefinition[member];
    if (defined !== undefined && parse(defined) === undefined) {
      throw invalidParameter(
        `taskDefinition.${member}`,
        defined,
        `task definition ${name} gives its ${member} in no form ECS accepts; it is written as ${forms}`,
      );
    }
  }
  if (launchType !== 'EC2') return;
  const fromOverride = overrides?.cpu !== undefined;
  const value = fromOverride ? overrides?.cpu : taskDefinition.cpu;
  const cpu = parseCpuUnits(value);
  if (cpu !== undefined && (cpu < EC2_MIN_TASK_CPU || cpu > EC2_MAX_TASK_CPU)) {
    throw invalidParameter(
      fromOverride ? 'overrides.cpu' : 'taskDefinition.cpu',
      value,
      `with the EC2 launch type the task cpu must be between ${EC2_MIN_TASK_CPU} CPU units ` +
        `(0.125 vCPUs) and ${EC2_MAX_TASK_CPU} CPU units (10 vCPUs)` +
        (fromOverride ? '' : ` (task definition ${name})`),
    );
  }
}
