/**
 * The benchmark runner: times every case with tinybench (after warm-up, fast operations
 * batched), prints median and p99 per operation against DESIGN.md's targets, and keeps
 * bench/baseline.json. Flags: --compare (change per case vs the baseline, regressions over
 * 10% flagged), --update (write the baseline), --filter TEXT, --quick (short budgets).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import type { BenchCase } from './bench-case.js';
import { cqlCases } from './cql-cases.js';
import { placementCases } from './placement-cases.js';
import { heapTargetMb, speedups, targetsNs } from './targets.js';

interface CaseResult {
  unit: string;
  medianNs: number;
  p99Ns: number;
  opsPerSec: number;
}
interface Baseline {
  machine: string;
  node: string;
  date: string;
  cases: Record<string, CaseResult>;
  figures: Record<string, number>;
}

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const baselinePath = join(repoRoot, 'bench', 'baseline.json');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
const quick = flag('--quick');

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} us`;
  return `${ns.toFixed(1)} ns`;
}

async function timeCase(c: BenchCase): Promise<CaseResult> {
  c.beforeAll?.();
  const time = quick ? Math.min(300, c.timeMs ?? 1000) : (c.timeMs ?? 1000);
  const bench = new Bench({
    time,
    warmupTime: Math.ceil(time / 5),
    iterations: 3,
    warmupIterations: 1,
  });
  bench.add(c.name, c.fn);
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (!result || !('latency' in result)) {
    const error = result && 'error' in result ? String(result.error) : 'no result';
    throw new Error(`benchmark ${c.name} failed: ${error}`);
  }
  const perOp = 1e6 / c.opsPerCall; // ms per call -> ns per operation
  const medianNs = result.latency.p50 * perOp;
  return {
    unit: c.unit,
    medianNs,
    p99Ns: result.latency.p99 * perOp,
    opsPerSec: 1e9 / medianNs,
  };
}

/** Heap and load time of a 50,000-instance snapshot, measured in a fresh process. */
function measureHeap(): Record<string, number> {
  const script = join(here, 'heap.js');
  const r = spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`heap measurement failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

/** Instances vs time per RunTask (count 10) vs tasks/s vs heap, as the README shows it. */
function printScalingTable(
  results: Record<string, CaseResult>,
  figures: Record<string, number>,
): void {
  const sizes = [
    ['500', '500'],
    ['5k', '5,000'],
    ['50k', '50,000'],
  ] as const;
  const lines = [
    '| instances | RunTask (count 10), median | p99 | tasks/s (one call) | heap after load |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [key, label] of sizes) {
    const r = results[`runTask.reference.${key}`];
    const heap = figures[`heap.${key}.mb`];
    if (!r) continue;
    const tasksPerSecond = (10 * 1e9) / r.medianNs;
    lines.push(
      `| ${label} | ${formatNs(r.medianNs)} | ${formatNs(r.p99Ns)} | ${Math.round(tasksPerSecond).toLocaleString('en-US')} | ${heap === undefined ? '' : `${heap.toFixed(0)} MB`} |`,
    );
  }
  const sustained = results['runTask.sustained.5k'];
  if (sustained) {
    lines.push(
      '',
      `Sustained on 5,000 instances (1,000 consecutive calls): ${Math.round(sustained.opsPerSec).toLocaleString('en-US')} tasks/s`,
    );
  }
  console.log(`\nScaling (markdown):\n${lines.join('\n')}\n`);
}

function readBaseline(): Baseline | undefined {
  try {
    return JSON.parse(readFileSync(baselinePath, 'utf8')) as Baseline;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const all = [...cqlCases(), ...placementCases()];
  const cases = filter ? all.filter((c) => c.name.includes(filter)) : all;
  const baseline = readBaseline();
  const results: Record<string, CaseResult> = {};
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
  console.log(
    `ecs-placement benchmarks — ${machine}, Node ${process.version}${quick ? ' (quick)' : ''}\n`,
  );
  const rows: string[][] = [
    ['case', 'unit', 'median/op', 'p99/op', 'ops/s', 'target', 'vs baseline'],
  ];
  let regressions = 0;
  let missed = 0;
  for (const c of cases) {
    process.stderr.write(`  running ${c.name} ...\n`);
    const r = await timeCase(c);
    results[c.name] = r;
    const target = targetsNs[c.name];
    const meets =
      target === undefined
        ? ''
        : r.medianNs <= target
          ? `ok <= ${formatNs(target)}`
          : `MISSED ${formatNs(target)}`;
    if (target !== undefined && r.medianNs > target) missed++;
    const before = baseline?.cases[c.name];
    let change = '';
    if (before) {
      const pct = ((r.medianNs - before.medianNs) / before.medianNs) * 100;
      change = `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
      if (pct > 10) {
        change += ' REGRESSION';
        regressions++;
      }
    }
    rows.push([
      c.name,
      c.unit,
      formatNs(r.medianNs),
      formatNs(r.p99Ns),
      r.opsPerSec.toFixed(0),
      meets,
      change,
    ]);
  }
  const figures: Record<string, number> = {};
  for (const s of speedups) {
    const slow = results[s.slow];
    const fast = results[s.fast];
    if (slow && fast) figures[s.name] = slow.medianNs / fast.medianNs;
  }
  if (!filter || 'heap'.includes(filter)) Object.assign(figures, measureHeap());

  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  console.log('');
  for (const [name, value] of Object.entries(figures)) {
    const s = speedups.find((x) => x.name === name);
    let note = '';
    if (s) note = value >= s.min ? `ok >= ${s.min}x` : `MISSED ${s.min}x`;
    if (name === 'heap.50k.mb')
      note = value <= heapTargetMb ? `ok <= ${heapTargetMb} MB` : `MISSED ${heapTargetMb} MB`;
    if ((s && value < s.min) || (name === 'heap.50k.mb' && value > heapTargetMb)) missed++;
    console.log(`${name.padEnd(34)} ${value.toFixed(2).padStart(10)}  ${note}`);
  }
  printScalingTable(results, figures);
  if (flag('--compare')) {
    console.log(
      baseline
        ? `\n${regressions} regression(s) over 10% against bench/baseline.json (${baseline.date}, ${baseline.machine})`
        : '\nno bench/baseline.json to compare with',
    );
  }
  console.log(`${missed} target(s) missed`);
  const out: Baseline = {
    machine,
    node: process.version,
    date: new Date().toISOString(),
    cases: results,
    figures,
  };
  if (flag('--update')) {
    writeFileSync(baselinePath, `${JSON.stringify(out, null, 2)}\n`);
    console.log('bench/baseline.json updated');
  }
  if (flag('--compare') && regressions > 0) process.exitCode = 1;
}

await main();
