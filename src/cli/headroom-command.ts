/**
 * `ecs-placement headroom`: how many more tasks like a run-task request the cluster can take
 * (docs/what-if.md, "Headroom"). Takes run-task's request options; prints JSON (`--output`,
 * `--query`); `--explain` lists on stderr what each instance ran out of.
 */
import type { Command } from 'commander';
import { DEFAULT_SEED } from '../api/cluster.js';
import { parseRunTaskInput } from '../api/validate-run-task.js';
import {
  HEADROOM_DEFAULT_MAX_TASKS,
  HEADROOM_MAX_TASKS_LIMIT,
  HEADROOM_TASKS_PER_CALL,
  type HeadroomResult,
} from '../whatif/headroom.js';
import { buildRunTaskInput } from './build-run-task-input.js';
import type { CliIO } from './cli-io.js';
import { type CommandContext, runCommandBody } from './command-outcome.js';
import { ExitCode } from './exit-codes.js';
import { defineGlobalOptions } from './global-options.js';
import { parseNow } from './now-option.js';
import { readScalarParameter } from './parse-parameter.js';
import { defineRunTaskArguments } from './run-task-arguments.js';
import { UsageError } from './usage-error.js';
import { hideOptions, openClusterState, readCount, whatIfRenderer } from './what-if-request.js';

export const HEADROOM_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement headroom',
  usage: '--cluster-state FILE --task-definition <value> [run-task options] [--max-tasks N]',
  operation: 'RunTask',
};

/** run-task options that mean nothing here: hidden from the help and refused. */
const NOT_TAKEN = ['--save', '--generate-cli-skeleton', '--cli-auto-prompt'] as const;

export function registerHeadroom(
  program: Command,
  io: CliIO,
  report: (code: number) => void,
): Command {
  const command = program
    .command('headroom')
    .summary('how many more tasks like a run-task request fit, and what stops them')
    .description(
      'Places the request again and again, one RunTask call at a time (calls of --count ' +
        `tasks, ${HEADROOM_TASKS_PER_CALL} when no --count is given), until a call leaves a task unplaced; prints ` +
        'the tasks placed in total, per capacity provider and per Availability Zone, and the ' +
        'check that rejects each instance at the end. Nothing is saved.',
    )
    .usage(HEADROOM_CONTEXT.usage)
    .option(
      '--max-tasks <n>',
      `stop after this many tasks (default ${HEADROOM_DEFAULT_MAX_TASKS.toLocaleString('en-US')}, at most ${HEADROOM_MAX_TASKS_LIMIT.toLocaleString('en-US')})`,
    );
  const readArguments = defineRunTaskArguments(command);
  hideOptions(command, NOT_TAKEN);
  const readGlobals = defineGlobalOptions(command, { output: true });
  command.action(async (values: Record<string, unknown>) => {
    report(
      await runCommandBody(io, HEADROOM_CONTEXT, async () => {
        const { options, tool } = readArguments(values);
        for (const flag of NOT_TAKEN) {
          const key = flag.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
          if (values[key] !== undefined && values[key] !== false) {
            throw new UsageError(`headroom does not take ${flag}: it changes nothing`);
          }
        }
        const globals = readGlobals(values);
        const render = await whatIfRenderer(globals, io, 'Headroom');
        const maxTasks =
          typeof values['maxTasks'] === 'string'
            ? readCount('--max-tasks', values['maxTasks'], 1, HEADROOM_MAX_TASKS_LIMIT)
            : HEADROOM_DEFAULT_MAX_TASKS;
        const now =
          tool.now === undefined
            ? Date.now()
            : parseNow(readScalarParameter('--now', tool.now, io.cwd));
        const seed =
          tool.seed === undefined ? DEFAULT_SEED : readScalarParameter('--seed', tool.seed, io.cwd);
        const json = buildRunTaskInput({
          options,
          cliInputJson: tool.cliInputJson,
          cliInputYaml: tool.cliInputYaml,
          cwd: io.cwd,
        });
        const { cluster } = openClusterState(
          tool.clusterState,
          io,
          globals,
          HEADROOM_CONTEXT.commandPath,
        );
        const input = parseRunTaskInput(json);
        const explain = tool.explain !== undefined;
        // --report comes with run-task's options.
        const reportFile = tool.report;
        if (reportFile !== undefined) {
          (await import('./report/write-text-file.js')).checkTextFileTarget(reportFile, io.cwd);
        }
        const before = reportFile !== undefined ? cluster.instanceUsage(input.cluster) : [];
        const result = cluster.headroom(input, {
          seed,
          now,
          maxTasks,
          explain: explain || reportFile !== undefined,
        });
        const { instances: _instances, ...answer } = result;
        const printed = render(answer);
        if (reportFile !== undefined) {
          const { headroomReport, writeReport } = await import('./report/write-report.js');
          writeReport(reportFile, io.cwd, headroomReport(before, result, requestText(input)));
        }
        if (explain) io.stderr.write(explainHeadroom(result));
        io.stdout.write(printed);
        return ExitCode.success;
      }),
    );
  });
  return command;
}

/** The request in a line, for a report's subtitle. */
export function requestText(input: object): string {
  return JSON.stringify(input);
}

/** `--explain`: one line per instance, what it took and what it ran out of. */
export function explainHeadroom(result: HeadroomResult): string {
  const lines = [`headroom: ${result.total} task(s); ${result.reason}`];
  for (const instance of result.instances ?? []) {
    const name = instance.ec2InstanceId ?? instance.containerInstanceArn;
    const where = `${instance.availabilityZone}, ${instance.capacityProvider}`;
    const why =
      instance.rejectedBy !== undefined
        ? `then ${instance.rejectedBy.check}: ${instance.rejectedBy.detail}`
        : instance.status !== 'ACTIVE'
          ? instance.status
          : 'still fits';
    lines.push(`  ${name} (${where}): +${instance.placed}, ${why}`);
  }
  return `${lines.join('\n')}\n`;
}
