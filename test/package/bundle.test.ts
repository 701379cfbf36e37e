/**
 * The bundle that the package's `exports` and `bin` point at (dist/bundle, built by
 * scripts/bundle.mjs; `npm test` builds first): what the command loads before it runs, one
 * copy of each class for both library entries, and the notices of the bundled packages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticGraph } from '../support/static-graph.js';

const BUNDLE = 'dist/bundle';
const files = [
  ...readdirSync(BUNDLE)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(BUNDLE, f)),
  ...readdirSync(join(BUNDLE, 'chunks')).map((f) => join(BUNDLE, 'chunks', f)),
].map((f) => resolve(f));
const text = (file: string) => readFileSync(file, 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  bin: Record<string, string>;
  exports: Record<string, { import: string } | string>;
  dependencies: Record<string, string>;
};

describe('the bundle', () => {
  it('is what the package exports and installs as its command', () => {
    expect(pkg.bin['ecs-placement']).toBe('./dist/bundle/cli.js');
    expect(pkg.exports['.']).toMatchObject({ import: './dist/bundle/index.js' });
    expect(pkg.exports['./testing']).toMatchObject({ import: './dist/bundle/testing.js' });
    expect(text(join(BUNDLE, 'cli.js')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('the command loads no command module and no engine before it reads its arguments', () => {
    const loaded = [...staticGraph(join(BUNDLE, 'cli.js')).files];
    expect(loaded.filter((f) => /-command-[^/]*\.js$/.test(f))).toEqual([]);
    // The CQL parser (chevrotain) and the placement engine come with a command.
    expect(loaded.filter((f) => text(f).includes('performSelfAnalysis'))).toEqual([]);
    expect(loaded.filter((f) => /\bvar Cluster = class\b/.test(text(f)))).toEqual([]);
    const commands = files.filter((f) => /-command-[^/]*\.js$/.test(f));
    expect(commands.map((f) => f.replace(/^.*\/(.*)-command-.*$/, '$1')).sort()).toEqual([
      'drain',
      'headroom',
      'list-container-instances',
      'run-task',
      'serve',
      'simulate',
      'snapshot',
    ]);
  });

  it('the two library entries share one copy of each class, so instanceof holds across them', () => {
    // esbuild writes `class X` as `var X = class`.
    for (const definition of [
      /\bInvalidParameterException = define\(/,
      /\bvar Cluster = class\b/,
      /\bvar CqlError = class\b/,
    ]) {
      const defining = files.filter((f) => definition.test(text(f)));
      expect(defining, String(definition)).toHaveLength(1);
      for (const entry of ['index.js', 'testing.js']) {
        expect(staticGraph(join(BUNDLE, entry)).files.has(defining[0]!), entry).toBe(true);
      }
    }
  });

  it('loads at run time only the packages left outside: the dependencies and fast-check', () => {
    const imported = new Set<string>();
    const required = new Set<string>();
    for (const file of files) {
      for (const name of staticGraph(file).packages) imported.add(name);
      for (const [, name = ''] of text(file).matchAll(
        /createRequire\(import\.meta\.url\)\("([^"]+)"\)/g,
      )) {
        required.add(name);
      }
    }
    // jmespath (--query only) from the chunk that import() brings; fast-check, the peer
    // dependency, from the test kit; re2js (a CQL regex) and yaml (YAML input) on first use;
    // tinypool, which starts simulate's workers from a file of its own package.
    expect([...imported].filter((name) => !name.startsWith('node:')).sort()).toEqual([
      '@jmespath-community/jmespath',
      'fast-check',
      'tinypool',
    ]);
    expect([...required].sort()).toEqual(['re2js', 'yaml']);
    expect(Object.keys(pkg.dependencies)).toEqual([
      '@jmespath-community/jmespath',
      're2js',
      'tinypool',
      'yaml',
    ]);
  });

  it('lists every bundled package in its third-party notices, with the license text', () => {
    const notices = readFileSync(join(BUNDLE, 'THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const name of ['chevrotain', 'lodash-es', 'commander', 'cli-table3', 'seedrandom']) {
      expect(notices).toMatch(new RegExp(`^## ${name} \\d+\\.\\d+\\.\\d+ \\(`, 'm'));
    }
    for (const name of ['@jmespath-community/jmespath', 're2js', 'yaml']) {
      expect(notices).not.toMatch(new RegExp(`^## ${name} `, 'm'));
    }
    expect(notices).toContain('Permission is hereby granted, free of charge');
    // seedrandom has no license file; its README's license section stands in.
    expect(notices).toContain('Copyright 2019 David Bau.');
    expect(notices).not.toContain('ships no license text');
  });
});
