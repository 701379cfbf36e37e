/**
 * The `bin`: compiled with the project's build config and bundled as `npm run build` does
 * (scripts/bundle.mjs), then run as a process, the way npm would install it (through a
 * symlink).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let outDir: string;
let bin: string;

beforeAll(async () => {
  // Inside the checkout (so the build finds node_modules) but in an ignored cache folder.
  const cache = join(ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  outDir = await mkdtemp(join(cache, 'ecs-placement-bin-'));
  try {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        outDir,
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
  } catch {
    // Type errors elsewhere in the project still emit JavaScript; the runs below tell.
  }
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), outDir], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  bin = join(outDir, 'bin', 'ecs-placement');
  await mkdir(join(outDir, 'bin'));
  await symlink(join(outDir, 'bundle', 'cli.js'), bin);
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function run(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: FIXTURES, encoding: 'utf8' });
}

describe('the ecs-placement executable', () => {
  it('starts with a node shebang', async () => {
    const source = await readFile(join(outDir, 'bundle', 'cli.js'), 'utf8');
    expect(source.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('runs through a symlink and exits with the command status', () => {
    const version = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);

    const placed = run([
      'run-task',
      '--cluster-state',
      'small-cluster.json',
      '--task-definition',
      'web:1',
    ]);
    expect(placed.status).toBe(0);
    expect(JSON.parse(placed.stdout).tasks).toHaveLength(1);

    expect(
      run([
        'run-task',
        '--cluster-state',
        'small-cluster.json',
        '--task-definition',
        'web:1',
        '--count',
        'x',
      ]).status,
    ).toBe(252);
    expect(
      run([
        'run-task',
        '--cluster-state',
        'small-cluster.json',
        '--task-definition',
        'web:1',
        '--cluster',
        'nope',
      ]).status,
    ).toBe(254);
    expect(run(['list-container-instances', '--cluster-state', 'nowhere.json']).status).toBe(255);
  });
});
