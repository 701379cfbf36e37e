/**
 * `--cli-auto-prompt`: asks for the run-task parameters on the terminal, required ones
 * first (until answered), then each optional one (Enter skips it). Answers are read
 * exactly as the same text would be on the command line (JSON, shorthand, file://).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RawRequestOptions } from './build-run-task-input.js';
import type { CliIO } from './cli-io.js';
import { parseParameter } from './parse-parameter.js';
import { RUN_TASK_OPTIONS, shapeOf } from './run-task-options.js';
import { UsageError } from './usage-error.js';

export interface PromptedValues {
  clusterState: string | undefined;
  options: RawRequestOptions;
}

export function canPrompt(io: CliIO): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true;
}

/**
 * @param given     what the command line already says
 * @param fromInput request fields that --cli-input-json/--cli-input-yaml already fill
 */
export async function promptForParameters(
  io: CliIO,
  given: PromptedValues,
  fromInput: ReadonlySet<string> = new Set(),
): Promise<PromptedValues> {
  if (!canPrompt(io)) {
    throw new UsageError(
      '--cli-auto-prompt needs an interactive terminal (stdin and stdout must be a TTY)',
    );
  }
  // Imported here: only --cli-auto-prompt reads lines, and node:readline is slow to load.
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: io.stdin, terminal: false });
  // Lines typed ahead of a question are buffered by the iterator, never lost.
  const iterator = lines[Symbol.asyncIterator]();
  const ask = async (question: string): Promise<string | undefined> => {
    io.stdout.write(question);
    const next = await iterator.next();
    return next.done ? undefined : String(next.value).trim();
  };
  const askRequired = async (
    question: string,
    problemWith: (answer: string) => string | undefined = () => undefined,
  ): Promise<string> => {
    for (;;) {
      const answer = await ask(question);
      if (answer === undefined)
        throw new UsageError('auto-prompt ended before the required parameters were given');
      if (answer === '') continue;
      const problem = problemWith(answer);
      if (problem === undefined) return answer;
      io.stdout.write(`${problem}\nPlease try again.\n`);
    }
  };

  try {
    const options: RawRequestOptions = { ...given.options };
    if (options.taskDefinition === undefined && !fromInput.has('taskDefinition')) {
      options.taskDefinition = await askRequired(
        '--task-definition (family, family:revision or ARN): ',
      );
    }
    const clusterState =
      given.clusterState ??
      (await askRequired('--cluster-state (path of the cluster snapshot JSON): ', (path) =>
        isReadableFile(resolve(io.cwd, path)) ? undefined : `no readable file at ${path}`,
      ));
    io.stdout.write('Optional parameters (press Enter to skip):\n');
    for (const option of RUN_TASK_OPTIONS) {
      if (options[option.field] !== undefined || fromInput.has(option.field)) continue;
      const shape = shapeOf(option);
      const hint = option.shorthand
        ? ` [${option.shorthand}]`
        : shape.kind === 'boolean'
          ? ' [yes/no]'
          : '';
      const question = `${option.flag} (${option.description})${hint}: `;
      // A value that does not parse is reported at once and asked again, so one typo
      // does not throw away every answer given so far.
      const answer = await askUntilValid(
        ask,
        question,
        (text) => {
          if (shape.kind === 'boolean') return parseYesNo(option.flag, text);
          const value = shape.kind === 'list' ? splitArguments(text) : text;
          parseParameter(
            option.flag,
            option.field,
            Array.isArray(value) ? value : [value],
            shape,
            io.cwd,
          );
          return value;
        },
        io,
      );
      if (answer === END) break;
      if (answer !== SKIPPED) options[option.field] = answer;
    }
    return { clusterState, options };
  } finally {
    lines.close();
  }
}

function isReadableFile(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const END = Symbol('end of input');
const SKIPPED = Symbol('skipped');

async function askUntilValid<T>(
  ask: (question: string) => Promise<string | undefined>,
  question: string,
  read: (answer: string) => T,
  io: CliIO,
): Promise<T | typeof END | typeof SKIPPED> {
  for (;;) {
    const answer = await ask(question);
    if (answer === undefined) return END;
    if (answer === '') return SKIPPED;
    try {
      return read(answer);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stdout.write(`${error.message}\nPlease try again (or press Enter to skip).\n`);
    }
  }
}

function parseYesNo(flag: string, answer: string): boolean {
  const lower = answer.toLowerCase();
  if (['y', 'yes', 'true'].includes(lower)) return true;
  if (['n', 'no', 'false'].includes(lower)) return false;
  throw new UsageError(`argument ${flag}: expected yes or no, got '${answer}'`);
}

/**
 * Splits a typed line into arguments as a shell would for `--tags a=1 b=2`, except that
 * quotes are kept (the shorthand parser reads them) and brackets group like quotes.
 */
export function splitArguments(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: string | undefined;
  let depth = 0;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
    } else if (/\s/.test(c) && depth <= 0) {
      if (current !== '') args.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (current !== '') args.push(current);
  return args;
}
