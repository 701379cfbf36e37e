/**
 * The benchmark runner (`npm run bench`, see bench/README.md). Times the in-process cases
 * with tinybench (after warm-up, fast operations batched; median and p99 per operation),
 * then runs the cases that need processes of their own (fresh process, command, load and
 * heap), derives the ratios, and prints every figure, the scaling table and every target
 * of bench/targets.ts as met or MISSED.
 *
 * Flags: --quick (short budgets, fewer runs, no 200,000-instance case), --filter TEXT (only
 * the cases and figures whose name contains TEXT), --compare (the change of every case and
 * figure against bench/baseline.json; on the same machine, a case or heap figure worse by
 * over 10% is a regression and the exit code is 1; on another machine the changes are
 * printed as not comparable), --update (write bench/baseline.json; full runs only).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import {
  type BaselineFile,
  type CaseResult,
  describeBaselineMachine,
  describeMachine,
  machineDifferences,
  readBaseline,
  thisMachine,
  writeBaseline,
} from './baseline.js';
import type { BenchCase } from './bench-case.js';
import { measureCommands } from './command-case.js';
import { cqlCases } from './cql-cases.js';
import { eventCases } from './event-cases.js';
import { floorCases } from './floor-cases.js';
import { measureFreshProcess } from './fresh-process-case.js';
import { compiledBenchDir, repoRoot } from './paths.js';
import { placementCases } from './placement-cases.js';
import { ratios, type Target, targets } from './targets.js';
import { whatIfCases } from './what-if-cases.js';
import { measureSimulate, SIMULATE_FIGURES } from './simulate-case.js';

const baselinePath = join(repoRoot, 'bench', 'baseline.json');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
const quick = flag('--quick');
const compare = flag('--compare');
const update = flag('--update');
/** Worse by more than this fraction: a regression (same machine only). */
const REGRESSION = 0.1;

const selected = (names: readonly string[]) =>
  filter === undefined || names.some((name) => name.includes(filter));

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} us`;
  return `${ns.toFixed(1)} ns`;
}

function formatValue(value: number, unit: Target['unit']): string {
  if (unit === 'ns') return formatNs(value);
  if (unit === 'x') return `${value >= 100 ? value.toFixed(0) : value.toFixed(2)}x`;
  return `${value.toFixed(value >= 100 ? 0 : 2)} ${unit}`;
}

/** A figure's unit, from its name. */
function figureUnit(name: string): Target['unit'] | '' {
  if (name.endsWith('.ms')) return 'ms';
  if (name.endsWith('.mb')) return 'MB';
  if (name.startsWith('speedup.') || name.includes('ratio') || name.includes('-over-')) return 'x';
  return '';
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

const HEAP_FIGURES = ['snapshot.S.json.mb', 'parse.S.ms', 'fromSnapshot.S.ms', 'firstRunTask.S.ms'];
const heapFigureNames = (size: string) =>
  [...HEAP_FIGURES, 'load.S.ms', 'heap.S.mb'].map((n) => n.replace('S', size));

/** bench/heap.ts in a fresh process for the given sizes. */
function measureHeap(
  sizes: string[],
  extra: string[],
  nodeFlags: string[],
): Record<string, number> {
  const script = join(compiledBenchDir, 'heap.js');
  const r = spawnSync(process.execPath, [...nodeFlags, '--expose-gc', script, ...sizes, ...extra], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`heap measurement failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

/** Instances vs time per RunTask (count 10) vs tasks/s vs heap, as the README shows it. */
function printScalingTable(
  results: Record<string, CaseResult>,
  figures: Record<string, number>,
): void {
  const lines = [
    '| instances | RunTask (count 10), median | p99 | tasks/s (one call) | heap after load |',
    '| --- | --- | --- | --- | --- |',
  ];
  const row = (label: string, medianNs: number, p99Ns: number, heap: number | undefined) => {
    const tasksPerSecond = Math.round((10 * 1e9) / medianNs).toLocaleString('en-US');
    const heapText = heap === undefined ? '' : `${heap.toFixed(0)} MB`;
    lines.push(
      `| ${label} | ${formatNs(medianNs)} | ${formatNs(p99Ns)} | ${tasksPerSecond} | ${heapText} |`,
    );
  };
  for (const [key, label] of [
    ['500', '500'],
    ['5k', '5,000'],
    ['50k', '50,000'],
  ] as const) {
    const r = results[`runTask.reference.${key}`];
    if (r) row(label, r.medianNs, r.p99Ns, figures[`heap.${key}.mb`]);
  }
  const median200k = figures['runTask.reference.200k.ms'];
  const p99200k = figures['runTask.reference.200k.p99.ms'];
  if (median200k !== undefined && p99200k !== undefined) {
    row('200,000 (40 calls)', median200k * 1e6, p99200k * 1e6, figures['heap.200k.mb']);
  }
  const sustained = results['runTask.sustained.5k'];
  if (lines.length === 2 && !sustained) return; // nothing of it measured (--filter)
  if (sustained) {
    lines.push(
      '',
      `Sustained on 5,000 instances (1,000 consecutive calls): ${Math.round(sustained.opsPerSec).toLocaleString('en-US')} tasks/s`,
    );
  }
  console.log(`Scaling (markdown):\n${lines.join('\n')}\n`);
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  }
  console.log('');
}

/** The value a target reads: a case's median (ns) or a figure. */
function measured(
  target: Target,
  results: Record<string, CaseResult>,
  figures: Record<string, number>,
): number | undefined {
  return results[target.measure]?.medianNs ?? figures[target.measure];
}

/** Prints the targets table; returns how many were missed. */
function printTargets(
  results: Record<string, CaseResult>,
  figures: Record<string, number>,
): number {
  const rows = [['round', 'target', 'measured', 'limit', 'result', 'reproduce']];
  let missed = 0;
  for (const t of targets) {
    const value = measured(t, results, figures);
    if (value === undefined && filter !== undefined) continue; // not asked for
    const limit =
      t.max !== undefined
        ? `<= ${formatValue(t.max, t.unit)}`
        : `>= ${formatValue(t.min!, t.unit)}`;
    let result = quick && t.measure.includes('200k') ? 'not measured (--quick)' : 'not measured';
    if (value !== undefined) {
      const met = t.max !== undefined ? value <= t.max : value >= t.min!;
      const by = t.max !== undefined ? value / t.max : t.min! / value;
      result = met ? 'met' : `MISSED by ${by.toFixed(2)}x`;
      if (!met) missed++;
      if (t.stretch !== undefined) {
        result += `; moonshot <= ${formatValue(t.stretch, t.unit)} ${value <= t.stretch ? 'met' : 'not reached'}`;
      }
    }
    rows.push([
      String(t.round),
      t.label,
      value === undefined ? '' : formatValue(value, t.unit),
      limit,
      result,
      t.reproduce,
    ]);
  }
  console.log('Targets (round 1: the first targets; round 2: the tighter second targets):');
  printTable(rows);
  return missed;
}

async function main(): Promise<void> {
  if (update && (quick || filter !== undefined)) {
    console.error('--update writes the baseline from a full run: drop --quick and --filter.');
    process.exit(2);
  }
  const machine = thisMachine();
  console.log(
    `ecs-placement benchmarks — ${describeMachine(machine)}${quick ? ' (quick)' : ''}${filter ? ` (filter: ${filter})` : ''}\n`,
  );

  const read = compare ? readBaseline(baselinePath) : {};
  const baseline = read.baseline;
  const differences = baseline ? machineDifferences(baseline, machine) : [];
  const comparable = baseline !== undefined && differences.length === 0;
  let regressions = 0;
  let notComparable = 0;
  /** The "vs baseline" cell: change in %, flagged when worse by over REGRESSION. */
  const change = (
    before: number | undefined,
    after: number,
    higherIsBetter: boolean,
    flagged: boolean,
  ) => {
    if (before === undefined || before === 0) return '';
    const pct = ((after - before) / before) * 100;
    let text = `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
    const worse = higherIsBetter ? -pct / 100 > REGRESSION : pct / 100 > REGRESSION;
    if (worse && flagged) {
      if (comparable) {
        text += ' REGRESSION';
        regressions++;
      } else {
        notComparable++;
      }
    }
    return text;
  };

  const all = [
    ...cqlCases(),
    ...placementCases(),
    ...floorCases(),
    ...whatIfCases(),
    ...eventCases(),
  ];
  const results: Record<string, CaseResult> = {};
  for (const c of all.filter((c) => selected([c.name]))) {
    process.stderr.write(`  running ${c.name} ...\n`);
    results[c.name] = await timeCase(c);
  }
  const figures: Record<string, number> = {};
  for (const r of ratios) {
    const numerator = results[r.numerator];
    const denominator = results[r.denominator];
    if (numerator && denominator) figures[r.name] = numerator.medianNs / denominator.medianNs;
  }

  const freshNames = [
    'mean.ms',
    'p50.ms',
    'p99.ms',
    'call1.ms',
    'mean-from-call2.ms',
    'steady-median.ms',
    'mean-over-steady',
    'unplaced',
  ].map((n) => `fresh.5k.${n}`);
  const commandNames = ['node', 'version', 'run-task', 'import'].flatMap((c) =>
    ['min.ms', 'median.ms', 'max.ms', 'ratio'].map((n) => `command.${c}.${n}`),
  );
  let freshLines: string[] = [];
  if (selected(freshNames)) {
    process.stderr.write('  running the fresh-process case ...\n');
    const fresh = measureFreshProcess(quick);
    Object.assign(figures, fresh.figures);
    freshLines = fresh.lines;
  }
  let commandLines: string[] = [];
  if (selected(commandNames)) {
    process.stderr.write('  running the command case ...\n');
    const commands = measureCommands(quick);
    Object.assign(figures, commands.figures);
    commandLines = commands.lines;
  }
  if (selected(SIMULATE_FIGURES)) {
    process.stderr.write('  running the simulate case ...\n');
    Object.assign(figures, await measureSimulate(quick));
  }
  const heapSizes = ['500', '5k', '50k'].filter((size) => selected(heapFigureNames(size)));
  if (heapSizes.length > 0) {
    process.stderr.write(`  measuring load and heap (${heapSizes.join(', ')}) ...\n`);
    Object.assign(figures, measureHeap(heapSizes, [], []));
  }
  const names200k = [
    ...heapFigureNames('200k'),
    'runTask.reference.200k.ms',
    'runTask.reference.200k.p99.ms',
  ];
  if (!quick && selected(names200k)) {
    process.stderr.write('  measuring 200,000 instances ...\n');
    Object.assign(
      figures,
      measureHeap(['200k'], ['--time-runtask'], ['--max-old-space-size=8192']),
    );
  }

  if (compare) {
    if (!baseline) console.log(`${read.problem}\n`);
    else if (comparable) {
      console.log(`Compared with bench/baseline.json (${baseline.date}), same machine.\n`);
    } else {
      console.log(
        `Compared with bench/baseline.json (${baseline.date}), from another machine: not comparable.\n` +
          `  baseline: ${describeBaselineMachine(baseline)}\n` +
          differences.map((d) => `  ${d}\n`).join('') +
          '  The changes below are printed for information only and are not regressions.\n',
      );
    }
  }
  const vsHeader = comparable ? 'vs baseline' : 'vs baseline (other machine: not comparable)';
  const withCompare = compare && baseline !== undefined;

  const caseRows = [
    ['case', 'unit', 'median/op', 'p99/op', 'ops/s', ...(withCompare ? [vsHeader] : [])],
  ];
  for (const [name, r] of Object.entries(results)) {
    caseRows.push([
      name,
      r.unit,
      formatNs(r.medianNs),
      formatNs(r.p99Ns),
      r.opsPerSec.toFixed(0),
      ...(withCompare ? [change(baseline.cases[name]?.medianNs, r.medianNs, false, true)] : []),
    ]);
  }
  if (caseRows.length > 1) printTable(caseRows);

  const figureRows = [['figure', 'value', ...(withCompare ? [vsHeader] : [])]];
  for (const [name, value] of Object.entries(figures)) {
    const unit = figureUnit(name);
    figureRows.push([
      name,
      unit === '' ? String(value) : formatValue(value, unit),
      ...(withCompare
        ? [
            change(
              baseline.figures[name],
              value,
              name.startsWith('speedup.'),
              name.startsWith('heap.'),
            ),
          ]
        : []),
    ]);
  }
  if (figureRows.length > 1) printTable(figureRows);

  if (freshLines.length > 0) {
    console.log(
      'Fresh process (5,000 instances, calls 1-300, tasks accumulating, 50 rotating groups):',
    );
    for (const line of freshLines) console.log(`  ${line}`);
    if ((figures['fresh.5k.unplaced'] ?? 0) > 0) {
      console.log('  WARNING: some tasks were not placed; the calls did not all do the same work');
    }
    console.log('');
  }
  if (commandLines.length > 0) console.log(`Command:\n${commandLines.join('\n')}\n`);
  printScalingTable(results, figures);
  const missed = printTargets(results, figures);
  console.log(`${missed} target(s) missed`);

  if (compare && baseline) {
    console.log(
      comparable
        ? `${regressions} regression(s) over ${REGRESSION * 100}% against bench/baseline.json`
        : `other machine: not comparable (${notComparable} figure(s) worse by over ${REGRESSION * 100}%, not counted as regressions)`,
    );
  }
  if (update) {
    const file: BaselineFile = {
      format: 2,
      machine,
      date: new Date().toISOString(),
      cases: results,
      figures,
    };
    writeBaseline(baselinePath, file);
    console.log('bench/baseline.json updated');
  }
  if (compare && comparable && regressions > 0) process.exitCode = 1;
}

await main();
