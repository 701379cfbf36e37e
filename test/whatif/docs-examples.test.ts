/**
 * Runs every `ecs-placement` example of docs/what-if.md, in order, from a copy of
 * examples/, and checks its exit status and what the page says it does. Expectations are
 * worked out from examples/cluster.json: web (static host port 80) fits once per ACTIVE
 * instance with a connected agent whose port 80 is free.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCli } from '../cli/run-cli.js';
import { examplesOf } from './examples-of.js';

const DOC = fileURLToPath(new URL('../../docs/what-if.md', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

const doc = await readFile(DOC, 'utf8');
const examples = examplesOf(doc);

/** What the page says of an example, by its command line. */
const CHECKS: Record<string, (run: CliRun) => void> = {
  'ecs-placement headroom --cluster-state cluster.json --task-definition web --launch-type EC2': (
    run,
  ) => {
    const answer = JSON.parse(run.stdout);
    // 11 ACTIVE instances; i-0696f49932dfae93e has its agent disconnected; 3 already
    // hold port 80 (the running web tasks): 7 left.
    expect(answer.total).toBe(7);
    expect(answer.reason).toBe(
      'no instance fits another task: RESOURCE:PORTS on 10 instances, AGENT on 1 instance',
    );
  },
  'ecs-placement headroom --cluster-state cluster.json --task-definition web --launch-type EC2 --query total':
    (run) => expect(run.stdout).toBe('7\n'),
  'ecs-placement headroom --cluster-state cluster.json --task-definition web --launch-type EC2 --explain':
    (run) => {
      expect(run.stderr).toContain(
        'i-0f4a2b1f297c4c649 (us-east-1b, ondemand): +1, then RESOURCE:PORTS: TCP host port 80 already taken',
      );
      expect(run.stderr).toContain('i-0696f49932dfae93e (us-east-1a, spot): +0, then AGENT');
    },
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'what-if-docs-'));
  await cp(EXAMPLES, dir, { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('docs/what-if.md examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThan(2);
  });
  for (const example of examples) {
    it(example.line, async () => {
      const run = await runCli(example.argv, { cwd: dir, env: { TZ: 'UTC' } });
      expect(run.code, run.stderr).toBe(example.exit);
      CHECKS[example.line]?.(run);
    });
  }
});
