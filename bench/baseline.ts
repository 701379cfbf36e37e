/**
 * bench/baseline.json: the figures of one full run and the machine they came from, so that
 * `--compare` can tell a regression from a change of machine. Older baselines (a machine
 * description string and a Node version, no OS) are still read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';

export interface CaseResult {
  unit: string;
  medianNs: number;
  p99Ns: number;
  opsPerSec: number;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
}

/** The file as `--update` writes it. */
export interface BaselineFile {
  format: 2;
  machine: MachineInfo;
  date: string;
  cases: Record<string, CaseResult>;
  figures: Record<string, number>;
}

/** A baseline as read: `machine` is undefined for an older file, described by `legacy`. */
export interface Baseline {
  machine: MachineInfo | undefined;
  /** Older files: "<CPU model> x<cores>, <GiB> GiB" and the Node version. */
  legacy?: { machine: string; node: string | undefined };
  date: string;
  cases: Record<string, CaseResult>;
  figures: Record<string, number>;
}

export function thisMachine(): MachineInfo {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown CPU',
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
  };
}

/** How older baselines described the machine. */
const legacyDescription = (m: MachineInfo) => `${m.cpu} x${m.cores}, ${m.memoryGiB} GiB`;

export const describeMachine = (m: MachineInfo): string =>
  `${legacyDescription(m)}, Node ${m.node}, ${m.os}`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the entries that have the fields a comparison reads. */
function validCases(value: unknown): Record<string, CaseResult> {
  const cases: Record<string, CaseResult> = {};
  if (!isRecord(value)) return cases;
  for (const [name, entry] of Object.entries(value)) {
    if (isRecord(entry) && typeof entry['medianNs'] === 'number' && entry['medianNs'] > 0) {
      cases[name] = entry as unknown as CaseResult;
    }
  }
  return cases;
}

function validFigures(value: unknown): Record<string, number> {
  const figures: Record<string, number> = {};
  if (!isRecord(value)) return figures;
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry === 'number' && Number.isFinite(entry)) figures[name] = entry;
  }
  return figures;
}

function validMachine(value: unknown): MachineInfo | undefined {
  if (!isRecord(value)) return undefined;
  const { cpu, cores, memoryGiB, node, os } = value;
  if (
    typeof cpu === 'string' &&
    typeof cores === 'number' &&
    typeof memoryGiB === 'number' &&
    typeof node === 'string' &&
    typeof os === 'string'
  ) {
    return { cpu, cores, memoryGiB, node, os };
  }
  return undefined;
}

/** The baseline at `path`; undefined with a reason when there is none or it cannot be read. */
export function readBaseline(path: string): { baseline?: Baseline; problem?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { problem: 'no bench/baseline.json to compare with' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `bench/baseline.json is not JSON (${(error as Error).message})` };
  }
  if (!isRecord(json)) return { problem: 'bench/baseline.json is not an object' };
  const baseline: Baseline = {
    machine: validMachine(json['machine']),
    date: typeof json['date'] === 'string' ? json['date'] : 'undated',
    cases: validCases(json['cases']),
    figures: validFigures(json['figures']),
  };
  if (!baseline.machine) {
    baseline.legacy = {
      machine: typeof json['machine'] === 'string' ? json['machine'] : 'unknown machine',
      node: typeof json['node'] === 'string' ? json['node'] : undefined,
    };
  }
  return { baseline };
}

export function describeBaselineMachine(baseline: Baseline): string {
  if (baseline.machine) return describeMachine(baseline.machine);
  const { machine, node } = baseline.legacy!;
  return `${machine}${node ? `, Node ${node}` : ''} (an older baseline: OS not recorded)`;
}

/**
 * How the baseline's machine differs from this one, one line per difference; empty when
 * the figures are comparable. An older baseline is compared on what it recorded.
 */
export function machineDifferences(baseline: Baseline, now: MachineInfo): string[] {
  const differences: string[] = [];
  const differ = (what: string, before: string | number, after: string | number) => {
    if (before !== after) differences.push(`${what}: baseline ${before}, this run ${after}`);
  };
  if (baseline.machine) {
    differ('CPU', baseline.machine.cpu, now.cpu);
    differ('cores', baseline.machine.cores, now.cores);
    differ('memory (GiB)', baseline.machine.memoryGiB, now.memoryGiB);
    differ('Node', baseline.machine.node, now.node);
    differ('OS', baseline.machine.os, now.os);
  } else {
    const { machine, node } = baseline.legacy!;
    differ('machine', machine, legacyDescription(now));
    if (node !== undefined) differ('Node', node, now.node);
  }
  return differences;
}

export function writeBaseline(path: string, file: BaselineFile): void {
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
