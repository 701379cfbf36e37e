#!/usr/bin/env node
// Make a fresh clone runnable: install dependencies when they are missing, then build (tsc
// into dist/, then the esbuild bundle into dist/bundle/: see scripts/bundle.mjs). Used by
// `npm start`, `npm run bench` and before `npm test`, so the README's commands work on their own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function run(cmd, args, { quiet = false } = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

export function ensureBuilt() {
  const needed = ['chevrotain', 'typescript', 'esbuild'];
  if (needed.some((name) => !existsSync(join(root, 'node_modules', name)))) {
    console.error('Installing dependencies (npm ci) ...');
    run('npm', ['ci', '--no-audit', '--no-fund'], { quiet: true });
  }
  run(process.execPath, [
    join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    'tsconfig.build.json',
  ]);
  run(process.execPath, [join(root, 'scripts/bundle.mjs')]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureBuilt();
