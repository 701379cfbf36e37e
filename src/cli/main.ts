#!/usr/bin/env node
/**
 * The `ecs-placement` command: dispatches to one file per command, imported only when the
 * command line names it (command-modules.ts), so `--version` and `--help` stay quick. `main`
 * is exported so tests run the whole command in-process with their own streams.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import type { CliIO } from './cli-io.js';
import { COMMAND_MODULES, commandsFor } from './command-modules.js';
import { ExitCode } from './exit-codes.js';
import { packageVersion } from './package-version.js';
import { type CommandContext, formatUsageError } from './usage-error.js';

const PROGRAM_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement',
  usage: '<command> [options]',
  operation: '',
};

/** Runs the command line `argv` (the arguments after the program name); returns the exit status. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = ExitCode.success;
  const report = (code: number) => {
    exitCode = code;
  };

  const program = new Command('ecs-placement')
    .description(
      'Amazon ECS RunTask task placement, reproduced offline over a cluster snapshot file.',
    )
    .version(packageVersion(), '--version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .exitOverride()
    .configureOutput(outputTo(io, PROGRAM_CONTEXT));

  const names = commandsFor(argv);
  const modules = await Promise.all(names.map((name) => COMMAND_MODULES[name]!()));
  for (const { register, context } of modules) {
    register(program, io, report).exitOverride().configureOutput(outputTo(io, context));
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help, `help [command]` and --version end parsing with status 0 (commander's own
    // exitCode); bare `ecs-placement`, `help nope` and every other parse failure are usage.
    return HELP_OR_VERSION.has(error.code) && error.exitCode === 0
      ? ExitCode.success
      : ExitCode.usage;
  }
  return exitCode;
}

const HELP_OR_VERSION = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** Help to stdout; parse errors to stderr, in the same form as our own usage errors. */
function outputTo(io: CliIO, context: CommandContext) {
  return {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    outputError: (text: string) => {
      io.stderr.write(formatUsageError(context, text.trim().replace(/^error: /, '')));
    },
  };
}

/** True when this file is the program being run (not imported by a test). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ecs-placement: internal error: ${String(error)}\n`);
      process.exitCode = ExitCode.toolError;
    },
  );
}
