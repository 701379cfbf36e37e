import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/cli/report/render-report.js';
import { runCli } from '../cli/run-cli.js';
import { smallCluster } from './fixtures.js';

let dir: string;
let original: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-command-'));
  original = JSON.stringify(smallCluster());
  await writeFile(join(dir, 'small.json'), original);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const runTask = (...more: string[]) =>
  runCli(
    [
      'run-task',
      '--cluster-state',
      'small.json',
      '--task-definition',
      'half',
      '--launch-type',
      'EC2',
      '--count',
      '3',
      '--now',
      '0',
      ...more,
    ],
    { cwd: dir },
  );

/** The report's data: the JSON the page carries. */
async function dataOf(file: string) {
  const html = await readFile(join(dir, file), 'utf8');
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!;
  return JSON.parse(json);
}

describe('--report', () => {
  it('run-task: the response is the same as without it, and the file is not saved', async () => {
    const plain = await runTask();
    const reported = await runTask('--report', 'run.html');
    expect(reported.code, reported.stderr).toBe(0);
    expect(reported.stdout).toBe(plain.stdout);
    expect(await readFile(join(dir, 'small.json'), 'utf8')).toBe(original);
    const data = await dataOf('run.html');
    expect(data.counters.find((c: { key: string }) => c.key === 'tasks').value).toBe(3);
    // Wherever they went (a has room for 4, b for 1, c for 2), three new tasks.
    const rows = data.instances as unknown[][];
    expect(rows.map((r) => r[0])).toEqual(['i-a', 'i-b', 'i-c', 'i-d']);
    expect(rows.reduce((n, r) => n + (r[10] as number), 0)).toBe(3);
    // Memory used after = before + 1024 MiB per new task, on every instance.
    for (const r of rows)
      expect((r[7] as number) - (r[9] as number)).toBe(1024 * (r[10] as number));
    expect(data.rankings).toHaveLength(3);
  });

  it('a report that cannot be written fails first: nothing placed, nothing saved', async () => {
    const run = await runTask('--save', '--report', 'no-such-dir/run.html');
    expect(run.code).toBe(255);
    expect(run.stderr).toBe(
      'ecs-placement run-task: error: cannot write no-such-dir/run.html: its directory does not exist\n',
    );
    expect(run.stdout).toBe('');
    expect(await readFile(join(dir, 'small.json'), 'utf8')).toBe(original);
  });

  it('the page cannot be broken out of by the text it carries', () => {
    const text = '</script><script>alert(1)</script>\u2028';
    const html = renderReport({
      command: 'run-task',
      title: 'run-task',
      subtitle: text,
      counters: [],
      checks: [],
      instances: [[text, 'z', 'cp', 'ACTIVE', 1, 1, 1, 1, 1, 1, 0, -1, text]],
      rankings: [],
      charts: [],
    });
    // Only the page's own two scripts end.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(
      html,
    )![1]!;
    expect(JSON.parse(json).subtitle).toBe(text);
  });
});
