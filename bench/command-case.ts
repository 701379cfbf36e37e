/**
 * The command case, hyperfine-style: wall time of whole `node` processes, measured with a
 * high-resolution clock around spawnSync (output to /dev/null), warm-up runs first, then the
 * timed runs interleaved command by command so that a burst of load elsewhere hits every
 * command alike. `node -e 0`, measured in the same run, is the yardstick: the targets are
 * ratios of medians (`--version` <= 1.6x, `run-task` on the bundled example <= 2.5x). The
 * library's own load, `import('ecs-placement')`, is measured beside them.
 */
import { spawnSync } from 'node:child_process';
import { repoRoot } from './paths.js';
import { median } from './stats.js';

/**
 * The command's entry file, relative to the repository root: the bundle that the package's
 * `bin` points at (scripts/bundle.mjs), which is what an installed `ecs-placement` runs.
 */
export const CLI_ENTRY = 'dist/bundle/cli.js';

const COMMANDS: readonly { name: string; shown: string; args: readonly string[] }[] = [
  { name: 'node', shown: 'node -e 0', args: ['-e', '0'] },
  { name: 'version', shown: `node ${CLI_ENTRY} --version`, args: [CLI_ENTRY, '--version'] },
  {
    name: 'run-task',
    shown: `node ${CLI_ENTRY} run-task --cluster-state examples/cluster.json --cli-input-json file://examples/requests/web-spread-binpack.json --seed demo`,
    args: [
      CLI_ENTRY,
      'run-task',
      '--cluster-state',
      'examples/cluster.json',
      '--cli-input-json',
      'file://examples/requests/web-spread-binpack.json',
      '--seed',
      'demo',
    ],
  },
  {
    // The library entry, loaded as a user's program loads it (no target; a figure to watch).
    name: 'import',
    shown: `node --input-type=module -e "await import('ecs-placement')"`,
    args: ['--input-type=module', '-e', "await import('ecs-placement')"],
  },
];

export interface CommandResult {
  figures: Record<string, number>;
  lines: string[];
}

/** Milliseconds of one run; throws when the command fails. */
function timeRun(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    throw new Error(
      `node ${args.join(' ')} exited with ${r.status}:\n${r.stderr?.toString() ?? ''}`,
    );
  }
  return elapsed;
}

export function measureCommands(quick: boolean): CommandResult {
  const warmups = quick ? 1 : 2;
  const runs = quick ? 5 : 10;
  for (let w = 0; w < warmups; w++) for (const c of COMMANDS) timeRun(c.args);
  const times = new Map(COMMANDS.map((c) => [c.name, [] as number[]]));
  for (let r = 0; r < runs; r++) for (const c of COMMANDS) times.get(c.name)!.push(timeRun(c.args));

  const figures: Record<string, number> = {};
  const lines = [`${runs} runs each after ${warmups} warm-up(s), wall time:`];
  const baseline = median(times.get('node')!);
  for (const c of COMMANDS) {
    const samples = times.get(c.name)!;
    const mid = median(samples);
    figures[`command.${c.name}.min.ms`] = Math.min(...samples);
    figures[`command.${c.name}.median.ms`] = mid;
    figures[`command.${c.name}.max.ms`] = Math.max(...samples);
    let ratio = '';
    if (c.name !== 'node') {
      figures[`command.${c.name}.ratio`] = mid / baseline;
      ratio = `, ${(mid / baseline).toFixed(2)}x node -e 0`;
    }
    lines.push(
      `  ${c.shown}\n    min ${Math.min(...samples).toFixed(1)} ms, median ${mid.toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms${ratio}`,
    );
  }
  return { figures, lines };
}
