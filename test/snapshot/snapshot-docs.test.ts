// Runs every `ecs-placement` command of docs/snapshot.md's sections "The format", "Importing
// AWS CLI output" and "Capturing from an account" (the bundled command; capture against the
// local ECS endpoint of test/support, with dummy credentials), checks each exit status
// (`# exit N`, else 0), and runs the library example.
import { exec, execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EcsJsonServer, startEcsJsonServer } from '../support/ecs-json-server.js';
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

    for (const { line, exit } of commands) {
      it(`${line} (exit ${exit})`, async () => {
        let shell = line.replace(/ecs-placement /g, `node ${BIN} `).replace(/ # exit \d+$/, '');
        if (line.startsWith('ecs-placement snapshot capture'))
          shell += ` --endpoint-url ${server.url}`;
        const status = await promisify(exec)(shell, { cwd: dir, env: env() }).then(
          () => 0,
          (error: { code?: number }) => error.code ?? -1,
        );
        expect(status).toBe(exit);
      });
    }
  }

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
