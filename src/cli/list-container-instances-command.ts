/**
 * `ecs-placement list-container-instances`: the container instance ARNs of a cluster
 * snapshot, optionally filtered by a Cluster Query Language expression and a status, printed
 * as the AWS CLI prints them (`--output`, `--query` and the other global options).
 */
import type { Command } from 'commander';
import { Cluster } from '../api/cluster.js';
import type { ListContainerInstancesInput } from '../kernel/run-task-types.js';
import type { CliIO } from './cli-io.js';
import { type CommandContext, runCommandBody } from './command-outcome.js';
import { debugLog } from './debug-log.js';
import { ExitCode } from './exit-codes.js';
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
import { loadRenderer } from './output/render-response.js';
import { readScalarParameter } from './parse-parameter.js';
import { UsageError } from './usage-error.js';

export const LIST_CONTAINER_INSTANCES_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement list-container-instances',
  usage: '--cluster-state FILE [--cluster <value>] [--filter <value>] [--status <value>]',
  operation: 'ListContainerInstances',
};

type Status = NonNullable<ListContainerInstancesInput['status']>;
const STATUSES: readonly Status[] = [
  'ACTIVE',
  'DRAINING',
  'REGISTERING',
  'DEREGISTERING',
  'REGISTRATION_FAILED',
];

interface ListOptions {
  clusterState?: string;
  cluster?: string;
  filter?: string;
  status?: string;
}

export function registerListContainerInstances(
  program: Command,
  io: CliIO,
  report: (code: number) => void,
): Command {
  const command = program
    .command('list-container-instances')
    .summary('list container instance ARNs, like aws ecs list-container-instances')
    .description(
      'Prints the ARNs of the container instances of a cluster snapshot that match a Cluster ' +
        'Query Language filter and a status. Without --status every instance is listed except ' +
        'INACTIVE ones.',
    )
    .usage(LIST_CONTAINER_INSTANCES_CONTEXT.usage)
    .option('--cluster-state <file>', 'the cluster snapshot JSON file (required)')
    .option('--cluster <value>', 'cluster short name or ARN (default: "default")')
    .option(
      '--filter <value>',
      'Cluster Query Language expression, e.g. "attribute:ecs.instance-type =~ t2.*"',
    )
    .option('--status <value>', STATUSES.join(' | '));
  const readGlobals = defineGlobalOptions(command, { output: true });
  return command
    .addHelpText(
      'after',
      '\nExit status: 0 list printed, 252 bad command line, 254 service error (a bad --filter is\nInvalidParameterException), 255 cluster state not loadable.\n',
    )
    .action(async (values: ListOptions & Record<string, unknown>) => {
      report(await listContainerInstances(values, io, () => readGlobals(values)));
    });
}

export function listContainerInstances(
  options: ListOptions,
  io: CliIO,
  readGlobals: () => GlobalOptions = () => DEFAULT_GLOBAL_OPTIONS,
): Promise<number> {
  const { commandPath } = LIST_CONTAINER_INSTANCES_CONTEXT;
  return runCommandBody(io, LIST_CONTAINER_INSTANCES_CONTEXT, async () => {
    const globals = readGlobals();
    const log = debugLog(globals.debug, io, commandPath);
    const output = resolveOutputFormat(globals, io.env);
    const render = await loadRenderer({
      format: output.format,
      query: globals.query,
      operation: 'ListContainerInstances',
      color: colorFor(globals.color, io.stdout, io.env),
      terminalWidth: terminalWidth(io.stdout),
      timeZone: io.env['TZ'],
    });
    log(
      `output ${output.format} (from ${output.from})${globals.query === undefined ? '' : `, query ${globals.query}`}`,
    );
    if (globals.ignored.length > 0) {
      log(`accepted and ignored (nothing is sent to AWS): ${globals.ignored.join(', ')}`);
    }
    if (options.clusterState === undefined) {
      throw new UsageError('the following arguments are required: --cluster-state');
    }
    // Every value may also come from a file (file://), as in the AWS CLI.
    const read = (flag: string, raw: string | undefined) =>
      raw === undefined ? undefined : readScalarParameter(flag, raw, io.cwd);
    const cluster = read('--cluster', options.cluster);
    const filter = read('--filter', options.filter);
    const statusText = read('--status', options.status);
    const status = statusText === undefined ? undefined : parseStatus(statusText);
    log(`cluster state ${options.clusterState}`);
    const { snapshot } = loadClusterState(options.clusterState, io.cwd);
    let state: Cluster;
    try {
      state = Cluster.fromSnapshot(snapshot);
    } catch (error) {
      throw clusterStateProblem(options.clusterState, error);
    }
    checkSnapshotRegion(snapshot, globals.region, options.clusterState, io, commandPath);
    const input: ListContainerInstancesInput = {};
    if (cluster !== undefined) input.cluster = cluster;
    if (filter !== undefined) input.filter = filter;
    if (status !== undefined) input.status = status;
    const response = state.listContainerInstances(input);
    log(`listed ${response.containerInstanceArns.length} container instance(s)`);
    io.stdout.write(render(response));
    return ExitCode.success;
  });
}

function parseStatus(value: string): Status {
  const status = STATUSES.find((s) => s === value);
  if (!status) {
    throw new UsageError(
      `argument --status: invalid choice: '${value}' (choose from ${STATUSES.join(', ')})`,
    );
  }
  return status;
}
