/**
 * The AWS CLI's global options, accepted after the command name so that a command line
 * copied from `aws ecs ...` runs here unchanged. Those that mean something offline are used
 * (`--output`, `--query`, `--color`, `--debug`, and `--region`, checked against the
 * snapshot); the others are checked as the AWS CLI checks them, then ignored (nothing is
 * sent anywhere), and `--debug` says so.
 */
import { type Command, Option } from 'commander';
import type { CliIO, OutputStream } from './cli-io.js';
import { isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from './output/render-response.js';
import { UsageError } from './usage-error.js';

export type ColorMode = 'on' | 'off' | 'auto';
const COLOR_MODES: readonly ColorMode[] = ['on', 'off', 'auto'];

export interface GlobalOptions {
  /** `--output` as given (see resolveOutputFormat for the default). */
  output?: string;
  query?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  color: ColorMode;
  debug: boolean;
  /** Options accepted and ignored, as written, for --debug. */
  ignored: string[];
}

/** Which global options a command takes: all, or all but those it defines itself. */
export interface GlobalOptionSet {
  /** `--output` and `--query` (commands that print an API response). */
  output: boolean;
  /** Options the command defines itself, with its own meaning (snapshot capture's). */
  own?: readonly ('region' | 'profile' | 'endpointUrl')[];
}

/** No global option given. */
export const DEFAULT_GLOBAL_OPTIONS: GlobalOptions = { color: 'auto', debug: false, ignored: [] };

const TIMEOUT_HELP = 'accepted for AWS CLI compatibility (seconds; nothing is sent)';

export function defineGlobalOptions(
  command: Command,
  set: GlobalOptionSet,
): (values: Record<string, unknown>) => GlobalOptions {
  const own = new Set(set.own ?? []);
  const add = (flags: string, description: string, hidden = false) => {
    const option = new Option(flags, description);
    if (hidden) option.hideHelp();
    command.addOption(option);
  };
  if (set.output) {
    add(
      '--output <format>',
      `${OUTPUT_FORMATS.join(' | ')} (default: AWS_DEFAULT_OUTPUT, else json)`,
    );
    add('--query <expression>', 'a JMESPath expression applied to the response before printing');
  } else {
    // Taken, to be refused with a reason rather than "unknown option".
    add('--output <format>', 'not available: the snapshot is always JSON', true);
    add('--query <expression>', 'not available: the snapshot is always JSON', true);
  }
  if (!own.has('region')) {
    add('--region <value>', "the snapshot's region: another region is ClusterNotFoundException");
  }
  if (!own.has('profile'))
    add('--profile <value>', 'accepted and ignored (no credentials offline)');
  if (!own.has('endpointUrl')) {
    add('--endpoint-url <value>', 'accepted and ignored (nothing is sent); must have a scheme');
  }
  add('--color <mode>', 'on | off | auto (default auto: colour on a terminal, unless NO_COLOR)');
  add('--debug', 'print what the command does on stderr');
  add('--no-cli-pager', 'accepted (output is never paged)');
  add('--no-paginate', 'accepted (the whole list is always printed)');
  add('--cli-read-timeout <seconds>', TIMEOUT_HELP);
  add('--cli-connect-timeout <seconds>', TIMEOUT_HELP);
  add('--no-verify-ssl', 'accepted and ignored (nothing is sent)');
  add('--ca-bundle <path>', 'accepted and ignored (nothing is sent)');
  add('--no-sign-request', 'accepted and ignored (nothing is signed)');

  return (values) => {
    const text = (name: string) => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    };
    const ignored: string[] = [];
    const options: GlobalOptions = { color: 'auto', debug: values['debug'] === true, ignored };
    const output = text('output');
    const query = text('query');
    if (!set.output && (output !== undefined || query !== undefined)) {
      throw new UsageError(
        `${output !== undefined ? '--output' : '--query'} is not available here: the snapshot is always written as JSON, the format --cluster-state reads`,
      );
    }
    if (output !== undefined) options.output = output;
    if (query !== undefined) options.query = query;
    const color = text('color');
    if (color !== undefined) {
      const mode = COLOR_MODES.find((m) => m === color);
      if (!mode) throw invalidChoice('--color', color, COLOR_MODES);
      options.color = mode;
    }
    if (!own.has('region')) {
      const region = text('region');
      if (region !== undefined) options.region = checkRegionName(region);
    }
    if (!own.has('profile')) {
      const profile = text('profile');
      if (profile !== undefined) {
        options.profile = profile;
        ignored.push(`--profile ${profile}`);
      }
    }
    if (!own.has('endpointUrl')) {
      const endpoint = text('endpointUrl');
      if (endpoint !== undefined) {
        options.endpointUrl = checkEndpointScheme(endpoint);
        ignored.push(`--endpoint-url ${endpoint}`);
      }
    }
    for (const [name, flag] of [
      ['cliReadTimeout', '--cli-read-timeout'],
      ['cliConnectTimeout', '--cli-connect-timeout'],
    ] as const) {
      const seconds = text(name);
      if (seconds === undefined) continue;
      if (!/^[+-]?\d+$/.test(seconds)) {
        throw new UsageError(`argument ${flag}: invalid int value: '${seconds}'`);
      }
      ignored.push(`${flag} ${seconds}`);
    }
    const caBundle = text('caBundle');
    if (caBundle !== undefined) ignored.push(`--ca-bundle ${caBundle}`);
    if (values['cliPager'] === false) ignored.push('--no-cli-pager');
    if (values['paginate'] === false) ignored.push('--no-paginate');
    if (values['verifySsl'] === false) ignored.push('--no-verify-ssl');
    if (values['signRequest'] === false) ignored.push('--no-sign-request');
    return options;
  };
}

/**
 * `--output`, else AWS_DEFAULT_OUTPUT, else json (the AWS CLI's order; its config file's
 * `output` setting is not read).
 */
export function resolveOutputFormat(
  options: GlobalOptions,
  env: CliIO['env'],
): { format: OutputFormat; from: string } {
  if (options.output !== undefined) {
    if (!isOutputFormat(options.output)) {
      throw invalidChoice('--output', options.output, OUTPUT_FORMATS);
    }
    return { format: options.output, from: '--output' };
  }
  const fromEnv = env['AWS_DEFAULT_OUTPUT'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isOutputFormat(fromEnv)) {
      throw new UsageError(
        `AWS_DEFAULT_OUTPUT: invalid output format '${fromEnv}' (choose from ${OUTPUT_FORMATS.join(', ')})`,
      );
    }
    return { format: fromEnv, from: 'AWS_DEFAULT_OUTPUT' };
  }
  return { format: 'json', from: 'default' };
}

/** Whether to colour what goes to `stream`: `--color on|off`, or auto (a terminal, no NO_COLOR). */
export function colorFor(mode: ColorMode, stream: OutputStream, env: CliIO['env']): boolean {
  if (mode !== 'auto') return mode === 'on';
  return stream.isTTY === true && (env['NO_COLOR'] ?? '') === '';
}

/** The AWS CLI's width for tables: the terminal's, else 80. */
export function terminalWidth(stream: OutputStream): number {
  return stream.isTTY === true && stream.columns !== undefined && stream.columns > 0
    ? stream.columns
    : 80;
}

/** botocore's check of a region name (letters, digits and inner hyphens, up to 63). */
function checkRegionName(region: string): string {
  if (!/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(region)) {
    throw new UsageError(`Provided region_name '${region}' doesn't match a supported format.`);
  }
  return region;
}

/** The AWS CLI refuses an endpoint URL without a scheme. */
function checkEndpointScheme(url: string): string {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) {
    throw new UsageError(
      `Bad value for --endpoint-url "${url}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`,
    );
  }
  return url;
}

function invalidChoice(flag: string, value: string, choices: readonly string[]): UsageError {
  return new UsageError(
    `argument ${flag}: invalid choice: '${value}' (choose from ${choices.join(', ')})`,
  );
}
