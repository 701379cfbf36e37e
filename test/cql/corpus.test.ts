import { describe, expect, it } from 'vitest';
import invalid from '../../grammar/corpus/invalid.json' with { type: 'json' };
import valid from '../../grammar/corpus/valid.json' with { type: 'json' };
import {
  CqlError,
  compileExpression,
  parseExpression,
  validateExpression,
} from '../../src/cql/index.js';
import { type InstanceDescription, viewOf } from './views.js';

interface ValidEntry {
  id: string;
  expression: string;
  meaning: string;
  cases: { instance: InstanceDescription; matches: boolean; note?: string }[];
}

interface InvalidEntry {
  expression: string;
  offset: number;
  line: number;
  column: number;
  message: string;
}

const validEntries = valid as ValidEntry[];
const invalidEntries = invalid as InvalidEntry[];

describe('valid corpus', () => {
  it('holds every documented example of the reference (#1 to #24)', () => {
    const ids = new Set(validEntries.map((entry) => entry.id));
    for (const n of [...Array(24).keys()].map((i) => String(i + 1).padStart(2, '0'))) {
      expect(ids.has(`doc-${n}`) || ids.has(`doc-${n}a`), `doc-${n}`).toBe(true);
    }
  });

  it.each(validEntries.map((entry) => [entry.id, entry] as const))(
    '%s parses, compiles and means what it documents',
    (_id, entry) => {
      expect(parseExpression(entry.expression).errors).toEqual([]);
      const compiled = compileExpression(entry.expression);
      expect(entry.cases.length).toBeGreaterThan(0);
      for (const example of entry.cases) {
        expect(
          compiled.matches(viewOf(example.instance)),
          `${JSON.stringify(example.instance)} ${example.note ?? ''}`,
        ).toBe(example.matches);
      }
    },
  );
});

describe('invalid corpus', () => {
  it.each(invalidEntries.map((entry) => [JSON.stringify(entry.expression), entry] as const))(
    '%s is rejected at the documented position',
    (_name, entry) => {
      const errors = validateExpression(entry.expression);
      expect(errors.length).toBeGreaterThan(0);
      const first = errors[0]!;
      expect(first).toBeInstanceOf(CqlError);
      expect({ offset: first.offset, line: first.line, column: first.column }).toEqual({
        offset: entry.offset,
        line: entry.line,
        column: entry.column,
      });
      expect(first.message).toContain(entry.message);
      expect(first.message).toContain(`line ${entry.line}, column ${entry.column}`);
      expect(() => compileExpression(entry.expression)).toThrow(CqlError);
    },
  );
});
