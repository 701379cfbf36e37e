import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  type BaselineFile,
  type MachineInfo,
  machineDifferences,
  readBaseline,
  writeBaseline,
} from '../../bench/baseline.js';
import { percentile } from '../../bench/stats.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const xeon: MachineInfo = {
  cpu: 'Intel(R) Xeon(R) Processor',
  cores: 2,
  memoryGiB: 24,
  node: 'v20.20.2',
  os: 'linux 6.1.0 x64',
};
const caseResult = { unit: 'RunTask', medianNs: 338_551, p99Ns: 484_074, opsPerSec: 2953.8 };

describe('bench/baseline.json', () => {
  test('a baseline written by --update reads back with its machine', () => {
    const written: BaselineFile = {
      format: 2,
      machine: xeon,
      date: '2026-11-30T00:00:00.000Z',
      cases: { 'runTask.reference.5k': caseResult },
      figures: { 'heap.50k.mb': 238.4 },
    };
    const path = join(dir, 'new.json');
    writeBaseline(path, written);
    const { baseline } = readBaseline(path);
    expect(baseline?.machine).toEqual(xeon);
    expect(baseline?.cases['runTask.reference.5k']?.medianNs).toBe(338_551);
    expect(baseline?.figures['heap.50k.mb']).toBe(238.4);
    expect(machineDifferences(baseline!, xeon)).toEqual([]);
    expect(machineDifferences(baseline!, { ...xeon, cpu: 'AMD EPYC', node: 'v22.1.0' })).toEqual([
      'CPU: baseline Intel(R) Xeon(R) Processor, this run AMD EPYC',
      'Node: baseline v20.20.2, this run v22.1.0',
    ]);
  });

  test('an older baseline (machine string, node, no OS) is read and compared on what it recorded', () => {
    const path = file(
      'old.json',
      JSON.stringify({
        machine: 'Intel(R) Xeon(R) Processor x2, 24 GiB',
        node: 'v20.20.2',
        date: '2026-11-25T09:30:09.020Z',
        cases: { 'runTask.reference.5k': caseResult },
        figures: { 'heap.50k.mb': 238.4 },
      }),
    );
    const { baseline } = readBaseline(path);
    expect(baseline?.machine).toBeUndefined();
    expect(baseline?.cases['runTask.reference.5k']?.medianNs).toBe(338_551);
    // Same CPU, cores, memory and Node: comparable, whatever the OS.
    expect(machineDifferences(baseline!, { ...xeon, os: 'anything' })).toEqual([]);
    expect(machineDifferences(baseline!, { ...xeon, cpu: 'AMD EPYC' })).toEqual([
      'machine: baseline Intel(R) Xeon(R) Processor x2, 24 GiB, this run AMD EPYC x2, 24 GiB',
    ]);
  });

  test('a missing, unparsable or malformed baseline gives a reason or drops the bad entries', () => {
    expect(readBaseline(join(dir, 'absent.json')).problem).toMatch(/no bench\/baseline.json/);
    expect(readBaseline(file('bad.json', '{"cases":')).problem).toMatch(/not JSON/);
    expect(readBaseline(file('list.json', '[]')).problem).toMatch(/not an object/);
    const { baseline } = readBaseline(
      file(
        'odd.json',
        JSON.stringify({
          machine: 42,
          cases: {
            good: caseResult,
            noMedian: { unit: 'x' },
            zero: { ...caseResult, medianNs: 0 },
          },
          figures: { ok: 1.5, text: 'fast' },
        }),
      ),
    );
    expect(Object.keys(baseline!.cases)).toEqual(['good']);
    expect(baseline!.figures).toEqual({ ok: 1.5 });
    expect(machineDifferences(baseline!, xeon)).toEqual([
      'machine: baseline unknown machine, this run Intel(R) Xeon(R) Processor x2, 24 GiB',
    ]);
  });
});

describe('bench statistics', () => {
  test('percentile is the nearest rank', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 99)).toBe(5);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });
});
