// The documented spellings of task cpu ("1024", "1 vCPU", "1 vcpu") and memory ("1024",
// "1GB", "1 GB"); expectations computed by hand at 1 vCPU = 1024 units, 1 GB = 1024 MiB.
import { describe, expect, it } from 'vitest';
import { parseCpuUnits, parseMemoryMiB } from '../../src/cluster/cpu-memory-units.js';
import * as fargateSizes from '../../src/capacity/fargate-sizes.js';

describe('parseCpuUnits', () => {
  it.each([
    [1024, 1024],
    ['1024', 1024],
    [' 512 ', 512],
    ['1 vCPU', 1024],
    ['1 vcpu', 1024],
    ['1vCPU', 1024],
    ['2 VCPU', 2048],
    ['0.25 vCPU', 256],
    ['.5 vcpu', 512],
    ['0.125 vCPU', 128],
    ['10 vCPU', 10240],
    ['16 vCPU', 16384],
    ['0', 0],
  ] as const)('%j is %i units', (value, units) => {
    expect(parseCpuUnits(value)).toBe(units);
  });

  it.each([
    ['0.3 vCPU', '307.2 units is not a whole number'],
    ['1024.5', 'a fraction of a unit'],
    [1.5, 'a fraction of a unit'],
    [-256, 'negative'],
    ['-1 vCPU', 'negative'],
    ['1 GB', 'a memory unit'],
    ['1 cpu', 'an unknown unit'],
    ['1 vCPUs', 'an unknown unit'],
    ['vCPU', 'no amount'],
    ['', 'empty'],
    ['1e3', 'exponent notation'],
    ['0x400', 'hexadecimal'],
    [Number.NaN, 'not a number'],
    [null, 'null'],
    [undefined, 'absent'],
    [true, 'a boolean'],
  ] as const)('refuses %j (%s)', (value, _why) => {
    expect(parseCpuUnits(value)).toBeUndefined();
  });
});

describe('parseMemoryMiB', () => {
  it.each([
    [2048, 2048],
    ['2048', 2048],
    ['1GB', 1024],
    ['1 GB', 1024],
    ['2 gb', 2048],
    ['0.5 GB', 512],
    ['120 GB', 122880],
    ['60GB', 61440],
  ] as const)('%j is %i MiB', (value, mib) => {
    expect(parseMemoryMiB(value)).toBe(mib);
  });

  it.each(['1 vCPU', '1 GiB', '1 MB', '1.0001 GB', '2 G', 'lots'])('refuses %j', (value) => {
    expect(parseMemoryMiB(value)).toBeUndefined();
  });
});

describe('one parser', () => {
  it('the Fargate module re-exports the same functions', () => {
    expect(fargateSizes.parseCpuUnits).toBe(parseCpuUnits);
    expect(fargateSizes.parseMemoryMiB).toBe(parseMemoryMiB);
  });
});
