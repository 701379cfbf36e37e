// Runs every `ecs-placement` command of docs/snapshot.md's sections "The format", "Importing
// AWS CLI output" and "Capturing from an account" (the bundled command; capture against the local
// ECS endpoint of test/support, with dummy credentials; /tmp stands for a private directory),
// checks each exit status (`# exit N`, else 0) and what the page says the command does
// (DOCUMENTED, written by hand from the page and examples/aws-cli/), and runs the library
// example.
import { exec, execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EcsJsonServer, startEcsJsonServer } from '../support/ecs-json-server.js';
import type { Snapshot, Task } from '../../src/kernel/ecs-types.js';
import { ACCOUNT, example, FILES, REGION } from './aws-cli-examples.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/bundle/cli.js');
const SECTIONS = ['The format', 'Importing AWS CLI output', 'Capturing from an account'];

const markdown = await readFile(join(ROOT, 'docs/snapshot.md'), 'utf8');

/** The text of a `## heading` section, up to the next `## `. */
function section(heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** The output block shown after the code block that holds `text`. */
function shownAfter(text: string): string {
  const at = markdown.indexOf(text);
  expect(at, text).toBeGreaterThan(-1);
  const after = markdown.slice(at);
  const close = after.search(/^```$/m); // the end of the block holding `text`
  return /^```\n([\s\S]*?)^```$/m.exec(after.slice(close + 4))![1]!;
}

function commandsOf(text: string): { line: string; exit: number }[] {
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```/gm)]
    .flatMap((block) => block[1]!.split('\n'))
    .map((line) => line.trim())
    .filter((line) => /(^|\| )ecs-placement /.test(line))
    .map((line) => ({ line, exit: Number(/# exit (\d+)$/.exec(line)?.[1] ?? 0) }));
}

let dir: string;
let server: EcsJsonServer;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-docs-'));
  await symlink(join(ROOT, 'examples'), join(dir, 'examples'));
  server = await startEcsJsonServer({
    documents: FILES.map((f) => example(f)),
    region: REGION,
    accountId: ACCOUNT,
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
  process.env = saved;
});

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

const snapshotAt = async (name: string): Promise<Snapshot> =>
  JSON.parse(await readFile(join(dir, name), 'utf8'));
const tasksOf = (run: Run): Task[] => JSON.parse(run.stdout).tasks;
/** The page's words for a failed import or capture: the reason, then "No snapshot was written." */
const nothingWritten = (run: Run, command: string, reason: string) => {
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(`ecs-placement snapshot ${command}: error: ${reason}`);
  expect(run.stderr.trimEnd().endsWith('No snapshot was written.')).toBe(true);
};

/**
 * What each command of the page documents, by its line. examples/aws-cli/ holds cluster shop
 * of eu-west-1: 5 container instances over two pages, 4 tasks (3 on instances, web ones in
 * eu-west-1a and eu-west-1b, 1 on Fargate), 2 task definitions, 3 capacity providers and 4
 * subnets (0001 and 0004 in eu-west-1a, 0002 in 1b, 0003 in 1c).
 */
const DOCUMENTED: Record<string, (run: Run) => Promise<void> | void> = {
  // "a snapshot, the first command, loads as always": examples/cluster.json's cluster batch
  // (two ACTIVE instances with room for worker's 1024 MiB) takes the task.
  'ecs-placement run-task --cluster-state examples/cluster.json --cluster batch --task-definition worker':
    (run) => {
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout).failures).toEqual([]);
      const [task, ...others] = tasksOf(run);
      expect(others).toEqual([]);
      expect(task!.clusterArn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/batch');
      expect([
        'arn:aws:ecs:us-east-1:123456789012:container-instance/batch/8cb0c71b77c21e17bdd558c59d3367e7',
        'arn:aws:ecs:us-east-1:123456789012:container-instance/batch/f87fb089684d64c8d942cc8b9d9cd55f',
      ]).toContain(task!.containerInstanceArn);
      expect(task!.group).toBe('family:worker');
    },
  // The message the page shows, and nothing on stdout.
  'ecs-placement run-task --cluster-state examples/aws-cli/describe-container-instances-page-1.json --task-definition web # exit 255':
    (run) => {
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        shownAfter('describe-container-instances-page-1.json --task-definition web'),
      );
    },
  // "list-* outputs (which list ARNs only: describe them first)", and how to import.
  'ecs-placement list-container-instances --cluster-state examples/aws-cli/list-tasks.json # exit 255':
    (run) => {
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^ecs-placement list-container-instances: error: the cluster state examples\/aws-cli\/list-tasks\.json is not a cluster snapshot: it looks like the output of `aws ecs list-tasks`/,
      );
      expect(run.stderr).toContain('ARNs only');
      expect(run.stderr).toContain('`aws ecs describe-tasks`');
      expect(run.stderr).toContain('`ecs-placement snapshot import FILE...`');
      expect(run.stderr.split('\n')).toHaveLength(2); // one line
    },
  'ecs-placement snapshot import examples/aws-cli --out /tmp/my-cluster.json': async (run) => {
    expect(run.stdout).toBe(''); // with --out, the snapshot goes to the file only
    expect(run.stderr).toContain('cluster shop (5 container instances, 4 tasks)');
    const text = await readFile(join(dir, 'my-cluster.json'), 'utf8');
    expect(text.startsWith('{\n  "region": "eu-west-1",\n')).toBe(true); // 2-space JSON
    const snapshot: Snapshot = JSON.parse(text);
    expect([snapshot.region, snapshot.accountId]).toEqual(['eu-west-1', '210987654321']);
    const [shop, ...others] = snapshot.clusters;
    expect(others).toEqual([]);
    expect(shop!.clusterName).toBe('shop');
    expect(shop!.containerInstances).toHaveLength(5);
    expect(shop!.tasks.filter((t) => t.containerInstanceArn !== undefined)).toHaveLength(3);
    expect(shop!.tasks.filter((t) => t.launchType === 'FARGATE')).toHaveLength(1);
    expect(snapshot.taskDefinitions).toHaveLength(2);
    expect(snapshot.capacityProviders).toHaveLength(3);
    expect(snapshot.subnets).toEqual({
      'subnet-0a1b2c3d4e5f60001': 'eu-west-1a',
      'subnet-0a1b2c3d4e5f60002': 'eu-west-1b',
      'subnet-0a1b2c3d4e5f60003': 'eu-west-1c',
      'subnet-0a1b2c3d4e5f60004': 'eu-west-1a',
    });
  },
  // Spread: shop's web tasks are in eu-west-1a and 1b, so the first new one goes to 1c.
  'ecs-placement run-task --cluster-state /tmp/my-cluster.json --cluster shop --task-definition web --count 2 --placement-strategy type=spread,field=attribute:ecs.availability-zone':
    (run) => {
      expect(JSON.parse(run.stdout).failures).toEqual([]);
      const zones = tasksOf(run).map((t) => t.availabilityZone);
      expect(zones).toHaveLength(2);
      expect(zones[0]).toBe('eu-west-1c');
    },
  // Fargate: the subnets' zones come from describe-subnets.
  "ecs-placement run-task --cluster-state /tmp/my-cluster.json --cluster shop --task-definition worker --launch-type FARGATE --network-configuration 'awsvpcConfiguration={subnets=[subnet-0a1b2c3d4e5f60001,subnet-0a1b2c3d4e5f60002]}'":
    (run) => {
      expect(tasksOf(run).map((t) => [t.launchType, t.availabilityZone])).toEqual([
        ['FARGATE', 'eu-west-1a'],
      ]);
    },
  // Piped in on stdin: the same snapshot as from the directory.
  'cat examples/aws-cli/*.json | ecs-placement snapshot import > /tmp/same-cluster.json':
    async () => {
      expect(await snapshotAt('same-cluster.json')).toEqual(await snapshotAt('my-cluster.json'));
    },
  // describe-tasks alone: not a snapshot; "On any problem nothing is written".
  'ecs-placement snapshot import examples/aws-cli/describe-tasks.json # exit 255': (run) =>
    nothingWritten(run, 'import', 'no describe-clusters output among the inputs'),
  // "--account-id not 12 digits" is a command-line error.
  'ecs-placement snapshot import examples/aws-cli --account-id 42 # exit 252': (run) => {
    expect(run.stderr).toContain("argument --account-id: expected 12 digits, got '42'");
    expect(run.stderr).toContain('usage: ecs-placement snapshot import');
  },
  // "inconsistent": the ARNs say eu-west-1.
  'ecs-placement snapshot import examples/aws-cli --region us-east-1 # exit 255': (run) => {
    nothingWritten(run, 'import', 'the ARN ');
    expect(run.stderr).toContain('is in region eu-west-1, but --region says us-east-1');
  },
  // "a capture and an import of the same data give the same snapshot".
  'ecs-placement snapshot capture --cluster shop --region eu-west-1 --out shop.json': async (
    run,
  ) => {
    expect(run.stdout).toBe('');
    const captured = await snapshotAt('shop.json');
    const imported = await snapshotAt('my-cluster.json');
    expect(captured.clusters).toEqual(imported.clusters);
    expect(captured.subnets).toEqual(imported.subnets);
    expect(captured.capacityProviders).toEqual(imported.capacityProviders);
  },
  // --task-definition adds that definition; --no-subnets makes no EC2 call, so no subnet map.
  'ecs-placement snapshot capture --cluster shop --task-definition web:3 --region eu-west-1 --no-subnets --out shop-without-subnets.json':
    async () => {
      const snapshot = await snapshotAt('shop-without-subnets.json');
      expect(Object.keys(snapshot.subnets ?? {})).toEqual([]);
      expect(snapshot.taskDefinitions.map((d) => `${d.family}:${d.revision}`)).toContain('web:3');
    },
  // "a cluster that does not exist stops the capture"; a service error is exit 254.
  'ecs-placement snapshot capture --cluster nowhere --region eu-west-1 --out nowhere.json # exit 254':
    async (run) => {
      nothingWritten(run, 'capture', '');
      await expect(readFile(join(dir, 'nowhere.json'))).rejects.toThrow(/ENOENT/);
    },
};

const env = () => ({
  ...process.env,
  AWS_ACCESS_KEY_ID: 'AKIDDOCS',
  AWS_SECRET_ACCESS_KEY: 'docs-secret',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: join(dir, 'no-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
});

describe('docs/snapshot.md', () => {
  for (const heading of SECTIONS) {
    const commands = commandsOf(section(heading));

    it(`${heading}: has examples`, () => {
      expect(commands.length).toBeGreaterThanOrEqual(3);
    });

    it(`${heading}: says what every command documents`, () => {
      expect(commands.map((c) => c.line).filter((line) => !DOCUMENTED[line])).toEqual([]);
    });

    for (const { line, exit } of commands) {
      it(`${line} (exit ${exit})`, async () => {
        // The page's /tmp/ paths go to the test's folder first, so that a checkout under
        // /tmp keeps its own path to the command.
        let shell = line
          .replaceAll('/tmp/', `${dir}/`)
          .replace(/ecs-placement /g, `node ${BIN} `)
          .replace(/ # exit \d+$/, '');
        if (line.startsWith('ecs-placement snapshot capture'))
          shell += ` --endpoint-url ${server.url}`;
        const run: Run = await promisify(exec)(shell, { cwd: dir, env: env() }).then(
          ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
          (error: { code?: number; stdout: string; stderr: string }) => ({
            status: error.code ?? -1,
            stdout: error.stdout,
            stderr: error.stderr,
          }),
        );
        expect(run.status, run.stderr).toBe(exit);
        await DOCUMENTED[line]?.(run);
      });
    }
  }

  it('checks only commands the page has (a changed command needs its entry changed too)', () => {
    const lines = new Set(
      SECTIONS.flatMap((heading) => commandsOf(section(heading))).map((c) => c.line),
    );
    expect(Object.keys(DOCUMENTED).filter((line) => !lines.has(line))).toEqual([]);
  });

  it('the library example runs and prints where the task went', async () => {
    const code = /```js\n([\s\S]*?)```/.exec(section('Importing AWS CLI output'))![1]!;
    // Inside the package (dist/, not committed), so `import 'ecs-placement'` resolves to it.
    const file = join(ROOT, 'dist', `docs-snapshot-example-${process.pid}.mjs`);
    await writeFile(file, code);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: ROOT });
      expect(stdout).toMatch(
        /^arn:aws:ecs:eu-west-1:210987654321:container-instance\/shop\/[0-9a-f]{32}\n$/,
      );
    } finally {
      await rm(file);
    }
  });
});
