import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptForParameters, splitArguments } from '../../src/cli/auto-prompt.js';
import type { CliIO } from '../../src/cli/cli-io.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { FIXTURES } from './run-cli.js';

function terminal(answers: string[], isTTY = true) {
  const stdin = Object.assign(new PassThrough(), { isTTY });
  stdin.end(answers.map((a) => `${a}\n`).join(''));
  let shown = '';
  const io: CliIO = {
    stdin,
    stdout: { isTTY, write: (text: string) => (shown += text) },
    stderr: { write: () => true },
    env: {},
    cwd: FIXTURES,
  };
  return { io, shown: () => shown };
}

describe('splitArguments', () => {
  it('splits on spaces outside quotes and brackets, keeping the quotes', () => {
    expect(
      splitArguments(
        `type=spread,field=host  type=memberOf,expression="a == b" x={y=[1, 2]} 'q r'`,
      ),
    ).toEqual([
      'type=spread,field=host',
      'type=memberOf,expression="a == b"',
      'x={y=[1, 2]}',
      "'q r'",
    ]);
  });
});

describe('promptForParameters', () => {
  it('asks for the required parameters, re-asking on empty answers, then the optional ones', async () => {
    const { io, shown } = terminal([
      '',
      'web:1',
      'small-cluster.json',
      '', // capacity provider strategy skipped
      'prod',
      '3',
      'yes',
      'no',
    ]);
    const result = await promptForParameters(io, { clusterState: undefined, options: {} });
    expect(result).toEqual({
      clusterState: 'small-cluster.json',
      options: {
        taskDefinition: 'web:1',
        cluster: 'prod',
        count: '3',
        enableECSManagedTags: true,
        enableExecuteCommand: false,
      },
    });
    expect(shown()).toContain('--task-definition (family, family:revision or ARN): ');
    expect(shown()).toContain('press Enter to skip');
  });

  it('splits list answers into items and skips options given on the command line', async () => {
    const { io, shown } = terminal(
      Array.from({ length: 12 }, (_, i) =>
        i === 9 ? 'type=spread,field=host type=binpack,field=memory' : '',
      ),
    );
    const result = await promptForParameters(io, {
      clusterState: 'c.json',
      options: { taskDefinition: 'web:1', count: '2' },
    });
    expect(result.options).toEqual({
      taskDefinition: 'web:1',
      count: '2',
      placementStrategy: ['type=spread,field=host', 'type=binpack,field=memory'],
    });
    expect(shown()).not.toContain('--count');
    expect(shown()).not.toContain('--cluster-state');
  });

  it('does not ask for fields the --cli-input-json request fills', async () => {
    const { io, shown } = terminal(['small-cluster.json', '', '']);
    const result = await promptForParameters(
      io,
      { clusterState: undefined, options: {} },
      new Set(['taskDefinition', 'count']),
    );
    expect(result).toEqual({ clusterState: 'small-cluster.json', options: {} });
    expect(shown()).not.toContain('--task-definition');
    expect(shown()).not.toContain('--count');
    expect(shown()).toContain('--cluster (');
  });

  it('reports an answer that does not parse at once and asks again, keeping earlier answers', async () => {
    const { io, shown } = terminal([
      'capacityProvider=a,weight=x', // weight must be an integer
      'capacityProvider=a,weight=1',
      'prod',
      'abc', // count must be an integer
      '2',
      'maybe', // not yes or no
      'yes',
    ]);
    const result = await promptForParameters(io, {
      clusterState: 'c.json',
      options: { taskDefinition: 'web:1' },
    });
    expect(result.options).toEqual({
      taskDefinition: 'web:1',
      capacityProviderStrategy: ['capacityProvider=a,weight=1'],
      cluster: 'prod',
      count: '2',
      enableECSManagedTags: true,
    });
    expect(shown().match(/Please try again/g)).toHaveLength(3);
    expect(shown()).toContain('expected yes or no');
    expect(shown()).toMatch(/--enable-ecs-managed-tags \([^\n]*\) \[yes\/no\]: /);
    expect(shown().match(/--count \(/g)).toHaveLength(2);
  });

  it('asks again for --cluster-state until it names a readable file', async () => {
    const { io, shown } = terminal(['missing.json', 'params', 'small-cluster.json']);
    const result = await promptForParameters(io, {
      clusterState: undefined,
      options: { taskDefinition: 'web:1' },
    });
    expect(result.clusterState).toBe('small-cluster.json');
    expect(shown()).toContain('no readable file at missing.json');
    expect(shown()).toContain('no readable file at params');
  });

  it('needs a terminal', async () => {
    const { io } = terminal([], false);
    await expect(promptForParameters(io, { clusterState: undefined, options: {} })).rejects.toThrow(
      UsageError,
    );
  });

  it('fails when input ends before the required answers', async () => {
    const { io } = terminal([]);
    await expect(promptForParameters(io, { clusterState: undefined, options: {} })).rejects.toThrow(
      'auto-prompt ended before the required parameters were given',
    );
  });
});
