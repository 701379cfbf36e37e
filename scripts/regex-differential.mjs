#!/usr/bin/env node
// `npm run regex-differential [-- --seed N --patterns N --values N --show N]`: compile the
// bench tree, then compare CQL regular expressions with real Java on random patterns
// (bench/regex-differential/). Needs javac and java on the PATH; CI does not run it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.bench.json']);
run(process.execPath, [
  join(root, 'dist-bench/bench/regex-differential/run.js'),
  ...process.argv.slice(2),
]);
