// Which command modules a command line imports: `--version` none, a named command only its
// own, anything else (help, a typo, no command) all of them.
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, commandsFor } from '../../src/cli/command-modules.js';
import { runCli } from './run-cli.js';

const ALL = [
  'run-task',
  'list-container-instances',
  'headroom',
  'simulate',
  'drain',
  'snapshot',
  'serve',
];

describe('commandsFor', () => {
  it('lists every command, in the order help shows them', () => {
    expect(Object.keys(COMMAND_MODULES)).toEqual(ALL);
  });

  it('a leading --version needs no command, whatever follows', () => {
    expect(commandsFor(['--version'])).toEqual([]);
    expect(commandsFor(['--version', 'run-task'])).toEqual([]);
  });

  it('a command named first, or after help, needs only its own module', () => {
    expect(commandsFor(['run-task', '--cluster-state', 'c.json', '--version'])).toEqual([
      'run-task',
    ]);
    expect(commandsFor(['list-container-instances'])).toEqual(['list-container-instances']);
    expect(commandsFor(['help', 'snapshot'])).toEqual(['snapshot']);
    expect(commandsFor(['snapshot', 'import', '--help'])).toEqual(['snapshot']);
  });

  it('anything else needs them all: the program help, a typo, no command', () => {
    expect(commandsFor([])).toEqual(ALL);
    expect(commandsFor(['--help'])).toEqual(ALL);
    expect(commandsFor(['--help', 'run-task'])).toEqual(ALL);
    expect(commandsFor(['-h', 'snapshot'])).toEqual(ALL);
    expect(commandsFor(['help'])).toEqual(ALL);
    expect(commandsFor(['run-tsk'])).toEqual(ALL);
    expect(commandsFor(['constructor'])).toEqual(ALL);
    expect(commandsFor(['--bogus', 'run-task'])).toEqual(ALL);
  });
});

describe('the command line with commands imported on demand', () => {
  it('--help before a command still prints the program help with every command', async () => {
    const run = await runCli(['--help', 'run-task']);
    expect(run.code).toBe(0);
    for (const name of ALL) expect(run.stdout).toContain(`  ${name}`);
  });

  it('a typo still gets the suggestion of the nearest command', async () => {
    const run = await runCli(['list-container-instance']);
    expect(run.code).toBe(252);
    expect(run.stderr).toContain('list-container-instances');
  });

  it('--version prints the version', async () => {
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
