/**
 * `ecs-placement drain --container-instance ID`: the instance set to DRAINING and its running
 * tasks started again on other instances (docs/what-if.md, "Drain"); prints where each went
 * and the tasks per zone and per instance before and after. `--save` records it.
 */
import type { Command } from 'commander';
import { Cluster, DEFAULT_SEED } from '../api/cluster.js';
import { parseRunTaskInput } from '../api/validate-run-task.js';
import type { PlacementStrategy } from '../kernel/ecs-types.js';
import type { DrainOutcome } from '../whatif/drain.js';
import { buildRunTaskInput } from './build-run-task-input.js';
import type { CliIO } from './cli-io.js';
import { type CommandContext, runCommandBody } from './command-outcome.js';
import { ExitCode } from './exit-codes.js';
import { defineGlobalOptions } from './global-options.js';
import { clusterStateProblem, loadClusterState } from './load-cluster-state.js';
import { parseNow } from './now-option.js';
import { readScalarParameter } from './parse-parameter.js';
import { UsageError } from './usage-error.js';
import { whatIfRenderer } from './what-if-request.js';
import { checkSnapshotRegion } from './global-region.js';

export const DRAIN_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement drain',
  usage: '--cluster-state FILE --container-instance ID [--placement-strategy ...] [--save]',
  operation: 'UpdateContainerInstancesState',
};

export function registerDrain(
  program: Command,
  io: CliIO,
  report: (code: number) => void,
): Command {
  const command = program
    .command('drain')
    .summary('set a container instance to DRAINING and start its tasks elsewhere')
    .description(
      'Sets the instance DRAINING and starts each of its running tasks again on another ' +
        'instance (its task definition, group and overrides; the given --placement-strategy, ' +
        'else spread over zones then instances), then prints where each went and the tasks ' +
        'per zone and instance before and after. The file is left untouched unless --save.',
    )
    .usage(DRAIN_CONTEXT.usage)
    .option('--cluster-state <file>', 'the cluster snapshot JSON file (required)')
    .option('--container-instance <id>', 'container instance ARN, id or EC2 instance id (required)')
    .option('--cluster <value>', 'the cluster (name or ARN; default: default)')
    .option(
      '--placement-strategy <value...>',
      'strategies of the replacements, as for run-task (default: spread by zone, then by instance)',
    )
    .option('--seed <seed>', 'seed of the random choices')
    .option('--now <time>', 'the clock: ISO 8601 or epoch seconds')
    .option('--save', 'write the drained cluster back to the --cluster-state file')
    .option('--report <file>', 'also write an HTML report (docs/what-if.md, "HTML reports")');
  const readGlobals = defineGlobalOptions(command, { output: true });
  command.action(async (values: Record<string, unknown>) => {
    report(
      await runCommandBody(io, DRAIN_CONTEXT, async () => {
        const globals = readGlobals(values);
        const render = await whatIfRenderer(globals, io, 'Drain');
        const text = (name: string) =>
          typeof values[name] === 'string' ? (values[name] as string) : undefined;
        const file = text('clusterState');
        if (file === undefined) {
          throw new UsageError('the following arguments are required: --cluster-state');
        }
        const target = text('containerInstance');
        if (target === undefined) {
          throw new UsageError('the following arguments are required: --container-instance');
        }
        const strategy = readStrategy(values['placementStrategy'], io.cwd);
        if (text('report') !== undefined) {
          (await import('./report/write-text-file.js')).checkTextFileTarget(
            text('report')!,
            io.cwd,
          );
        }
        const seed =
          text('seed') !== undefined
            ? readScalarParameter('--seed', text('seed')!, io.cwd)
            : DEFAULT_SEED;
        const now = text('now') !== undefined ? parseNow(text('now')!) : Date.now();
        const cluster = text('cluster');
        const drain = (snapshot: unknown) => {
          let opened: Cluster;
          try {
            opened = Cluster.fromSnapshot(snapshot);
          } catch (error) {
            throw clusterStateProblem(file, error);
          }
          checkSnapshotRegion(snapshot, globals.region, file, io, DRAIN_CONTEXT.commandPath);
          const before = opened.instanceUsage(cluster);
          const outcome = opened.drain({
            containerInstance: target,
            ...(cluster !== undefined ? { cluster } : {}),
            ...(strategy !== undefined ? { placementStrategy: strategy } : {}),
            seed,
            now,
          });
          const after = opened.instanceUsage(cluster);
          return { outcome, before, after, changed: true, snapshot: () => opened.toSnapshot() };
        };
        const { outcome, before, after } =
          values['save'] === true
            ? await (await import('./place-and-save.js')).placeAndSave(file, io.cwd, drain)
            : drain(loadClusterState(file, io.cwd).snapshot);
        const printed = render(outcome satisfies DrainOutcome);
        const reportFile = text('report');
        if (reportFile !== undefined) {
          const { drainReport, writeReport } = await import('./report/write-report.js');
          writeReport(reportFile, io.cwd, drainReport(before, after, outcome));
        }
        io.stdout.write(printed);
        return ExitCode.success;
      }),
    );
  });
  return command;
}

/** `--placement-strategy` as run-task reads it (JSON, shorthand or file://). */
function readStrategy(raw: unknown, cwd: string): PlacementStrategy[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const request = buildRunTaskInput({
    options: { taskDefinition: 'drain', placementStrategy: raw.map(String) },
    cwd,
  });
  return parseRunTaskInput(request).placementStrategy;
}
