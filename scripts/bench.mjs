#!/usr/bin/env node
// `npm run bench [-- --compare | --update | --filter TEXT | --quick]`: install dependencies when
// missing, build the package (the command case runs the bundled CLI, dist/bundle/cli.js),
// compile the benchmarks, then run them (bench/README.md).
import { join } from 'node:path';
import { ensureBuilt, root, run } from './ensure-built.mjs';

ensureBuilt();
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.bench.json']);
run(process.execPath, [
  '--expose-gc',
  join(root, 'dist-bench/bench/run.js'),
  ...process.argv.slice(2),
]);
