/**
 * `ecs-placement run-task`: the options of `aws ecs run-task` plus `--cluster-state`,
 * `--seed`, `--explain` and `--save`; prints the RunTask response as the AWS CLI does.
 */
import type { Command } from 'commander';
import { Cluster, DEFAULT_SEED } from '../api/cluster.js';
import { parseRunTaskInput } from '../api/validate-run-task.js';
import type { RunTaskInput, RunTaskOutput } from '../kernel/run-task-types.js';
import { promptForParameters } from './auto-prompt.js';
import { buildRunTaskInput, type RawRequestOptions } from './build-run-task-input.js';
import { readCliInput } from './cli-input.js';
import { type CliIO, useColor } from './cli-io.js';
import { type CommandContext, runCommandBody } from './command-outcome.js';
import { ExitCode } from './exit-codes.js';
import { renderExplainReport } from './explain-report.js';
import { formatJson } from './format-json.js';
import { readScalarParameter } from './parse-parameter.js';
import { clusterStateProblem, loadClusterState } from './load-cluster-state.js';
import { type Placement, placeAndSave } from './place-and-save.js';
import { reportWidth } from './report-width.js';
import { defineRunTaskArguments, type ToolOptions } from './run-task-arguments.js';
import { parseSkeletonKind, renderRunTaskSkeleton } from './skeleton.js';
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
  command.action(async (values: Record<string, unknown>) => {
    const { options, tool } = readArguments(values);
    report(await runTask(options, tool, io));
  });
  return command;
}

export function runTask(options: RawRequestOptions, tool: ToolOptions, io: CliIO): Promise<number> {
  return runCommandBody(io, RUN_TASK_CONTEXT, async () => {
    if (tool.generateCliSkeleton !== undefined) {
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
    const place = (snapshot: unknown) =>
      placeTasks(openCluster(file, snapshot), input, seed, tool, io);
    // With --save, the placement is printed only once it is recorded in the file.
    const placement =
      tool.save === true
        ? await placeAndSave(file, io.cwd, place)
        : place(loadClusterState(file, io.cwd).snapshot);
    if (placement.report !== undefined) io.stderr.write(placement.report);
    io.stdout.write(formatJson(placement.response));
    return ExitCode.success;
  });
}

interface TaskPlacement extends Placement {
  response: RunTaskOutput;
  /** The --explain report. */
  report?: string;
}

function placeTasks(
  cluster: Cluster,
  json: RunTaskInput,
  seed: string,
  tool: ToolOptions,
  io: CliIO,
): TaskPlacement {
  // The request as the command line and --cli-input-json gave it: JSON, checked here by the
  // library's untyped entry (InvalidParameterException naming the member).
  const input = parseRunTaskInput(json);
  let response: RunTaskOutput;
  let report: string | undefined;
  if (tool.explain === true) {
    const { explanation, replayOf, ...planned } = cluster.planRunTask(input, { seed });
    report = renderExplainReport(explanation, {
      color: useColor(io.stderr, io.env),
      width: reportWidth(io.stderr, io.env),
      // A clientToken replay tries no task at all.
      count: replayOf ? 0 : (input.count ?? 1),
    });
    response = tool.save === true ? cluster.runTask(input, { seed }) : planned;
  } else {
    response = cluster.runTask(input, { seed });
  }
  return {
    response,
    ...(report !== undefined ? { report } : {}),
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
