/**
 * The fresh-process case: runs bench/fresh-process.ts in new node processes (three, one
 * with --quick) and reports, as the median over the processes: the mean, p50 and p99 of
 * calls 1..300 of the reference RunTask on 5,000 instances (tasks accumulating, 50 rotating
 * groups), call 1 alone, the steady-state median of the same process (the same 300 calls
 * repeated on a newly loaded cluster once the code is warm) and the ratio of the mean to
 * that median (the target: <= 1.5x).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compiledBenchDir } from './paths.js';
import { mean, median, percentile } from './stats.js';

interface FreshProcessRun {
  fresh: number[];
  steady: number[];
  unplaced: number;
}

export interface FreshProcessResult {
  figures: Record<string, number>;
  /** One line per process, for the report. */
  lines: string[];
}

function runOnce(rounds: number, steadyRounds: number): FreshProcessRun {
  const script = join(compiledBenchDir, 'fresh-process.js');
  const r = spawnSync(process.execPath, [script, String(rounds), String(steadyRounds)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`fresh-process case failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as FreshProcessRun;
}

export function measureFreshProcess(quick: boolean): FreshProcessResult {
  const processes = quick ? 1 : 3;
  const per: Record<string, number>[] = [];
  const lines: string[] = [];
  for (let p = 0; p < processes; p++) {
    const run = quick ? runOnce(4, 1) : runOnce(6, 2);
    const steadyMedian = median(run.steady);
    const figures = {
      'fresh.5k.mean.ms': mean(run.fresh),
      'fresh.5k.p50.ms': median(run.fresh),
      'fresh.5k.p99.ms': percentile(run.fresh, 99),
      'fresh.5k.call1.ms': run.fresh[0]!,
      'fresh.5k.steady-median.ms': steadyMedian,
      'fresh.5k.mean-over-steady': mean(run.fresh) / steadyMedian,
      'fresh.5k.unplaced': run.unplaced,
    };
    per.push(figures);
    lines.push(
      `process ${p + 1}: calls 1-300 mean ${figures['fresh.5k.mean.ms'].toFixed(3)} ms, ` +
        `p50 ${figures['fresh.5k.p50.ms'].toFixed(3)} ms, p99 ${figures['fresh.5k.p99.ms'].toFixed(3)} ms, ` +
        `call 1 ${figures['fresh.5k.call1.ms'].toFixed(2)} ms; steady median ` +
        `${steadyMedian.toFixed(3)} ms (${run.steady.length} warm calls); ` +
        `mean/steady ${figures['fresh.5k.mean-over-steady'].toFixed(2)}x; ` +
        `${run.unplaced} of ${run.fresh.length * 10} tasks not placed`,
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
