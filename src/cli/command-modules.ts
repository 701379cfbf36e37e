/**
 * The commands of `ecs-placement`, each in a module of its own that is imported only when
 * the command line may need it: `--version` imports none, `run-task ...` only run-task's. A
 * command module pulls in the engine, the CQL parser and the output formats, which is most
 * of the command's start-up time (docs/ARCHITECTURE.md, "Build outputs").
 */
import type { Command } from 'commander';
import type { CliIO } from './cli-io.js';
import type { CommandContext } from './usage-error.js';

/** Adds the command to `program`; the command reports its exit status through `report`. */
export type RegisterCommand = (
  program: Command,
  io: CliIO,
  report: (code: number) => void,
) => Command;

export interface CommandModule {
  register: RegisterCommand;
  context: CommandContext;
}

/** Every command by name, in the order the program's help lists them. */
export const COMMAND_MODULES: Readonly<Record<string, () => Promise<CommandModule>>> = {
  'run-task': async () => {
    const m = await import('./run-task-command.js');
    return { register: m.registerRunTask, context: m.RUN_TASK_CONTEXT };
  },
  'list-container-instances': async () => {
    const m = await import('./list-container-instances-command.js');
    return {
      register: m.registerListContainerInstances,
      context: m.LIST_CONTAINER_INSTANCES_CONTEXT,
    };
  },
  headroom: async () => {
    const m = await import('./headroom-command.js');
    return { register: m.registerHeadroom, context: m.HEADROOM_CONTEXT };
  },
  simulate: async () => {
    const m = await import('./simulate-command.js');
    return { register: m.registerSimulate, context: m.SIMULATE_CONTEXT };
  },
  drain: async () => {
    const m = await import('./drain-command.js');
    return { register: m.registerDrain, context: m.DRAIN_CONTEXT };
  },
  snapshot: async () => {
    const m = await import('./snapshot-command.js');
    return { register: m.registerSnapshot, context: m.SNAPSHOT_CONTEXT };
  },
  serve: async () => {
    const m = await import('./serve-command.js');
    return { register: m.registerServe, context: m.SERVE_CONTEXT };
  },
};

/**
 * The commands `argv` may reach. Commander acts on the program's options in order, so a
 * leading `--version` prints the version whatever follows: no command is needed. A command
 * named first (or after `help`) needs only its own module. Anything else (no command, an
 * unknown one, `--help` before the command, which prints the program's help) gets every
 * command, so that help lists them all and a typo gets its suggestion.
 */
export function commandsFor(argv: readonly string[]): readonly string[] {
  if (argv[0] === '--version') return [];
  const named = argv[0] === 'help' ? argv[1] : argv[0];
  if (named !== undefined && Object.hasOwn(COMMAND_MODULES, named)) return [named];
  return Object.keys(COMMAND_MODULES);
}
