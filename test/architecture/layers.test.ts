// The layer order of docs/ARCHITECTURE.md, enforced: every relative import under src/ and
// grammar/ is resolved to the folder it lands in, and must go to the same layer or one
// listed above it. The order is read from the document, so the document cannot drift.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** The ```layers block of docs/ARCHITECTURE.md: one layer per line, first word. */
function documentedLayers(): string[] {
  const doc = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');
  const block = /```layers\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/ARCHITECTURE.md has no ```layers block');
  return block[1]!
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name !== '');
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/** Relative module specifiers of `import ... from`, `export ... from` and `import()`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from\s*|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    found.push(match[1]!);
  }
  return found;
}

/** `src/<layer>/...` -> layer; `src/index.ts` -> 'index'; `grammar/...` -> 'grammar'. */
function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'grammar') return 'grammar';
  return parts.length === 2 ? 'index' : parts[1]!;
}

interface Violation {
  file: string;
  imports: string;
  rule: string;
}

/** Checks `imports` (file -> relative specifiers) against `layers`, top to bottom. */
function violationsIn(imports: ReadonlyMap<string, string[]>, layers: string[]): Violation[] {
  const rank = new Map(layers.map((layer, i) => [layer, i]));
  const found: Violation[] = [];
  for (const [file, specifiers] of imports) {
    const from = layerOf(file);
    for (const specifier of specifiers) {
      const target = relative(root, resolve(root, dirname(file), specifier));
      const to = layerOf(target);
      if (to === from) continue;
      if (from === 'grammar') {
        found.push({ file, imports: target, rule: 'grammar/ imports nothing from src/' });
      } else if (to === 'grammar') {
        // Every layer may use the grammar.
      } else if (from === 'index') {
        if (to === 'cli' || to === 'testing' || !rank.has(to)) {
          found.push({ file, imports: target, rule: `the package entry may not import ${to}` });
        }
      } else if (!rank.has(from) || !rank.has(to)) {
        found.push({
          file,
          imports: target,
          rule: `every folder of src/ must be a documented layer (${from} -> ${to})`,
        });
      } else if (rank.get(to)! > rank.get(from)!) {
        found.push({ file, imports: target, rule: `${from} may not import ${to}, a later layer` });
      }
    }
  }
  return found;
}

function projectImports(): Map<string, string[]> {
  const files = [...sourceFiles('src'), ...sourceFiles('grammar')];
  return new Map(files.map((file) => [file, importsOf(file)]));
}

describe('layers (docs/ARCHITECTURE.md)', () => {
  it('lists every folder of src/ as a layer', () => {
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect([...documentedLayers()].sort()).toEqual(folders);
  });

  it('no import goes against the layer order', () => {
    expect(violationsIn(projectImports(), documentedLayers())).toEqual([]);
  });

  it('refuses an import of a later layer, of src/ from grammar/, and of the CLI from the entry', () => {
    const imports = new Map([
      ['src/kernel/errors.ts', ['../cql/index.js', './ecs-types.js']],
      ['src/placement/place-tasks.ts', ['../cluster/cluster-model.js', '../../grammar/ast.js']],
      ['grammar/parser.ts', ['../src/kernel/errors.js']],
      ['src/index.ts', ['./cli/main.js', './api/cluster.js']],
    ]);
    expect(
      violationsIn(imports, documentedLayers()).map((v) => `${v.file} -> ${v.imports}`),
    ).toEqual([
      'src/kernel/errors.ts -> src/cql/index.js',
      'grammar/parser.ts -> src/kernel/errors.js',
      'src/index.ts -> src/cli/main.js',
    ]);
  });
});
