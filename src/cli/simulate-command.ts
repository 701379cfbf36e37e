/**
 * `ecs-placement simulate`: a scenario file run over many seeds on a cluster snapshot, on
 * worker threads, with the distribution of the outcomes on stdout (docs/what-if.md,
 * "Simulate"). A progress bar on a terminal; `--results FILE` writes each seed's outcome as
 * a JSON line.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { SeedResult } from '../simulate/run-seed.js';
import { ScenarioError } from '../simulate/scenario.js';
import { MAX_SEEDS, MAX_WORKERS, simulate } from '../simulate/simulate.js';
import type { CliIO } from './cli-io.js';
import { type CommandContext, runCommandBody } from './command-outcome.js';
import { ExitCode } from './exit-codes.js';
import { defineGlobalOptions } from './global-options.js';
import { JsonTextError, parseJsonText } from './json-text.js';
import { clusterStateProblem, loadClusterState } from './load-cluster-state.js';
import { parseNow } from './now-option.js';
import { readParameterText } from './parse-parameter.js';
import { UsageError } from './usage-error.js';
import { readCount, whatIfRenderer } from './what-if-request.js';
import { SnapshotError } from '../cluster/validate-snapshot.js';

export const SIMULATE_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement simulate',
  usage: '--cluster-state FILE --scenario FILE [--seeds N] [--workers N] [--results FILE]',
  operation: 'Simulate',
};

export const DEFAULT_SEEDS = 100;

export function registerSimulate(
  program: Command,
  io: CliIO,
  report: (code: number) => void,
): Command {
  const command = program
    .command('simulate')
    .summary('run a scenario of RunTask calls (and more) over many seeds')
    .description(
      'Runs the steps of a scenario file (YAML or JSON: run-task, stop-task, drain-instance, ' +
        'register-instance, put-attribute) on the cluster snapshot once per seed, each seed ' +
        'on a fresh copy, and prints the distribution of the outcomes. Nothing is saved.',
    )
    .usage(SIMULATE_CONTEXT.usage)
    .option('--cluster-state <file>', 'the cluster snapshot JSON file (required)')
    .option('--scenario <file>', 'the scenario, YAML or JSON (required)')
    .option(
      '--seeds <n>',
      `how many seeds, 1 to ${MAX_SEEDS.toLocaleString('en-US')} (default ${DEFAULT_SEEDS}); the seeds are 1 to n`,
    )
    .option(
      '--workers <n>',
      `worker threads, 0 to ${MAX_WORKERS} (default: the CPUs, at most 4); 0 runs in the main thread`,
    )
    .option('--now <time>', 'the clock: ISO 8601 or epoch seconds (default now)')
    .option('--results <file>', "write each seed's outcome to this file, one JSON line per seed")
    .option('--report <file>', 'also write an HTML report (docs/what-if.md, "HTML reports")');
  const readGlobals = defineGlobalOptions(command, { output: true });
  command.action(async (values: Record<string, unknown>) => {
    report(
      await runCommandBody(io, SIMULATE_CONTEXT, async () => {
        const globals = readGlobals(values);
        const render = await whatIfRenderer(globals, io, 'Simulate');
        const text = (name: string) =>
          typeof values[name] === 'string' ? (values[name] as string) : undefined;
        const seeds =
          text('seeds') !== undefined
            ? readCount('--seeds', text('seeds')!, 1, MAX_SEEDS)
            : DEFAULT_SEEDS;
        const workers =
          text('workers') !== undefined
            ? readCount('--workers', text('workers')!, 0, MAX_WORKERS)
            : Math.min(availableParallelism(), 4);
        const now = text('now') !== undefined ? parseNow(text('now')!) : Date.now();
        const stateFile = text('clusterState');
        if (stateFile === undefined) {
          throw new UsageError('the following arguments are required: --cluster-state');
        }
        const scenarioFile = text('scenario');
        if (scenarioFile === undefined) {
          throw new UsageError('the following arguments are required: --scenario');
        }
        for (const output of [text('results'), text('report')]) {
          if (output !== undefined) {
            (await import('./report/write-text-file.js')).checkTextFileTarget(output, io.cwd);
          }
        }
        const scenario = await readScenario(scenarioFile, io.cwd);
        const { snapshot } = loadClusterState(stateFile, io.cwd);
        const resultsFile = text('results');
        const lines: string[] = [];
        const progress = await progressBar(io, seeds);
        let result: Awaited<ReturnType<typeof simulate>>;
        try {
          result = await simulate(snapshot, scenario, {
            seeds,
            workers,
            now,
            onSeed: (seedResult: SeedResult, done: number) => {
              if (resultsFile !== undefined) lines.push(JSON.stringify(seedResult));
              progress?.update(done);
            },
          });
        } catch (error) {
          if (error instanceof ScenarioError) {
            throw new UsageError(`the scenario ${scenarioFile} is invalid: ${error.message}`);
          }
          if (error instanceof SnapshotError || error instanceof RangeError) {
            throw clusterStateProblem(stateFile, error);
          }
          throw error;
        } finally {
          progress?.stop();
        }
        const printed = render(result);
        if (resultsFile !== undefined) {
          const { writeTextFile } = await import('./report/write-text-file.js');
          writeTextFile(resultsFile, io.cwd, lines.length > 0 ? `${lines.join('\n')}\n` : '');
        }
        const reportFile = text('report');
        if (reportFile !== undefined) {
          const { simulateReport, writeReport } = await import('./report/write-report.js');
          writeReport(reportFile, io.cwd, simulateReport(result, scenarioFile));
        }
        io.stdout.write(printed);
        return ExitCode.success;
      }),
    );
  });
  return command;
}

/** The scenario file: JSON when its name ends in .json, else YAML (which reads JSON too). */
async function readScenario(file: string, cwd: string): Promise<unknown> {
  const content = readParameterText('--scenario', `file://${file}`, cwd);
  try {
    if (file.toLowerCase().endsWith('.json')) return parseJsonText(content);
    const { parseYamlText } = await import('./yaml-text.js');
    return parseYamlText(content);
  } catch (error) {
    if (
      error instanceof JsonTextError ||
      (error instanceof Error && error.name === 'YamlTextError')
    ) {
      throw new UsageError(`the scenario ${file} cannot be read: ${error.message}`);
    }
    throw error;
  }
}

/** A progress bar on stderr when it is a terminal; nothing otherwise. */
async function progressBar(
  io: CliIO,
  total: number,
): Promise<{ update(done: number): void; stop(): void } | undefined> {
  if (io.stderr.isTTY !== true) return undefined;
  const { SingleBar } = await import('cli-progress');
  const bar = new SingleBar({
    format: 'simulate [{bar}] {value}/{total} seeds, {eta}s left',
    stream: io.stderr as unknown as NodeJS.WritableStream,
    hideCursor: true,
    clearOnComplete: true,
    noTTYOutput: false,
  });
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
