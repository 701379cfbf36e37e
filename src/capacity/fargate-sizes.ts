/**
 * The task sizes Fargate accepts (the seed's table for the task-definition `cpu` and `memory`
 * parameters): for each CPU value, the memory values in MiB that may go with it.
 */
export const FARGATE_MEMORY_BY_CPU: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, steps(1024, 4096)],
  [1024, steps(2048, 8192)],
  [2048, steps(4096, 16384)],
  [4096, steps(8192, 30720)],
]);

export const FARGATE_CPU_VALUES: readonly number[] = [...FARGATE_MEMORY_BY_CPU.keys()];

export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_MEMORY_BY_CPU.get(cpu)?.includes(memory) ?? false;
}

/** Every value from `from` to `to` in steps of 1024 MiB (1 GB). */
function steps(from: number, to: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += 1024) values.push(v);
  return values;
}

/**
 * Reads a task-level cpu value: CPU units ("1024", 1024) or vCPUs ("1 vCPU", "0.25 vcpu"),
 * the two spellings RegisterTaskDefinition takes. Undefined when absent or unreadable.
 */
export function parseCpuUnits(value: string | number | undefined): number | undefined {
  return parseAmount(value, /^(vcpu)$/i, 1024);
}

/** Reads a task-level memory value: MiB ("2048", 2048) or GB ("2 GB", "0.5gb"). */
export function parseMemoryMiB(value: string | number | undefined): number | undefined {
  return parseAmount(value, /^(gb)$/i, 1024);
}

function parseAmount(
  value: string | number | undefined,
  bigUnit: RegExp,
  perBigUnit: number,
): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] ?? '';
  if (unit === '') return amount;
  return bigUnit.test(unit) ? amount * perBigUnit : undefined;
}
