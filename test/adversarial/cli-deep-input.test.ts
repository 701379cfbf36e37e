/**
 * Issue: `--overrides` or `--cli-input-json` with ~5,000 nested arrays printed "internal
 * error: RangeError: Maximum call stack size exceeded". Now input nested deeper than 100
 * levels gets the usual clear error on every path: exit 252 for the command line, 255 for
 * the cluster-state file. The message is short, whatever the size of the input.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformToShape } from '../../src/cli/conform-to-shape.js';
import { runTaskInputShape } from '../../src/kernel/run-task-shape.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { FIXTURES, runCli } from '../cli/run-cli.js';

const DEEP = 5_000;
const arrays = (depth: number, inner = '') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const braces = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const TOO_DEEP = 'nesting deeper than 100 levels';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-deep-'));
  await writeFile(join(dir, 'overrides.json'), `{"containerOverrides": ${arrays(DEEP)}}`);
  await writeFile(
    join(dir, 'request.json'),
    `{"taskDefinition": "web:1", "tags": ${arrays(DEEP)}}`,
  );
  await writeFile(join(dir, 'request.yaml'), `taskDefinition: web:1\ntags: ${arrays(DEEP)}\n`);
  await writeFile(join(dir, 'snapshot.json'), `{"region": ${arrays(DEEP)}}`);
  await writeFile(join(dir, 'objects.json'), braces(DEEP));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const runTask = (...args: string[]) =>
  runCli(['run-task', '--cluster-state', join(FIXTURES, 'small-cluster.json'), ...args], {
    cwd: dir,
  });

/** The usual, short, clear error: never a stack trace. */
function expectClearError(run: { code: number; stdout: string; stderr: string }, code: number) {
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toContain('internal error');
  expect(run.stderr).not.toContain('RangeError');
  expect(run.stderr.length).toBeLessThan(800);
  expect(run.code).toBe(code);
}

describe('deeply nested command-line input: exit 252 with a clear message', () => {
  it.each([
    ['--overrides JSON', ['--task-definition', 'web:1', '--overrides', `{"cpu": ${arrays(DEEP)}}`]],
    ['--overrides JSON objects', ['--task-definition', 'web:1', '--overrides', braces(DEEP)]],
    ['--overrides file://', ['--task-definition', 'web:1', '--overrides', 'file://overrides.json']],
    [
      '--placement-strategy JSON list',
      ['--task-definition', 'web:1', '--placement-strategy', arrays(DEEP)],
    ],
    [
      '--cli-input-json text',
      ['--cli-input-json', `{"taskDefinition": "web:1", "tags": ${arrays(DEEP)}}`],
    ],
    ['--cli-input-json file://', ['--cli-input-json', 'file://request.json']],
    ['--cli-input-json objects', ['--cli-input-json', 'file://objects.json']],
    ['--cli-input-yaml flow', ['--cli-input-yaml', 'file://request.yaml']],
    ['--cli-input-yaml text', ['--cli-input-yaml', `tags: ${arrays(100_000)}`]],
    [
      '--cli-input-yaml block',
      [
        '--cli-input-yaml',
        Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
      ],
    ],
    ['--cli-input-yaml cycle', ['--cli-input-yaml', 'taskDefinition: web:1\ntags: &a [*a]']],
    [
      'shorthand structures',
      ['--task-definition', 'web:1', '--overrides', `a=${'{a='.repeat(DEEP)}1${'}'.repeat(DEEP)}`],
    ],
    [
      'shorthand lists',
      ['--task-definition', 'web:1', '--overrides', `containerOverrides=${arrays(DEEP, 'x')}`],
    ],
    ['shorthand list items', ['--task-definition', 'web:1', '--tags', `key=${arrays(DEEP, 'x')}`]],
  ])('%s', async (_path, args) => {
    const run = await runTask(...args);
    expectClearError(run, 252);
    expect(run.stderr).toContain(TOO_DEEP);
  });

  it('101 levels are refused, 100 are parsed (and then checked against the request shape)', async () => {
    const at = (depth: number) =>
      runTask('--task-definition', 'web:1', '--overrides', `{"cpu": ${arrays(depth - 1)}}`);
    const refused = await at(101);
    expectClearError(refused, 252);
    expect(refused.stderr).toContain(TOO_DEEP);
    const parsed = await at(100);
    expectClearError(parsed, 252);
    expect(parsed.stderr).toContain(
      'Invalid type for parameter overrides.cpu, value: [[[[...]]]], type: list',
    );
  });

  it('the shape check itself never recurses with the input: any depth is a clear UsageError', () => {
    let value: unknown = 1;
    for (let i = 0; i < 200_000; i++) value = [value];
    const input = { taskDefinition: 'web:1', overrides: { containerOverrides: [{ name: value }] } };
    expect(() => conformToShape(input, runTaskInputShape, '', 'json')).toThrow(UsageError);
    expect(() => conformToShape(input, runTaskInputShape, '', 'json')).toThrow(
      'Invalid type for parameter overrides.containerOverrides[0].name, value: [[[[...]]]], type: list, valid types: string',
    );
  });
});

describe('a deeply nested cluster-state file: exit 255 with a clear message', () => {
  it.each([
    ['arrays', 'snapshot.json', 111],
    ['objects', 'objects.json', 501],
  ])('%s', async (_kind, name, column) => {
    for (const command of [
      ['run-task', '--task-definition', 'web:1', '--cluster-state', name],
      ['list-container-instances', '--cluster-state', name],
    ]) {
      const run = await runCli(command, { cwd: dir });
      expectClearError(run, 255);
      expect(run.stderr).toContain(`the cluster state ${name} is refused: ${TOO_DEEP}`);
      expect(run.stderr).toContain(`at line 1, column ${column}:`);
    }
  });
});
