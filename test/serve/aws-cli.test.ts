// The real AWS CLI v2 against serve (Debian's `awscli`; .ci/run installs it). Without a v2
// CLI the test is skipped, and its name says why; the SDK tests still run.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { Snapshot } from '../../src/kernel/ecs-types.js';
import { startEndpoint } from './endpoint-fixture.js';

const SNAPSHOT = JSON.parse(
  readFileSync(new URL('../../examples/cluster.json', import.meta.url), 'utf8'),
) as Snapshot;

function awsCliV2(): string | undefined {
  for (const aws of ['/usr/bin/aws', '/usr/local/bin/aws', 'aws']) {
    try {
      const version = execFileSync(aws, ['--version'], { encoding: 'utf8', stdio: 'pipe' });
      if (version.startsWith('aws-cli/2.')) return aws;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const aws = awsCliV2();
const home = mkdtempSync(join(tmpdir(), 'aws-cli-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      aws!,
      args,
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: home,
          AWS_ACCESS_KEY_ID: 'dummy',
          AWS_SECRET_ACCESS_KEY: 'dummy',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_PAGER: '',
        },
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

describe('AWS CLI v2', () => {
  test.skipIf(aws === undefined)(
    aws === undefined
      ? 'skipped: no AWS CLI v2 found (install the awscli package; .ci/run does)'
      : `aws ecs run-task --endpoint-url places as the library does (${aws})`,
    async () => {
      const endpoint = await startEndpoint(Cluster.fromSnapshot(SNAPSHOT));
      const url = ['--endpoint-url', endpoint.url, '--output', 'json'];
      const placed = await run([
        'ecs',
        'run-task',
        ...url,
        '--task-definition',
        'worker',
        '--count',
        '3',
        '--placement-strategy',
        'type=spread,field=attribute:ecs.availability-zone',
        'type=binpack,field=memory',
      ]);
      expect(placed.code, placed.stderr).toBe(0);
      const viaCli = JSON.parse(placed.stdout) as { tasks: { containerInstanceArn: string }[] };
      const library = Cluster.fromSnapshot(SNAPSHOT).runTask({
        taskDefinition: 'worker',
        count: 3,
        placementStrategy: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'binpack', field: 'memory' },
        ],
      });
      expect(viaCli.tasks.map((t) => t.containerInstanceArn)).toEqual(
        library.tasks.map((t) => t.containerInstanceArn),
      );

      const listed = await run([
        'ecs',
        'list-container-instances',
        ...url,
        '--filter',
        'attribute:ecs.availability-zone == us-east-1a',
      ]);
      expect(listed.code, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout).containerInstanceArns).toEqual(
        Cluster.fromSnapshot(SNAPSHOT).listContainerInstances({
          filter: 'attribute:ecs.availability-zone == us-east-1a',
        }).containerInstanceArns,
      );

      const described = await run([
        'ecs',
        'describe-tasks',
        ...url,
        '--tasks',
        ...viaCli.tasks.map((t) => (t as unknown as { taskArn: string }).taskArn),
      ]);
      expect(described.code, described.stderr).toBe(0);
      expect(JSON.parse(described.stdout).tasks).toHaveLength(3);

      const refused = await run(['ecs', 'run-task', ...url, '--task-definition', 'nope']);
      expect(refused.code).toBe(254);
      expect(refused.stderr).toContain('(ClientException) when calling the RunTask operation');
      await endpoint.close();
    },
  );
});
