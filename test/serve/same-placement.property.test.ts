// The same RunTask request through the four ways in: the CLI command, the library, the
// in-process client and the endpoint, on the same snapshot with the same seed, gives the
// same placement (tasks, their instances and ARNs, and the failures).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunTaskCommand } from '@aws-sdk/client-ecs';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { DryRunEcsClient } from '../../src/client/dry-run-ecs-client.js';
import { placementScenarioArb } from '../../src/testing/arbitraries.js';
import { runCli } from '../cli/run-cli.js';
import { runs } from '../support/runs.js';
import { startEndpoint } from './endpoint-fixture.js';

interface Placement {
  tasks: [string | undefined, string | undefined, string | undefined][];
  failures: unknown[];
}

function placementOf(value: object): Placement {
  const output = value as { tasks?: unknown[]; failures?: unknown[] };
  const tasks = (output.tasks ?? []) as {
    taskArn?: string;
    containerInstanceArn?: string;
    lastStatus?: string;
  }[];
  return {
    tasks: tasks.map((t) => [t.taskArn, t.containerInstanceArn, t.lastStatus]),
    failures: output.failures ?? [],
  };
}

const folder = mkdtempSync(join(tmpdir(), 'same-placement-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('one request, four ways in', () => {
  test('CLI, library, DryRunEcsClient and the endpoint place alike', async () => {
    let n = 0;
    let placed = 0;
    await fc.assert(
      fc.asyncProperty(
        placementScenarioArb({ maxInstances: 6 }),
        fc.stringMatching(/^[a-z0-9]{1,8}$/),
        async ({ snapshot, request }, seed) => {
          const library = (() => {
            try {
              return placementOf(Cluster.fromSnapshot(snapshot).runTask(request, { seed }));
            } catch (error) {
              return { error: (error as Error).name };
            }
          })();

          const client = new DryRunEcsClient({ cluster: Cluster.fromSnapshot(snapshot), seed });
          const inProcess = await client
            .send(new RunTaskCommand(request as never))
            .then(placementOf, (error: Error) => ({ error: error.name }));

          const endpoint = await startEndpoint(Cluster.fromSnapshot(snapshot), { seed });
          const overHttp = await endpoint.client
            .send(new RunTaskCommand(request as never))
            .then(placementOf, (error: Error) => ({ error: error.name }));
          await endpoint.close();

          const file = join(folder, `state-${n++}.json`);
          writeFileSync(file, JSON.stringify(snapshot));
          const cli = await runCli([
            'run-task',
            '--cluster-state',
            file,
            '--seed',
            seed,
            '--cli-input-json',
            JSON.stringify(request),
          ]);
          const command =
            cli.code === 0
              ? placementOf(JSON.parse(cli.stdout) as Placement)
              : { error: /An error occurred \((\w+)\)/.exec(cli.stderr)?.[1] ?? cli.stderr };

          if ('tasks' in library && library.tasks.length > 0) placed++;
          expect(inProcess).toEqual(library);
          expect(overHttp).toEqual(library);
          expect(command).toEqual(library);
        },
      ),
      { numRuns: runs(25) },
    );
    // Not vacuous: most generated calls place tasks.
    expect(placed).toBeGreaterThan(5);
  });
});
