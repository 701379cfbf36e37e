/**
 * The fresh-process case: runs bench/fresh-process.ts in new node processes (three, one
 * with --quick) and reports, as the median over the processes: the mean, p50 and p99 of
 * calls 1..300 of the reference RunTask on 5,000 instances (tasks accumulating, 50 rotating
 * groups), call 1 alone, the steady-state median of the same process (the same 300 calls
 * repeated on a newly loaded cluster once the code is warm) and the ratio of the mean to
 * that median (the target: <= 1.5x).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSnapshot } from './bench-snapshot.js';
import { compiledBenchDir } from './paths.js';
import { mean, median, percentile } from './stats.js';

interface FreshProcessRun {
  fresh: number[];
  steady: number[];
  unplaced: number;
  steadyUnplaced: number;
}

export interface FreshProcessResult {
  figures: Record<string, number>;
  /** One line per process, for the report. */
  lines: string[];
}

function runOnce(file: string, rounds: number, steadyRounds: number): FreshProcessRun {
  const script = join(compiledBenchDir, 'fresh-process.js');
  const r = spawnSync(process.execPath, [script, file, String(rounds), String(steadyRounds)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`fresh-process case failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as FreshProcessRun;
}

export function measureFreshProcess(quick: boolean): FreshProcessResult {
  // The runner's 5,000-instance cluster, as a file the child reads and parses like a user would.
  const dir = mkdtempSync(join(tmpdir(), 'ecs-placement-bench-'));
  const file = join(dir, 'cluster-5k.json');
  writeFileSync(file, JSON.stringify(benchSnapshot(5000)));
  try {
    return measure(file, quick);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(file: string, quick: boolean): FreshProcessResult {
  const processes = quick ? 1 : 3;
  const per: Record<string, number>[] = [];
  const lines: string[] = [];
  for (let p = 0; p < processes; p++) {
    const run = quick ? runOnce(file, 4, 1) : runOnce(file, 6, 2);
    const steadyMedian = median(run.steady);
    const figures = {
      'fresh.5k.mean.ms': mean(run.fresh),
      'fresh.5k.p50.ms': median(run.fresh),
      'fresh.5k.p99.ms': percentile(run.fresh, 99),
      'fresh.5k.call1.ms': run.fresh[0]!,
      // For reading the mean: how much of it is call 1 (the first compile of everything).
      'fresh.5k.mean-from-call2.ms': mean(run.fresh.slice(1)),
      'fresh.5k.steady-median.ms': steadyMedian,
      'fresh.5k.mean-over-steady': mean(run.fresh) / steadyMedian,
      'fresh.5k.unplaced': run.unplaced + run.steadyUnplaced,
    };
    per.push(figures);
    lines.push(
      `process ${p + 1}: calls 1-300 mean ${figures['fresh.5k.mean.ms'].toFixed(3)} ms, ` +
        `p50 ${figures['fresh.5k.p50.ms'].toFixed(3)} ms, p99 ${figures['fresh.5k.p99.ms'].toFixed(3)} ms, ` +
        `call 1 ${figures['fresh.5k.call1.ms'].toFixed(2)} ms, ` +
        `mean of calls 2-300 ${figures['fresh.5k.mean-from-call2.ms'].toFixed(3)} ms; steady median ` +
        `${steadyMedian.toFixed(3)} ms (${run.steady.length} warm calls); ` +
        `mean/steady ${figures['fresh.5k.mean-over-steady'].toFixed(2)}x; ` +
        `tasks not placed: ${run.unplaced} of ${run.fresh.length * 10} (fresh), ` +
        `${run.steadyUnplaced} of ${run.steady.length * 10} (steady)`,
    );
  }
  const figures: Record<string, number> = {};
  for (const name of Object.keys(per[0]!)) {
    figures[name] =
      name === 'fresh.5k.unplaced'
        ? Math.max(...per.map((f) => f[name]!))
        : median(per.map((f) => f[name]!));
  }
  return { figures, lines };
}
