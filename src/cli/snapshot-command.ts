/**
 * `ecs-placement snapshot import` and `ecs-placement snapshot capture`: build a cluster
 * snapshot (the `--cluster-state` file) from AWS CLI outputs, or straight from an account.
 * The snapshot goes to stdout, or atomically to --out; notes and progress go to stderr. On
 * any problem nothing is written.
 */
import type { Command } from 'commander';
import type { Snapshot } from '../kernel/ecs-types.js';
import { explainCaptureFailure } from '../snapshot/capture/capture-errors.js';
import { CAPTURE_PERMISSIONS } from '../snapshot/capture/capture-permissions.js';
import { captureSnapshot } from '../snapshot/capture/capture-snapshot.js';
import type { SdkImporters } from '../snapshot/capture/load-aws-sdk.js';
import { progressOn } from '../snapshot/capture/progress.js';
import { SnapshotImportError } from '../snapshot/import/import-error.js';
import { importSnapshot } from '../snapshot/import/import-snapshot.js';
import { readImportSources, STDIN } from '../snapshot/import/read-sources.js';
import type { CliIO } from './cli-io.js';
import { type CommandContext, formatUsageError, runCommandBody } from './command-outcome.js';
import { debugLog } from './debug-log.js';
import {
  DEFAULT_GLOBAL_OPTIONS,
  defineGlobalOptions,
  type GlobalOptions,
} from './global-options.js';
import { writeOutputFile } from './write-output-file.js';
import { ExitCode } from './exit-codes.js';
import { UsageError } from './usage-error.js';

export const SNAPSHOT_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement snapshot',
  usage: '<import|capture> [options]',
  operation: '',
};

const IMPORT_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement snapshot import',
  usage: '[PATH...] [--out FILE] [--region <value>] [--account-id <value>] [--allow-partial]',
  operation: '',
};

const CAPTURE_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement snapshot capture',
  usage:
    '--cluster NAME [--task-definition <value>...] [--out FILE] [--region <value>] ' +
    '[--profile <value>] [--endpoint-url URL] [--no-subnets] [--allow-partial]',
  operation: '',
};

interface ImportOptions {
  out?: string;
  region?: string;
  accountId?: string;
  allowPartial?: boolean;
}

interface CaptureCommandOptions {
  cluster?: string[];
  taskDefinition?: string[];
  out?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  subnets?: boolean;
  allowPartial?: boolean;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function registerSnapshot(
  program: Command,
  io: CliIO,
  report: (code: number) => void,
): Command {
  const snapshot = program
    .command('snapshot')
    .summary('build a cluster snapshot from AWS CLI outputs or from an account')
    .description(
      'Builds the snapshot file that --cluster-state reads: `snapshot import` from the JSON ' +
        'outputs of AWS CLI describe-* calls, `snapshot capture` straight from an account with ' +
        'the AWS SDK. See docs/snapshot.md.',
    )
    .usage(SNAPSHOT_CONTEXT.usage);

  const importCommand = snapshot
    .command('import')
    .summary('build a snapshot from AWS CLI describe-* outputs')
    .description(
      'Builds a snapshot from the JSON outputs (--output json) of aws ecs describe-clusters, ' +
        'list-/describe-container-instances, list-/describe-tasks, describe-task-definition, ' +
        'describe-capacity-providers and aws ec2 describe-subnets. Each PATH is a file, a ' +
        'directory (every *.json file in it, in name order) or - for stdin; without PATH, ' +
        'stdin is read. A file or stdin may hold several outputs one after another. Outputs are ' +
        'recognised by their shape, not their file name; pages are merged and duplicates dropped.',
    )
    .usage(IMPORT_CONTEXT.usage)
    .argument('[path...]', 'files, directories or - (stdin)')
    .option('--out <file>', 'write the snapshot to FILE (atomically) instead of stdout')
    .option('--region <value>', 'the region, when no ARN tells it (must agree with the ARNs)')
    .option('--account-id <value>', 'the 12-digit account id, when no ARN tells it')
    .option(
      '--allow-partial',
      'leave out tasks whose container instance is not among the inputs, and listed ' +
        'instances or tasks never described, instead of refusing',
    )
    .addHelpText('after', IMPORT_HELP_FOOTER);
  const readImportGlobals = defineGlobalOptions(importCommand, { output: false, own: ['region'] });
  importCommand.action(async (paths: string[], values: ImportOptions & Record<string, unknown>) => {
    report(await snapshotImport(paths, values, io, () => readImportGlobals(values)));
  });
  importCommand.exitOverride().configureOutput(commandOutput(io, IMPORT_CONTEXT));

  const captureCommand = snapshot
    .command('capture')
    .summary('capture a snapshot from an account with the AWS SDK')
    .description(
      'Captures the snapshot of a cluster from the account the AWS SDK credentials belong ' +
        'to: the cluster, its container instances and tasks (every page), the task ' +
        'definitions of the tasks and those named with --task-definition, the capacity ' +
        'providers the cluster uses, and the subnets of its instances and tasks and of their ' +
        'VPCs. Credentials and region come from the SDK standard chain (environment, ' +
        '--profile or AWS_PROFILE, SSO, roles).',
    )
    .usage(CAPTURE_CONTEXT.usage)
    .option(
      '--cluster <value>',
      'cluster short name or ARN (required; repeat for several)',
      collect,
    )
    .option('--task-definition <value>', 'also describe this task definition (repeatable)', collect)
    .option('--out <file>', 'write the snapshot to FILE (atomically) instead of stdout')
    .option('--region <value>', 'the region (default: AWS_REGION or the profile)')
    .option('--profile <value>', 'a profile of ~/.aws/config and ~/.aws/credentials')
    .option('--endpoint-url <value>', 'send ECS and EC2 calls to this URL (e.g. a local endpoint)')
    .option('--no-subnets', 'do not describe subnets (no ec2:DescribeSubnets call)')
    .option('--allow-partial', 'as for snapshot import')
    .addHelpText('after', CAPTURE_HELP_FOOTER);
  const readCaptureGlobals = defineGlobalOptions(captureCommand, {
    output: false,
    own: ['region', 'profile', 'endpointUrl'],
  });
  captureCommand.action(async (values: CaptureCommandOptions & Record<string, unknown>) => {
    report(await snapshotCapture(values, io, {}, () => readCaptureGlobals(values)));
  });
  captureCommand.exitOverride().configureOutput(commandOutput(io, CAPTURE_CONTEXT));

  return snapshot;
}

export function snapshotImport(
  paths: readonly string[],
  options: ImportOptions,
  io: CliIO,
  readGlobals: () => GlobalOptions = () => DEFAULT_GLOBAL_OPTIONS,
): Promise<number> {
  const command = IMPORT_CONTEXT.commandPath;
  return runCommandBody(io, IMPORT_CONTEXT, async () => {
    logGlobals(readGlobals(), io, command, `inputs ${paths.length > 0 ? paths.join(' ') : '-'}`);
    const region = options.region === undefined ? undefined : checkRegion(options.region);
    const accountId =
      options.accountId === undefined ? undefined : checkAccountId(options.accountId);
    const sources = inputsOf(paths, io);
    try {
      const documents = await readImportSources(sources, {
        cwd: io.cwd,
        readStdin: () => readAll(io.stdin),
      });
      const result = importSnapshot(documents, {
        ...(region !== undefined ? { region } : {}),
        ...(accountId !== undefined ? { accountId } : {}),
        ...(options.allowPartial === true ? { allowPartial: true } : {}),
      });
      printNotes(io, command, result.notes);
      return await writeSnapshot(
        result.snapshot,
        options.out,
        io,
        command,
        `${documents.length} documents`,
      );
    } catch (error) {
      if (!(error instanceof SnapshotImportError)) throw error;
      io.stderr.write(`${command}: error: ${error.message}\n${NOTHING_WRITTEN}`);
      return ExitCode.toolError;
    }
  });
}

/** Tests replace how the SDK is loaded, to check the message when it is missing. */
export interface CaptureHooks {
  importers?: SdkImporters;
}

export function snapshotCapture(
  options: CaptureCommandOptions,
  io: CliIO,
  hooks: CaptureHooks = {},
  readGlobals: () => GlobalOptions = () => DEFAULT_GLOBAL_OPTIONS,
): Promise<number> {
  const command = CAPTURE_CONTEXT.commandPath;
  return runCommandBody(io, CAPTURE_CONTEXT, async () => {
    logGlobals(readGlobals(), io, command, `clusters ${(options.cluster ?? []).join(' ')}`);
    const clusters = options.cluster ?? [];
    if (clusters.length === 0)
      throw new UsageError('the following arguments are required: --cluster');
    const region = options.region === undefined ? undefined : checkRegion(options.region);
    const endpointUrl =
      options.endpointUrl === undefined ? undefined : checkEndpoint(options.endpointUrl);
    try {
      const result = await captureSnapshot({
        clusters,
        taskDefinitions: options.taskDefinition ?? [],
        region,
        profile: options.profile,
        endpointUrl,
        subnets: options.subnets !== false,
        allowPartial: options.allowPartial === true,
        progress: progressOn(io.stderr, `${command}: `),
        ...(hooks.importers ? { importers: hooks.importers } : {}),
      });
      printNotes(io, command, result.notes);
      return await writeSnapshot(
        result.snapshot,
        options.out,
        io,
        command,
        `${result.calls} calls`,
      );
    } catch (error) {
      if (error instanceof SnapshotImportError) {
        io.stderr.write(`${command}: error: ${error.message}\n${NOTHING_WRITTEN}`);
        return ExitCode.toolError;
      }
      const failure = explainCaptureFailure(error, command);
      if (!failure) throw error;
      io.stderr.write(`${failure.text}${NOTHING_WRITTEN}`);
      return failure.kind === 'configuration'
        ? ExitCode.configuration
        : failure.kind === 'service'
          ? ExitCode.serviceError
          : ExitCode.toolError;
    }
  });
}

const NOTHING_WRITTEN = 'No snapshot was written.\n';

/**
 * The AWS CLI's global options here: `--debug` says what is read; the others are accepted
 * (the SDK's own settings apply to a capture's connections) and --debug names them.
 */
function logGlobals(globals: GlobalOptions, io: CliIO, command: string, what: string): void {
  const log = debugLog(globals.debug, io, command);
  log(what);
  if (globals.ignored.length > 0) log(`accepted and ignored: ${globals.ignored.join(', ')}`);
}

function inputsOf(paths: readonly string[], io: CliIO): string[] {
  if (paths.filter((p) => p === STDIN).length > 1) {
    throw new UsageError('stdin (-) can be read only once');
  }
  if (paths.length > 0) return [...paths];
  if (io.stdin.isTTY === true) {
    throw new UsageError(
      'no input: give the AWS CLI output files or directories, or pipe them on stdin',
    );
  }
  return [STDIN];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function checkRegion(region: string): string {
  if (!/^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$/.test(region)) {
    throw new UsageError(
      `argument --region: expected a region name such as eu-west-1, got '${region}'`,
    );
  }
  return region;
}

function checkAccountId(accountId: string): string {
  if (!/^[0-9]{12}$/.test(accountId)) {
    throw new UsageError(`argument --account-id: expected 12 digits, got '${accountId}'`);
  }
  return accountId;
}

function checkEndpoint(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new UsageError(
      `argument --endpoint-url: expected an http:// or https:// URL, got '${url}'`,
    );
  }
  return url;
}

function printNotes(io: CliIO, command: string, notes: readonly string[]): void {
  for (const note of notes) io.stderr.write(`${command}: note: ${note}\n`);
}

async function writeSnapshot(
  snapshot: Snapshot,
  out: string | undefined,
  io: CliIO,
  command: string,
  from: string,
): Promise<number> {
  const summary = describeSnapshot(snapshot);
  if (out === undefined) {
    io.stdout.write(`${JSON.stringify(snapshot, null, 2)}\n`);
    io.stderr.write(`${command}: ${summary} (from ${from})\n`);
    return ExitCode.success;
  }
  try {
    await writeOutputFile(out, io.cwd, snapshot);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `${command}: error: could not write the snapshot to ${out}: ${reason}\n${NOTHING_WRITTEN}`,
    );
    return ExitCode.toolError;
  }
  io.stderr.write(`${command}: wrote ${out}: ${summary} (from ${from})\n`);
  return ExitCode.success;
}

/** `cluster shop (5 container instances, 4 tasks), 2 task definitions, ... in eu-west-1` */
function describeSnapshot(snapshot: Snapshot): string {
  const clusters = snapshot.clusters
    .map(
      (c) =>
        `${c.clusterName} (${count(c.containerInstances.length, 'container instance')}, ${count(c.tasks.length, 'task')})`,
    )
    .join(', ');
  const parts = [
    `${snapshot.clusters.length === 1 ? 'cluster' : 'clusters'} ${clusters}`,
    count(snapshot.taskDefinitions.length, 'task definition'),
    count(snapshot.capacityProviders?.length ?? 0, 'capacity provider'),
    count(Object.keys(snapshot.subnets ?? {}).length, 'subnet'),
  ];
  return `${parts.join(', ')}; region ${snapshot.region}, account ${snapshot.accountId}`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** Help to stdout; parse errors to stderr in our usage-error form (as main.ts does). */
function commandOutput(io: CliIO, context: CommandContext) {
  return {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string) => {
      io.stderr.write(formatUsageError(context, text.trim().replace(/^error: /, '')));
    },
  };
}

const IMPORT_HELP_FOOTER = `
Example (docs/snapshot.md gives the aws commands that produce the inputs):
  ecs-placement snapshot import examples/aws-cli --out /tmp/my-cluster.json
  ecs-placement run-task --cluster-state /tmp/my-cluster.json --cluster shop --task-definition web

Exit status: 0 snapshot written, 252 bad command line, 255 an input is unreadable, not
JSON, not a known AWS CLI output, inconsistent or incomplete, or the snapshot could not be
written (nothing is written then).
`;

const CAPTURE_HELP_FOOTER = `
Needs @aws-sdk/client-ecs and @aws-sdk/client-ec2 (optional dependencies, installed by
default) and the IAM permissions ${CAPTURE_PERMISSIONS.join(', ')}.

Exit status: 0 snapshot written, 252 bad command line, 253 no credentials or region,
254 the service answered with an error (e.g. AccessDeniedException), 255 no connection,
SDK missing, or the snapshot could not be written (nothing is written then).
`;
