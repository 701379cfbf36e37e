/**
 * Task-level `cpu` and `memory` in every form the ECS API documents for them (RunTask's task
 * `cpu`/`memory`, RegisterTaskDefinition): cpu "can be expressed as an integer using CPU units
 * (for example, 1024)" or "as a string using vCPUs (for example, 1 vCPU or 1 vcpu)"; memory
 * "as an integer using MiB (for example, 1024)" or "as a string using GB (for example, 1GB or
 * 1 GB)". 1 vCPU is 1024 CPU units and 1 GB is 1024 MiB, the conversion the task-size tables
 * use ("1024 (1 vCPU)", "2048 (2 GB)"). The one parser of these values: task definitions,
 * overrides, the Fargate table and the snapshot checks all read them here.
 */

/** The spellings accepted, for error messages. */
export const CPU_FORMS = 'CPU units ("1024") or vCPUs ("1 vCPU", "0.25 vcpu")';
export const MEMORY_FORMS = 'MiB ("2048") or GB ("2GB", "0.5 GB")';

/**
 * CPU units from `1024`, `"1024"`, `"1 vCPU"`, `"1vcpu"`, `"0.25 vCPU"` (unit in any letter
 * case, space optional). Undefined when absent, unreadable, negative or not a whole number
 * of units (`"0.3 vCPU"` would be 307.2 units).
 */
export function parseCpuUnits(value: unknown): number | undefined {
  return parseAmount(value, 'vcpu');
}

/** MiB from `2048`, `"2048"`, `"2GB"`, `"2 GB"`, `"0.5 gb"`; the same rules as parseCpuUnits. */
export function parseMemoryMiB(value: unknown): number | undefined {
  return parseAmount(value, 'gb');
}

/** A plain number, or a decimal followed by `unit`: the unit is worth 1024 plain units. */
const AMOUNT = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)\s*$/;

function parseAmount(value: unknown, unit: 'vcpu' | 'gb'): number | undefined {
  if (typeof value === 'number') return wholeAmount(value);
  if (typeof value !== 'string') return undefined;
  const match = AMOUNT.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const written = (match[2] ?? '').toLowerCase();
  if (written === '') return Number.isInteger(amount) ? amount : undefined;
  if (written !== unit) return undefined;
  return wholeAmount(amount * 1024);
}

function wholeAmount(value: number): number | undefined {
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
