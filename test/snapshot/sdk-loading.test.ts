// The AWS SDK is loaded only by `snapshot capture`: the library entry points never reach it,
// and the command reaches it only through the dynamic import() of load-aws-sdk.js. Checked on
// the built files, tsc's and the bundle's (`npm test` builds first), following every static
// import.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticGraph } from '../support/static-graph.js';

const SDK_NAME = /['"]@aws-sdk\/client-ec[2s]['"]/;

describe('loading the AWS SDK', () => {
  it('the library entry points never reach it', () => {
    for (const entry of ['dist/src/index.js', 'dist/src/testing/index.js']) {
      expect(existsSync(entry)).toBe(true);
      const { files, packages } = staticGraph(entry);
      expect(files.size).toBeGreaterThan(10);
      expect([...packages].filter((p) => p.startsWith('@aws-sdk'))).toEqual([]);
      const reaching = [...files].filter((f) => readFileSync(f, 'utf8').includes('@aws-sdk'));
      expect(reaching).toEqual([]);
    }
  });

  it('the command imports it only dynamically, from load-aws-sdk.js', () => {
    // main.js imports each command with import() (command-modules.ts); follow them all.
    const files = new Set<string>();
    for (const command of ['run-task', 'list-container-instances', 'snapshot', 'serve']) {
      const graph = staticGraph(`dist/src/cli/${command}-command.js`);
      expect([...graph.packages].filter((p) => p.startsWith('@aws-sdk'))).toEqual([]);
      for (const file of graph.files) files.add(file);
    }
    const naming = [...files].filter((f) => SDK_NAME.test(readFileSync(f, 'utf8')));
    expect(naming).toEqual([resolve('dist/src/snapshot/capture/load-aws-sdk.js')]);
    expect(readFileSync(naming[0]!, 'utf8')).toMatch(
      /import\(ECS_PACKAGE\)[\s\S]*import\(EC2_PACKAGE\)/,
    );
  });

  it('the bundle keeps it outside: imported by name, at run time, by snapshot capture only', () => {
    for (const entry of ['dist/bundle/index.js', 'dist/bundle/testing.js', 'dist/bundle/cli.js']) {
      const { files, packages } = staticGraph(entry);
      expect([...packages].filter((p) => p.startsWith('@aws-sdk'))).toEqual([]);
      const reaching = [...files].filter((f) => readFileSync(f, 'utf8').includes('@aws-sdk'));
      expect(reaching).toEqual([]);
    }
    const chunks = readdirSync('dist/bundle/chunks').map((f) => join('dist/bundle/chunks', f));
    const naming = chunks.filter((f) => SDK_NAME.test(readFileSync(f, 'utf8')));
    expect(naming).toHaveLength(1);
    expect(naming[0]).toMatch(/snapshot-command-[^/]*\.js$/);
    expect(readFileSync(naming[0]!, 'utf8')).toMatch(
      /import\(ECS_PACKAGE\)[\s\S]*import\(EC2_PACKAGE\)/,
    );
  });
});
