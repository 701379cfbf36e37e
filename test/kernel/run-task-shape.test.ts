// The RunTask request shape (src/kernel/shape.ts, src/kernel/run-task-shape.ts) against what
// is written about it: its TypeScript type, the member table of docs/validation.md (generated
// from the shape; `UPDATE_DOCS=1 npx vitest run test/kernel/run-task-shape.test.ts` rewrites
// it) and the request options table of docs/cli.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { runTaskInputShape } from '../../src/kernel/run-task-shape.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import type { Shape, ValueOf } from '../../src/kernel/shape.js';

const root = resolve(import.meta.dirname, '../..');
const START = '<!-- request-members: generated from src/kernel/run-task-shape.ts -->';
const END = '<!-- /request-members -->';

function typeOf(shape: Shape): string {
  return shape.kind === 'list' ? `list of ${typeOf(shape.member)}` : shape.kind;
}

/** One row per member, depth first, list items written `[]`. */
function rowsOf(shape: Shape, path: string, required: boolean): string[][] {
  const rows: string[][] = [];
  if (path !== '') {
    const values = shape.kind === 'string' && shape.enum ? shape.enum.join(', ') : '';
    rows.push([`\`${path}\``, typeOf(shape), required ? 'yes' : '', values]);
  }
  let inner = shape;
  let itemPath = path;
  while (inner.kind === 'list') {
    inner = inner.member;
    itemPath += '[]';
  }
  if (inner.kind === 'structure') {
    for (const [name, member] of Object.entries(inner.members)) {
      const memberPath = itemPath === '' ? name : `${itemPath}.${name}`;
      rows.push(...rowsOf(member, memberPath, inner.required.includes(name)));
    }
  }
  return rows;
}

function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function memberTable(): string {
  return markdownTable(
    ['member', 'type', 'required', 'values'],
    rowsOf(runTaskInputShape, '', false),
  );
}

describe('the RunTask request shape', () => {
  it('describes the type RunTaskInput exactly (members, optionality, enumerations)', () => {
    expectTypeOf<ValueOf<typeof runTaskInputShape>>().toEqualTypeOf<RunTaskInput>();
  });

  it('is the member table of docs/validation.md', () => {
    const file = join(root, 'docs/validation.md');
    const doc = readFileSync(file, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, `docs/validation.md has no ${START}`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const written = doc.slice(start + START.length, end).trim();
    const generated = memberTable();
    if (process.env['UPDATE_DOCS'] === '1' && written !== generated) {
      writeFileSync(
        file,
        `${doc.slice(0, start + START.length)}\n\n${generated}\n\n${doc.slice(end)}`,
      );
      return;
    }
    expect(written).toBe(generated);
  });

  it('lists every top-level member in the request options table of docs/cli.md, in order', () => {
    const doc = readFileSync(join(root, 'docs/cli.md'), 'utf8');
    const table = /\| Option +\| Request field +\|[^\n]*\n((?:\|[^\n]*\n)+)/.exec(doc);
    expect(table, 'docs/cli.md has no request options table').not.toBeNull();
    const fields = table![1]!
      .split('\n')
      .slice(1) // the separator row
      .map((row) => /^\|[^|]*\| `(\w+)` /.exec(row)?.[1])
      .filter((field) => field !== undefined);
    expect(fields).toEqual(Object.keys(runTaskInputShape.members));
  });
});
