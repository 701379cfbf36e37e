// The AWS SDK is loaded only by `snapshot capture`: the library entry points never reach it,
// and the command reaches it only through the dynamic import() of load-aws-sdk.js. Checked on
// the built files (`npm test` builds first), following every static import.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const STATIC_IMPORT =
  /^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
const SDK_NAME = /['"]@aws-sdk\/client-ec[2s]['"]/;

/** Every built file reachable by static imports from `entry`, and the packages they import. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

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
    const { files, packages } = staticGraph('dist/src/cli/main.js');
    expect([...packages].filter((p) => p.startsWith('@aws-sdk'))).toEqual([]);
    const naming = [...files].filter((f) => SDK_NAME.test(readFileSync(f, 'utf8')));
    expect(naming).toEqual([resolve('dist/src/snapshot/capture/load-aws-sdk.js')]);
    expect(readFileSync(naming[0]!, 'utf8')).toMatch(
      /import\(ECS_PACKAGE\)[\s\S]*import\(EC2_PACKAGE\)/,
    );
  });
});
