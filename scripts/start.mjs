#!/usr/bin/env node
// `npm start`: install if needed, build, then dry-run a RunTask with --explain on the bundled
// example cluster, so a newcomer sees a placement and its explanation with one command.
import { join } from 'node:path';
import { ensureBuilt, root, run } from './ensure-built.mjs';

ensureBuilt();
// biome-ignore format: one flag and its value per line
const demo = [
  'run-task',
  '--cluster-state', 'examples/cluster.json',
  '--cli-input-json', 'file://examples/requests/web-spread-binpack.json',
  '--seed', 'demo',
  '--explain',
];
console.error(`$ ecs-placement ${demo.join(' ')}\n`);
run(process.execPath, [join(root, 'dist/bundle/cli.js'), ...demo]);
