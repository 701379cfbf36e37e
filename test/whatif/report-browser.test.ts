/**
 * The HTML reports in a real browser: headless Chromium (Debian's `chromium`, driven by
 * playwright-core with its executablePath) opens each report the built command wrote,
 * checks the counts the page shows against the command's answer, checks that the page asks
 * for nothing over the network, and keeps a screenshot under a temporary directory (its path
 * is printed). Without Chromium the tests are skipped, the reason in their name; .ci/run
 * installs it.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../adversarial/cli-process.js';

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
const CHROMIUM = CANDIDATES.find((path): path is string => path !== undefined && existsSync(path));
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const SKIPPED =
  CHROMIUM === undefined
    ? ' (skipped: no Chromium at /usr/bin/chromium; apt-get install chromium, or set CHROMIUM_PATH)'
    : '';

let dir: string;
let browser: Browser | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
  await cp(EXAMPLES, dir, { recursive: true });
  if (CHROMIUM === undefined) return;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  // The directory stays: it holds the reports and screenshots (the test's artifacts).
  if (CHROMIUM !== undefined) console.log(`report screenshots in ${dir}`);
});

/** Runs the built command in the examples' copy; returns its answer (JSON). */
async function answerOf(args: string[]): Promise<Record<string, unknown>> {
  const run = await startCli(args, { cwd: dir }).done;
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

/** Opens a report, fails on any script error or network request, and takes a screenshot. */
async function open(file: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`request ${request.url()}`);
  });
  await page.goto(`file://${join(dir, file)}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.screenshot({ path: join(dir, file.replace(/\.html$/, '.png')), fullPage: true });
  expect(problems).toEqual([]);
  return page;
}

const shown = (page: Page) =>
  page.$$eval('[data-count]', (elements) =>
    Object.fromEntries(elements.map((e) => [e.getAttribute('data-count'), Number(e.textContent)])),
  );

describe.skipIf(CHROMIUM === undefined)(`HTML reports in Chromium${SKIPPED}`, () => {
  it('run-task: tasks, failures, instances and the highlighted hosts match the response', async () => {
    const response = await answerOf([
      'run-task',
      '--cluster-state',
      'cluster.json',
      '--cli-input-json',
      'file://requests/web-spread-binpack.json',
      '--now',
      '0',
      '--report',
      'run-task.html',
    ]);
    const tasks = response['tasks'] as { containerInstanceArn?: string }[];
    const hosts = new Set(tasks.map((t) => t.containerInstanceArn));
    const page = await open('run-task.html');
    expect(await shown(page)).toMatchObject({
      tasks: tasks.length,
      failures: (response['failures'] as unknown[]).length,
      instances: 12,
      hosts: hosts.size,
    });
    expect(await page.locator('.cell').count()).toBe(12);
    expect(await page.locator('.cell.new').count()).toBe(hosts.size);
    const newTasks = await page.$$eval('.cell', (cells) =>
      cells.reduce((n, c) => n + Number(c.getAttribute('data-new')), 0),
    );
    expect(newTasks).toBe(tasks.length);
    // A rejected instance says why on hover; one summary per task.
    const title = await page.locator('.cell.rejected').first().getAttribute('title');
    expect(title).toMatch(/\n(AGENT|RESOURCE:PORTS|MemberOf): /);
    expect(await page.locator('details.ranking').count()).toBe(tasks.length);
  });

  it('headroom: the total, the calls and the binding checks', async () => {
    const answer = await answerOf([
      'headroom',
      '--cluster-state',
      'cluster.json',
      '--task-definition',
      'web',
      '--launch-type',
      'EC2',
      '--report',
      'headroom.html',
    ]);
    const page = await open('headroom.html');
    const counts = await shown(page);
    expect(counts['total']).toBe(answer['total']);
    expect(counts['calls']).toBe(answer['calls']);
    for (const b of answer['binding'] as { check: string; instances: number }[]) {
      expect(counts[`binding:${b.check}`]).toBe(b.instances);
      // Coloured by it, or (an instance that took tasks first) new with its strip.
      expect(await page.locator(`.cell[data-check="${b.check}"]`).count()).toBe(b.instances);
    }
  });

  it('simulate: seeds and failures, and one chart row per step', async () => {
    const answer = await answerOf([
      'simulate',
      '--cluster-state',
      'cluster.json',
      '--scenario',
      'scenarios/workers-then-web.yaml',
      '--seeds',
      '12',
      '--workers',
      '0',
      '--now',
      '0',
      '--report',
      'simulate.html',
    ]);
    const page = await open('simulate.html');
    expect(await shown(page)).toMatchObject({
      seeds: 12,
      'seeds-with-failures': answer['seedsWithFailures'],
      steps: 5,
    });
    const firstChartRows = await page.locator('figure.chart').first().locator('rect').count();
    expect(firstChartRows).toBe(5);
  });

  it('drain: replaced and failed, the drained instance not a candidate', async () => {
    const answer = await answerOf([
      'drain',
      '--cluster-state',
      'cluster.json',
      '--container-instance',
      'i-035c454e70dffe61a',
      '--now',
      '0',
      '--report',
      'drain.html',
    ]);
    const page = await open('drain.html');
    expect(await shown(page)).toMatchObject({
      replaced: answer['replaced'],
      failed: answer['failed'],
    });
    const drained = page.locator('.cell[title^="i-035c454e70dffe61a "]');
    expect(await drained.getAttribute('class')).toContain('inactive');
    expect(await drained.getAttribute('title')).toContain('DRAINING');
  });

  it('a report is one file: it reads nothing else', async () => {
    const html = await readFile(join(dir, 'run-task.html'), 'utf8');
    // The one URL in it is the SVG namespace, which names and fetches nothing.
    const withoutNamespace = html.replaceAll("'http://www.w3.org/2000/svg'", '');
    expect(withoutNamespace).not.toMatch(/<(link|img|iframe)\b|\bsrc=|https?:\/\//);
  });
});
