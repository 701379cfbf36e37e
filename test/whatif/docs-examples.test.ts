/**
 * Runs every `ecs-placement` example of docs/what-if.md, in order, with the built command
 * (as installed: simulate's workers start from the bundle) from a copy of examples/, and checks its exit status and what the page says it does. Expectations are
 * worked out from examples/cluster.json: web (static host port 80) fits once per ACTIVE
 * instance with a connected agent whose port 80 is free.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessRun, startCli } from '../adversarial/cli-process.js';
import { examplesOf } from '../support/doc-examples.js';

const DOC = fileURLToPath(new URL('../../docs/what-if.md', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

const doc = await readFile(DOC, 'utf8');
const examples = examplesOf(doc);

/** What the page says of an example, by its command line. */
const CHECKS: Record<string, (run: ProcessRun) => void | Promise<void>> = {
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
  "ecs-placement simulate --cluster-state cluster.json --scenario scenarios/workers-then-web.yaml --seeds 20 --now 0 --query 'steps[*].[name, placed.median, failed.max]' --output text":
    (run) => {
      const rows = run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t'));
      // 15 workers (5 at a time, 3 times) fit every time; the stop places nothing.
      expect(rows[0]).toEqual(['workers', '15', '0']);
      expect(rows[1]).toEqual(['scale in workers', '0', '0']);
      expect(rows.map((r) => r[0])).toEqual([
        'workers',
        'scale in workers',
        'drain an on-demand instance',
        'a new instance like it, in us-east-1c',
        'web',
      ]);
    },
  'ecs-placement simulate --cluster-state cluster.json --scenario scenarios/workers-then-web.yaml --seeds 20 --now 0 --workers 2 --results results.jsonl --query seedsWithFailures':
    async (run) => {
      // web: at most 8 of the 10 fit (port 80), so every seed fails some.
      expect(run.stdout).toBe('20\n');
      const lines = (await readFile(join(dir, 'results.jsonl'), 'utf8')).trimEnd().split('\n');
      expect(lines).toHaveLength(20);
    },
  'ecs-placement simulate --cluster-state cluster.json --scenario scenarios/none.yaml': (run) =>
    expect(run.stderr).toContain('Unable to load paramfile file://scenarios/none.yaml'),
  "ecs-placement drain --cluster-state cluster.json --container-instance i-035c454e70dffe61a --now 0 --query '[replaced, failed, before.perAvailabilityZone, after.perAvailabilityZone]'":
    (run) => {
      // i-035c454e70dffe61a (us-east-1a) runs a web and an api task; both find room.
      const [replaced, failed, before, after] = JSON.parse(run.stdout);
      expect([replaced, failed]).toEqual([2, 0]);
      expect(before['us-east-1a'] - after['us-east-1a']).toBeGreaterThanOrEqual(1);
      const total = (zones: Record<string, number>) => Object.values(zones).reduce((a, b) => a + b);
      expect(total(after)).toBe(total(before));
    },
  "ecs-placement drain --cluster-state cluster.json --container-instance i-0240e31944488f17b --placement-strategy type=binpack,field=memory --now 0 --query 'moves[*].[group, to]' --output text":
    (run) => {
      const [group, to] = run.stdout.trim().split('\t');
      expect(group).toBe('family:worker');
      expect(to).toMatch(/^arn:aws:ecs:us-east-1:123456789012:container-instance\/default\//);
    },
  'ecs-placement drain --cluster-state cluster.json --container-instance i-0b613a28d62b8a6c6': (
    run,
  ) => expect(run.stderr).toContain('Container instance i-0b613a28d62b8a6c6 is DRAINING'),
  "ecs-placement run-task --cluster-state cluster.json --cli-input-json file://requests/web-spread-binpack.json --now 0 --report run-task.html --query 'length(tasks)'":
    async (run) => {
      expect(run.stdout).toBe('3\n');
      const html = await readFile(join(dir, 'run-task.html'), 'utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('"command":"run-task"');
    },
  'ecs-placement headroom --cluster-state cluster.json --task-definition web --launch-type EC2 --report headroom.html --query total':
    async (run) => {
      expect(run.stdout).toBe('7\n');
      expect(await readFile(join(dir, 'headroom.html'), 'utf8')).toContain('"command":"headroom"');
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
    it(example.command, async () => {
      const run = await startCli(example.argv, { cwd: dir, env: { ...process.env, TZ: 'UTC' } })
        .done;
      expect(run.code, run.stderr).toBe(example.exit);
      await CHECKS[example.command]?.(run);
    });
  }
});
