#!/usr/bin/env node
// `node scripts/bundle.mjs [FROM [TO]]` (part of `npm run build`, after tsc): bundles the
// compiled JavaScript in FROM (default dist/) into TO (default dist/bundle/) with esbuild.
// Three entries, the files the package's `exports` and `bin` point at:
//   index.js    the library (`ecs-placement`),
//   testing.js  the test kit (`ecs-placement/testing`),
//   cli.js      the `ecs-placement` command,
//   simulate-worker.js  the worker thread of `simulate` (src/simulate/seed-pool.ts finds it),
// plus shared chunks in chunks/: code splitting keeps one copy of each module, so the two
// library entries share their classes (`instanceof InvalidParameterException` holds across
// them), and what the command imports with `import()` (each command, the output formats,
// the file lock) stays out of the files read at start-up. The bundle keeps only the parts of
// chevrotain's lodash-es that are used (about 230 of its 640 modules, 78 KB) and turns some
// 880 module loads into a handful; docs/ARCHITECTURE.md ("Build outputs") has the figures.
// Left outside, resolved from node_modules at run time: fast-check (the test kit's peer
// dependency), the AWS SDK (optional, imported only by `snapshot capture`),
// @jmespath-community/jmespath (MPL-2.0, kept as its own files; imported only for --query),
// and re2js and yaml, which synchronous code requires on first use (src/cql/java-regex.ts,
// src/cli/yaml-library.ts): a bundle cannot load a part of itself synchronously. tinypool
// (simulate's worker threads) too: it starts its workers from a file of its own package.
// THIRD-PARTY-NOTICES.md beside the bundle lists every package bundled, with its license.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Imported at run time rather than bundled (see above; re2js and yaml are required by name). */
export const EXTERNAL = ['fast-check', '@aws-sdk/*', '@jmespath-community/jmespath', 'tinypool'];

// Bundled CommonJS packages (commander, yaml, ...) call require() for Node's own modules,
// which an ES module has no binding for: give every output file one.
const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module';\n" +
  'const require = __createRequire(import.meta.url);';

export async function bundle(from = join(root, 'dist'), to = join(from, 'bundle')) {
  rmSync(to, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      index: join(from, 'src/index.js'),
      testing: join(from, 'src/testing/index.js'),
      cli: join(from, 'src/cli/main.js'),
      'simulate-worker': join(from, 'src/simulate/simulate-worker.js'),
    },
    outdir: to,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Prefer each package's ES module build: it tree-shakes, and jsonc-parser's CommonJS
    // build loads its parts with a require() that a bundle cannot follow.
    mainFields: ['module', 'main'],
    external: EXTERNAL,
    banner: { js: REQUIRE_SHIM },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const packages = bundledPackages(result.metafile, resolve(from));
  writeFileSync(join(to, 'THIRD-PARTY-NOTICES.md'), notices(packages));
  return result.metafile;
}

/** The directories of the packages whose code went into the bundle (not our own, in `from`). */
function bundledPackages(metafile, from) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    if (resolve(root, input).startsWith(`${from}/`)) continue;
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) dirs.add(resolve(root, match[1]));
  }
  return [...dirs].sort((a, b) => packageName(a).localeCompare(packageName(b)));
}

function packageName(dir) {
  return dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

const LICENSE_FILE = /^(licen[sc]e|copying|notice)/i;

function notices(dirs) {
  const parts = [
    '# Third-party notices',
    '',
    'The files of this directory bundle the following packages (esbuild, `npm run build`).',
    'Each is used under its own license, reproduced below.',
  ];
  for (const dir of dirs) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const license = typeof manifest.license === 'string' ? manifest.license : 'see below';
    parts.push('', `## ${manifest.name} ${manifest.version} (${license})`, '');
    const files = readdirSync(dir).filter((f) => LICENSE_FILE.test(f));
    for (const file of files) {
      parts.push('```', readFileSync(join(dir, file), 'utf8').trim(), '```');
    }
    if (files.length === 0) parts.push(licenseFromReadme(dir, manifest, license));
  }
  return `${parts.join('\n')}\n`;
}

/** Without a license file, the README's license section (seedrandom's), else where to look. */
function licenseFromReadme(dir, manifest, license) {
  const readme = readdirSync(dir).find((f) => /^readme/i.test(f));
  const text = readme === undefined ? '' : readFileSync(join(dir, readme), 'utf8');
  const start = text.search(/^#{0,6}\s*licen[sc]e\b/im);
  if (start !== -1) return ['```', text.slice(start).trim(), '```'].join('\n');
  const repository = manifest.repository?.url ?? manifest.repository ?? manifest.homepage;
  return `The package ships no license text; ${license}, ${repository}.`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [from, to] = process.argv.slice(2);
  const metafile = await bundle(from && resolve(from), to && resolve(to));
  const sizes = Object.entries(metafile.outputs).map(
    ([file, output]) => `${relative(root, file)} ${Math.round(output.bytes / 1024)} KiB`,
  );
  if (process.env.BUNDLE_VERBOSE) console.error(sizes.join('\n'));
}
