/**
 * The task sizes Fargate accepts: the seed's whole table for the task `cpu` parameter (RunTask
 * response, task `cpu` and `memory`), row by row. Rows marked with a Linux platform version
 * "require Linux platform 1.4.0 or later" (so Windows never gets them).
 */
export interface FargateTaskSize {
  /** CPU units. */
  cpu: number;
  /** The memory values (MiB) that may go with `cpu`, ascending. */
  memory: readonly number[];
  /** Set when the seed says the row needs that Linux platform version or later. */
  linuxPlatformAtLeast?: string;
}

export const FARGATE_TASK_SIZES: readonly FargateTaskSize[] = [
  // 256 (.25 vCPU): 512 (0.5 GB), 1024 (1 GB), 2048 (2 GB)
  { cpu: 256, memory: [512, 1024, 2048] },
  // 512 (.5 vCPU): 1 GB to 4 GB
  { cpu: 512, memory: steps(1024, 4096, 1024) },
  // 1024 (1 vCPU): 2 GB to 8 GB
  { cpu: 1024, memory: steps(2048, 8192, 1024) },
  // 2048 (2 vCPU): 4096 (4 GB) to 16384 (16 GB) in increments of 1024 (1 GB)
  { cpu: 2048, memory: steps(4096, 16384, 1024) },
  // 4096 (4 vCPU): 8192 (8 GB) to 30720 (30 GB) in increments of 1024 (1 GB)
  { cpu: 4096, memory: steps(8192, 30720, 1024) },
  // 8192 (8 vCPU): 16 GB to 60 GB in 4 GB increments, Linux platform 1.4.0 or later
  { cpu: 8192, memory: steps(16384, 61440, 4096), linuxPlatformAtLeast: '1.4.0' },
  // 16384 (16 vCPU): 32 GB to 120 GB in 8 GB increments, Linux platform 1.4.0 or later
  { cpu: 16384, memory: steps(32768, 122880, 8192), linuxPlatformAtLeast: '1.4.0' },
];

/** The seed: "The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate." */
export const WINDOWS_MIN_FARGATE_CPU = 1024;

export const FARGATE_MEMORY_BY_CPU: ReadonlyMap<number, readonly number[]> = new Map(
  FARGATE_TASK_SIZES.map((size) => [size.cpu, size.memory]),
);

export const FARGATE_CPU_VALUES: readonly number[] = FARGATE_TASK_SIZES.map((size) => size.cpu);

/** The rows a task of this operating-system kind may use at all (platform versions aside). */
export function fargateSizesFor(os: 'LINUX' | 'WINDOWS'): readonly FargateTaskSize[] {
  if (os === 'LINUX') return FARGATE_TASK_SIZES;
  return FARGATE_TASK_SIZES.filter(
    (size) => size.cpu >= WINDOWS_MIN_FARGATE_CPU && size.linuxPlatformAtLeast === undefined,
  );
}

/** True when cpu/memory form a row of the table (any platform, any operating system). */
export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_MEMORY_BY_CPU.get(cpu)?.includes(memory) ?? false;
}

/** Every value from `from` to `to` (inclusive) in steps of `step` MiB. */
function steps(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

// The one parser of task cpu/memory values lives with the cluster data; these names stay
// importable from here too.
export { parseCpuUnits, parseMemoryMiB } from '../cluster/cpu-memory-units.js';
