// `ecs-placement serve` as a process: --save through the locked atomic save with the last
// save flushed on SIGTERM, the health path, the command line's errors, and `snapshot
// capture` against the endpoint giving the snapshot `snapshot import` gives.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, describe, expect, test } from 'vitest';
import type { Snapshot } from '../../src/kernel/ecs-types.js';
import { sdkClient } from './endpoint-fixture.js';
import { runBin, startServe } from './serve-process.js';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'serve-command-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'dummy', AWS_SECRET_ACCESS_KEY: 'dummy' };

describe('ecs-placement serve', () => {
  test('--save writes every change; SIGTERM lets the last save finish and exits 0', async () => {
    const file = join(folder, 'cluster.json');
    copyFileSync(join(EXAMPLES, 'cluster.json'), file);
    const server = await startServe(['--cluster-state', file, '--save', '--seed', 'x'], folder);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const ecs = sdkClient(server.url);
    const before = await ecs.send(new ListTasksCommand({}));
    const runs = await Promise.all(
      Array.from({ length: 5 }, () =>
        ecs.send(new RunTaskCommand({ taskDefinition: 'worker', count: 2 })),
      ),
    );
    const placed = runs.flatMap((r) => r.tasks ?? []).map((t) => t.taskArn!);
    expect(placed.length).toBeGreaterThan(0);
    // Answered only once saved: the file holds them already.
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    const savedArns = saved.clusters
      .find((c) => c.clusterName === 'default')!
      .tasks.map((t) => t.taskArn);
    expect(savedArns).toEqual(expect.arrayContaining(placed));
    // A change, then SIGTERM while its answer may still be on its way: it is on disk after.
    const last = ecs.send(new RunTaskCommand({ taskDefinition: 'worker' }));
    const lastTasks = (await last).tasks ?? [];
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    ecs.destroy();
    expect(server.stderr()).toContain('stopped (SIGTERM)');
    const after = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    const afterArns = after.clusters
      .find((c) => c.clusterName === 'default')!
      .tasks.map((t) => t.taskArn);
    expect(afterArns).toEqual(
      expect.arrayContaining([
        ...(before.taskArns ?? []),
        ...placed,
        ...lastTasks.map((t) => t.taskArn!),
      ]),
    );
    // No temporary file or lock left behind.
    expect(readdirSync(folder).filter((f) => f !== 'cluster.json')).toEqual([]);
  });

  test('without --save the file is never written', async () => {
    const file = join(folder, 'sandbox.json');
    copyFileSync(join(EXAMPLES, 'cluster.json'), file);
    const original = readFileSync(file, 'utf8');
    const server = await startServe(['--cluster-state', file], folder);
    const ecs = sdkClient(server.url);
    const run = await ecs.send(new RunTaskCommand({ taskDefinition: 'worker' }));
    expect(run.tasks).toHaveLength(1);
    ecs.destroy();
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  test('command-line errors', async () => {
    const noFile = await runBin(['serve', '--save'], folder);
    expect(noFile.code).toBe(252);
    expect(noFile.stderr).toContain('--save needs --cluster-state');
    const badPort = await runBin(['serve', '--port', '70000'], folder);
    expect(badPort.code).toBe(252);
    const missing = await runBin(['serve', '--cluster-state', 'nope.json'], folder);
    expect(missing.code).toBe(255);
  });

  test('snapshot capture against serve gives what snapshot import gave', async () => {
    const imported = join(folder, 'imported.json');
    const documents = readdirSync(join(EXAMPLES, 'aws-cli')).map((f) =>
      join(EXAMPLES, 'aws-cli', f),
    );
    const made = await runBin(['snapshot', 'import', ...documents, '--out', imported], folder);
    expect(made.code).toBe(0);
    const server = await startServe(['--cluster-state', imported], folder);
    const captured = join(folder, 'captured.json');
    const capture = await runBin(
      [
        'snapshot',
        'capture',
        '--cluster',
        'shop',
        '--task-definition',
        'web',
        '--task-definition',
        'worker',
        '--region',
        'eu-west-1',
        '--endpoint-url',
        server.url,
        '--out',
        captured,
      ],
      folder,
      CREDENTIALS,
    );
    server.child.kill('SIGTERM');
    await server.exited;
    expect(capture.stderr).toContain('wrote');
    expect(capture.code).toBe(0);
    const requests = [
      { cluster: 'shop', taskDefinition: 'web', count: 4 },
      {
        cluster: 'shop',
        taskDefinition: 'worker',
        count: 6,
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
          },
        },
        placementStrategy: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'binpack', field: 'memory' },
        ],
      },
      {
        cluster: 'shop',
        taskDefinition: 'web',
        count: 10,
        placementConstraints: [{ type: 'distinctInstance' }],
      },
    ];
    for (const request of requests) {
      const answers = await Promise.all(
        [imported, captured].map((state) =>
          runBin(
            [
              'run-task',
              '--cluster-state',
              state,
              '--seed',
              'same',
              '--now',
              '2026-11-30T10:00:00Z',
              '--cli-input-json',
              JSON.stringify(request),
            ],
            folder,
          ),
        ),
      );
      expect(answers[0]!.code).toBe(0);
      expect(answers[1]!.stdout).toBe(answers[0]!.stdout);
    }
  });
});
