/**
 * The command-line options of `run-task` as commander options, and the reading of the
 * parsed values back into request options and tool options.
 */
import { type Command, Option } from 'commander';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import type { RawRequestOptions } from './build-run-task-input.js';
import { RUN_TASK_OPTIONS, shapeOf } from './run-task-options.js';

/** The options of our own, beside those of the request. */
export interface ToolOptions {
  clusterState?: string;
  cliInputJson?: string;
  cliInputYaml?: string;
  generateCliSkeleton?: string | true;
  cliAutoPrompt?: boolean;
  seed?: string;
  /** `--explain` alone is true; with a value, the mode as given. */
  explain?: string | true;
  now?: string;
  save?: boolean;
  /** `--report FILE.html` (src/cli/report/). */
  report?: string;
}

export interface RunTaskArguments {
  options: RawRequestOptions;
  tool: ToolOptions;
}

/** Adds every run-task option to `command`; returns how to read the parsed values. */
export function defineRunTaskArguments(
  command: Command,
): (values: Record<string, unknown>) => RunTaskArguments {
  command.option('--cluster-state <file>', 'the cluster snapshot JSON file (required)');

  // Request field -> the attribute commander stores the option's value under.
  const attributes = new Map<keyof RunTaskInput, string>();
  for (const option of RUN_TASK_OPTIONS) {
    const shape = shapeOf(option);
    const description = option.shorthand
      ? `${option.description}\n  shorthand: ${option.shorthand}`
      : option.description;
    // Lists take several arguments: one list item each, as in the AWS CLI.
    const argument =
      shape.kind === 'boolean' ? '' : shape.kind === 'list' ? ' <value...>' : ' <value>';
    const registered = new Option(`${option.flag}${argument}`, description);
    command.addOption(registered);
    if (shape.kind === 'boolean') {
      command.addOption(
        new Option(`--no-${option.flag.slice(2)}`, `the opposite of ${option.flag}`),
      );
    }
    attributes.set(option.field, registered.attributeName());
  }

  command
    .option(
      '--cli-input-json <value>',
      'the request as JSON (text or file://); options override it',
    )
    .option(
      '--cli-input-yaml <value>',
      'the request as YAML (text or file://); options override it',
    )
    .option(
      '--generate-cli-skeleton [value]',
      'print a sample request (input, the default), response (output) or YAML request (yaml-input)',
    )
    .option('--cli-auto-prompt', 'ask for the parameters interactively (needs a terminal)')
    .option('--no-cli-auto-prompt', 'do not prompt (the default)')
    .option('--seed <seed>', 'seed of the random choices (same seed + same input = same placement)')
    .option(
      '--explain [mode]',
      'print on stderr why each instance was or was not chosen: summary, full (the default) or json',
    )
    .option('--now <time>', 'the clock: ISO 8601 or epoch seconds (same seed + time = same output)')
    .option('--save', 'write the updated cluster state back to the --cluster-state file')
    .option('--report <file>', 'also write an HTML report (docs/what-if.md, "HTML reports")');

  return (values) => {
    const options: RawRequestOptions = {};
    for (const [field, attribute] of attributes) {
      const value = values[attribute];
      if (typeof value === 'string' || typeof value === 'boolean') options[field] = value;
      else if (Array.isArray(value)) options[field] = value.map(String);
    }
    const tool: ToolOptions = {};
    const text = (name: string) => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    };
    const flag = (name: string) => {
      const value = values[name];
      return typeof value === 'boolean' ? value : undefined;
    };
    assign(tool, 'clusterState', text('clusterState'));
    assign(tool, 'cliInputJson', text('cliInputJson'));
    assign(tool, 'cliInputYaml', text('cliInputYaml'));
    const skeleton = values['generateCliSkeleton'];
    if (skeleton === true || typeof skeleton === 'string') tool.generateCliSkeleton = skeleton;
    assign(tool, 'cliAutoPrompt', flag('cliAutoPrompt'));
    assign(tool, 'seed', text('seed'));
    const explain = values['explain'];
    if (explain === true || typeof explain === 'string') tool.explain = explain;
    assign(tool, 'now', text('now'));
    assign(tool, 'save', flag('save'));
    assign(tool, 'report', text('report'));
    return { options, tool };
  };
}

/** Sets a property only when there is a value (exactOptionalPropertyTypes). */
function assign<K extends keyof ToolOptions>(
  target: ToolOptions,
  key: K,
  value: ToolOptions[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
