/**
 * `ecs-placement run-task`: the options of `aws ecs run-task` and the AWS CLI's global
 * options, plus `--cluster-state`, `--seed`, `--now`, `--explain` and `--save`; prints the
 * RunTask response as the AWS CLI does (`--output`, `--query`).
 */
import type { Command } from 'commander';
import { Cluster, DEFAULT_SEED } from '../api/cluster.js';
import { parseRunTaskInput } from '../api/validate-run-task.js';
import type { RunTaskInput, RunTaskOutput } from '../kernel/run-task-types.js';
import type { PlacementExplanation } from '../placement/explanation.js';
import type { InstanceUsage } from '../whatif/instance-inventory.js';
import { promptForParameters } from './auto-prompt.js';
import { buildRunTaskInput, type RawRequestOptions } from './build-run-task-input.js';
import { readCliInput } from './cli-input.js';
import type { CliIO } from './cli-io.js';
import { type CommandContext, runCommandBody } from './command-outcome.js';
import { type DebugLog, debugLog } from './debug-log.js';
import { ExitCode } from './exit-codes.js';
import { parseExplainMode } from './explain/explain-mode.js';
import { type ExplainRenderer, loadExplainRenderer } from './explain/load-explain-renderer.js';
import {
  colorFor,
  DEFAULT_GLOBAL_OPTIONS,
  defineGlobalOptions,
  type GlobalOptions,
  resolveOutputFormat,
  terminalWidth,
} from './global-options.js';
import { checkSnapshotRegion } from './global-region.js';
import { clusterStateProblem, loadClusterState } from './load-cluster-state.js';
import { parseNow } from './now-option.js';
import { loadRenderer, type Renderer } from './output/render-response.js';
import { readScalarParameter } from './parse-parameter.js';
import type { Placement } from './place-and-save.js';
import { reportWidth } from './report-width.js';
import { defineRunTaskArguments, type ToolOptions } from './run-task-arguments.js';
import { UsageError } from './usage-error.js';

export const RUN_TASK_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement run-task',
  usage: '--cluster-state FILE --task-definition <value> [options]',
  operation: 'RunTask',
};

export function registerRunTask(
  program: Command,
  io: CliIO,
  report: (code: number) => void,
): Command {
  const command = program
    .command('run-task')
    .summary('place tasks on a cluster snapshot, like aws ecs run-task')
    .description(
      'Places tasks on the cluster described by a snapshot file, with the placement rules of ' +
        'Amazon ECS RunTask, and prints the RunTask response. The file is left untouched unless ' +
        '--save is given.',
    )
    .usage(RUN_TASK_CONTEXT.usage)
    .addHelpText('after', RUN_TASK_HELP_FOOTER);
  const readArguments = defineRunTaskArguments(command);
  const readGlobals = defineGlobalOptions(command, { output: true });
  command.action(async (values: Record<string, unknown>) => {
    const { options, tool } = readArguments(values);
    report(await runTask(options, tool, io, () => readGlobals(values)));
  });
  return command;
}

/** How the response and the --explain report are printed, read before anything is placed. */
interface Presentation {
  render: Renderer;
  /** The --explain report's renderer, when --explain is given. */
  explain?: ExplainRenderer;
  explainColor: boolean;
  log: DebugLog;
}

export function runTask(
  options: RawRequestOptions,
  tool: ToolOptions,
  io: CliIO,
  readGlobals: () => GlobalOptions = () => DEFAULT_GLOBAL_OPTIONS,
): Promise<number> {
  return runCommandBody(io, RUN_TASK_CONTEXT, async () => {
    const globals = readGlobals();
    const log = debugLog(globals.debug, io, RUN_TASK_CONTEXT.commandPath);
    const output = resolveOutputFormat(globals, io.env);
    const presentation: Presentation = {
      // Compiles --query: a bad one fails here, before anything is read or placed.
      render: await loadRenderer({
        format: output.format,
        query: globals.query,
        operation: 'RunTask',
        color: colorFor(globals.color, io.stdout, io.env),
        terminalWidth: terminalWidth(io.stdout),
        timeZone: io.env['TZ'],
      }),
      explainColor: colorFor(globals.color, io.stderr, io.env),
      log,
    };
    if (tool.explain !== undefined) {
      presentation.explain = await loadExplainRenderer(parseExplainMode(tool.explain));
    }
    // Read now, so that the plan (--explain) and the run (--save) share one clock.
    const now =
      tool.now === undefined
        ? Date.now()
        : parseNow(readScalarParameter('--now', tool.now, io.cwd));
    log(
      `output ${output.format} (from ${output.from})${globals.query === undefined ? '' : `, query ${globals.query}`}`,
    );
    if (globals.ignored.length > 0) {
      log(`accepted and ignored (nothing is sent to AWS): ${globals.ignored.join(', ')}`);
    }
    if (tool.generateCliSkeleton !== undefined) {
      const { parseSkeletonKind, renderRunTaskSkeleton } = await import('./skeleton.js');
      const kind = parseSkeletonKind(tool.generateCliSkeleton);
      // As in the AWS CLI, `output` first validates the command's inputs (required
      // --task-definition, syntax and types of every value); nothing is placed.
      if (kind === 'output') {
        buildRunTaskInput({
          options,
          cliInputJson: tool.cliInputJson,
          cliInputYaml: tool.cliInputYaml,
          cwd: io.cwd,
        });
      }
      io.stdout.write(renderRunTaskSkeleton(kind));
      return ExitCode.success;
    }
    let clusterStateFile = tool.clusterState;
    let requestOptions = options;
    if (tool.cliAutoPrompt === true) {
      const fromInput = readCliInput(tool.cliInputJson, tool.cliInputYaml, io.cwd);
      const prompted = await promptForParameters(
        io,
        { clusterState: clusterStateFile, options },
        new Set(Object.keys(fromInput)),
      );
      clusterStateFile = prompted.clusterState;
      requestOptions = prompted.options;
    }
    const input = buildRunTaskInput({
      options: requestOptions,
      cliInputJson: tool.cliInputJson,
      cliInputYaml: tool.cliInputYaml,
      cwd: io.cwd,
    });
    if (clusterStateFile === undefined) {
      throw new UsageError('the following arguments are required: --cluster-state');
    }
    // The library's fixed default seed unless one is given: a dry run is reproducible, and
    // the plan (--explain) and the run (--save) make the same choices.
    const seed =
      tool.seed === undefined ? DEFAULT_SEED : readScalarParameter('--seed', tool.seed, io.cwd);
    const file = clusterStateFile;
    if (tool.report !== undefined) {
      (await import('./report/write-text-file.js')).checkTextFileTarget(tool.report, io.cwd);
    }
    log(`cluster state ${file}, seed ${JSON.stringify(seed)}, now ${new Date(now).toISOString()}`);
    log(`request ${JSON.stringify(input)}`);
    const place = (snapshot: unknown) => {
      const cluster = openCluster(file, snapshot);
      checkSnapshotRegion(snapshot, globals.region, file, io, RUN_TASK_CONTEXT.commandPath);
      return placeTasks(cluster, input, { seed, now }, tool, presentation, io);
    };
    // With --save, the placement is printed only once it is recorded in the file.
    const placement =
      tool.save === true
        ? await (await import('./place-and-save.js')).placeAndSave(file, io.cwd, place)
        : place(loadClusterState(file, io.cwd).snapshot);
    log(
      `placed ${placement.response.tasks.length} task(s), ${placement.response.failures.length} failure(s)${tool.save === true ? (placement.changed ? `; saved ${file}` : '; nothing to save') : ''}`,
    );
    if (placement.html !== undefined && tool.report !== undefined) {
      const { runTaskReport, writeReport } = await import('./report/write-report.js');
      const { before, after, explanation } = placement.html;
      const data = runTaskReport(
        before,
        after,
        placement.response,
        explanation,
        JSON.stringify(input),
      );
      writeReport(tool.report, io.cwd, data);
    }
    if (placement.report !== undefined) io.stderr.write(placement.report);
    io.stdout.write(placement.printed);
    return ExitCode.success;
  });
}

interface TaskPlacement extends Placement {
  response: RunTaskOutput;
  /** The response as printed: rendered before any save, so a failing --query saves nothing. */
  printed: string;
  /** The --explain report. */
  report?: string;
  /** What --report draws: the instances before and after, and the plan's explanation. */
  html?: { before: InstanceUsage[]; after: InstanceUsage[]; explanation: PlacementExplanation };
}

function placeTasks(
  cluster: Cluster,
  json: RunTaskInput,
  clock: { seed: string; now: number },
  tool: ToolOptions,
  presentation: Presentation,
  io: CliIO,
): TaskPlacement {
  // The request as the command line and --cli-input-json gave it: JSON, checked here by the
  // library's untyped entry (InvalidParameterException naming the member).
  const input = parseRunTaskInput(json);
  let response: RunTaskOutput;
  let report: string | undefined;
  let html: TaskPlacement['html'];
  if (presentation.explain !== undefined || tool.report !== undefined) {
    const before = tool.report !== undefined ? cluster.instanceUsage(input.cluster) : [];
    const { explanation, replayOf, ...planned } = cluster.planRunTask(input, clock);
    if (presentation.explain !== undefined) {
      // A clientToken replay tries no task at all.
      const count = replayOf ? 0 : (input.count ?? 1);
      const width = reportWidth(io.stderr, io.env);
      report = presentation.explain(explanation, {
        color: presentation.explainColor,
        width,
        count,
      });
    }
    response = tool.save === true ? cluster.runTask(input, clock) : planned;
    if (tool.report !== undefined) {
      // The instances after the placement: kept by --save, else placed again and undone.
      const after =
        tool.save === true
          ? cluster.instanceUsage(input.cluster)
          : cluster.whatIf((c) => {
              c.runTask(input, clock);
              return c.instanceUsage(input.cluster);
            }, input.cluster);
      html = { before, after, explanation };
    }
  } else {
    response = cluster.runTask(input, clock);
  }
  return {
    response,
    printed: presentation.render(response),
    ...(report !== undefined ? { report } : {}),
    ...(html !== undefined ? { html } : {}),
    // A run that placed nothing changed nothing, unless it used a clientToken: the token is
    // kept in the file for a retry to find.
    changed: response.tasks.length > 0 || input.clientToken !== undefined,
    snapshot: () => cluster.toSnapshot(),
  };
}

function openCluster(file: string, snapshot: unknown): Cluster {
  try {
    return Cluster.fromSnapshot(snapshot);
  } catch (error) {
    throw clusterStateProblem(file, error);
  }
}

const RUN_TASK_HELP_FOOTER = `
Structured options take JSON, the AWS CLI shorthand syntax or file://path, e.g.
  --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory
  --placement-constraints 'type=memberOf,expression="attribute:ecs.instance-type =~ t2.*"'
  --network-configuration 'awsvpcConfiguration={subnets=[subnet-1,subnet-2],assignPublicIp=DISABLED}'
  --overrides file://overrides.json

Exit status: 0 response printed (even with failures), 252 bad command line,
254 service error (e.g. InvalidParameterException), 255 cluster state not loadable or savable.
`;
