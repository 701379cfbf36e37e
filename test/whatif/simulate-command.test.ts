/**
 * `ecs-placement simulate` as installed: the bundled command in a process of its own, so that
 * its worker threads start from the bundle's simulate-worker.js, as they would for a user.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../adversarial/cli-process.js';
import { runCli } from '../cli/run-cli.js';
import { smallCluster } from './fixtures.js';

let dir: string;
const SCENARIO = `# fill, scale in at random, place again
steps:
  - run-task: { taskDefinition: half, launchType: EC2, count: 10 }
  - stop-task: { group: "family:half", count: 3 }
  - run-task:
      taskDefinition: half
      launchType: EC2
      count: 2
      placementStrategy: [{ type: random }]
    repeat: 2
`;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'simulate-'));
  await writeFile(join(dir, 'small.json'), JSON.stringify(smallCluster()));
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  await writeFile(
    join(dir, 'bad.yaml'),
    'steps:\n  - run-task: { taskDefinition: half }\n  - launch: {}\n',
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const simulateArgs = (...more: string[]) => [
  'simulate',
  '--cluster-state',
  'small.json',
  '--scenario',
  'scenario.yaml',
  '--now',
  '0',
  ...more,
];

describe('ecs-placement simulate (the built command)', () => {
  it('gives the same results with 0, 1 and 2 worker threads', async () => {
    const outputs: string[] = [];
    for (const workers of ['0', '1', '2']) {
      const results = `results-${workers}.jsonl`;
      const { done } = startCli(
        simulateArgs(
          '--seeds',
          '12',
          '--workers',
          workers,
          '--results',
          results,
          '--query',
          '[placed, steps, perSeed]',
        ),
        { cwd: dir },
      );
      const run = await done;
      expect(run.code, run.stderr).toBe(0);
      // Not a terminal: no progress bar.
      expect(run.stderr).toBe('');
      const lines = (await readFile(join(dir, results), 'utf8')).trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l).seed)).toEqual(
        Array.from({ length: 12 }, (_, i) => String(i + 1)),
      );
      outputs.push(`${run.stdout}\n${lines.join('\n')}`);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    // Fill: 7 of 10; 3 stopped; then 2 + 1 of 2 + 2 (3 tasks' room back).
    const [placed, steps] = JSON.parse(outputs[0]!.split('\n\n')[0]!.split('\n{')[0]!);
    expect(placed.median).toBe(10);
    expect(steps.map((s: { placed: { median: number } }) => s.placed.median)).toEqual([7, 0, 3]);
  });
});

describe('ecs-placement simulate (in-process)', () => {
  it('shows a progress bar on a terminal', async () => {
    const run = await runCli(simulateArgs('--seeds', '3', '--workers', '0'), {
      cwd: dir,
      tty: true,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('simulate [');
  });

  it('a bad scenario names the file, the step and the member', async () => {
    const run = await runCli(
      ['simulate', '--cluster-state', 'small.json', '--scenario', 'bad.yaml', '--workers', '0'],
      { cwd: dir },
    );
    expect(run.code).toBe(252);
    expect(run.stderr.split('\n')[0]).toBe(
      'ecs-placement simulate: error: the scenario bad.yaml is invalid: step 2: unknown step `launch`; a step has one of `run-task`, `stop-task`, `drain-instance`, `register-instance`, `put-attribute`',
    );
  });

  it('refuses 0 seeds and a million, naming the limit', async () => {
    for (const seeds of ['0', '1000000']) {
      const run = await runCli(simulateArgs('--seeds', seeds), { cwd: dir });
      expect(run.code).toBe(252);
      expect(run.stderr).toContain(
        `argument --seeds: expected a whole number from 1 to 10,000, got "${seeds}"`,
      );
    }
  });

  it('a missing scenario file is a clear error', async () => {
    const run = await runCli(
      ['simulate', '--cluster-state', 'small.json', '--scenario', 'none.yaml'],
      { cwd: dir },
    );
    expect(run.code).toBe(252);
    expect(run.stderr).toContain('Unable to load paramfile file://none.yaml');
  });
});
