#!/usr/bin/env node
// `npm start`: install if needed, build, then dry-run a RunTask with --explain on the bundled
// example cluster, so a newcomer sees a placement and its explanation with one command.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, quiet = false) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync(join(root, 'node_modules', 'chevrotain'))) {
  console.error('Installing dependencies (npm ci) ...');
  run('npm', ['ci', '--no-audit', '--no-fund'], true);
}
console.error('Building ...');
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);

const demo = [
  'run-task',
  '--cluster-state', 'examples/cluster.json',
  '--cli-input-json', 'file://examples/requests/web-spread-binpack.json',
  '--seed', 'demo',
  '--explain',
];
console.error(`\n$ ecs-placement ${demo.join(' ')}\n`);
run(process.execPath, [join(root, 'dist/src/cli/main.js'), ...demo]);
