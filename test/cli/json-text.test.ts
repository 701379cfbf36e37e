import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { jsonNestingBeyond, valueNestsBeyond } from '../../src/cli/input-limits.js';
import { JsonTextError, parseJsonText, stripByteOrderMark } from '../../src/cli/json-text.js';
import { excerptAt, locate } from '../../src/cli/text-excerpt.js';

function errorOf(text: string): JsonTextError {
  try {
    parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonTextError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('parseJsonText', () => {
  it('parses JSON', () => {
    expect(parseJsonText('{"a": [1, "x"]}')).toEqual({ a: [1, 'x'] });
  });

  it.each([
    [
      '{"a": 1,}',
      'Expected double-quoted property name at line 1, column 9:\n  {"a": 1,}\n          ^',
    ],
    ['[1, 2', "Expected ',' or ']' after array element at line 1, column 6:\n  [1, 2\n       ^"],
    ['{\n  "a": 1\n  "b": 2\n}', 'at line 3, column 3:\n    "b": 2\n    ^'],
    ['[1] x', 'Unexpected non-whitespace character after JSON at line 1, column 5'],
    ['', 'Unexpected end of JSON input at line 1, column 1'],
  ])('names the line and column of a syntax error in %j', (text, expected) => {
    const error = errorOf(text);
    expect(error.kind).toBe('syntax');
    expect(error.message).toContain(expected);
  });

  it('locates an unexpected token, which Node does not', () => {
    // Node says only "Unexpected token 'x', ..."; the position comes from a second parser.
    const error = errorOf('{"a": [1, 2, x]}');
    expect(error.message).toBe(
      'Unexpected token \'x\' at line 1, column 14:\n  {"a": [1, 2, x]}\n               ^',
    );
  });

  it('shows a control character in an error as its code, and as ? in the excerpt', () => {
    const error = errorOf('[1,\u0001]');
    expect(error.message).toContain(
      'Unexpected token U+0001 at line 1, column 4:\n  [1,?]\n     ^',
    );
  });

  it('never echoes a large input: the excerpt is a short window around the error', () => {
    const text = `{"tags": [${'"x",'.repeat(2_000_000)}]}`;
    const error = errorOf(text);
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toContain(`at line 1, column ${text.length - 1}:`);
    expect(error.message).toContain('"x",]}');
  });

  it('accepts nesting up to 100 levels and refuses 101, before parsing and whatever the depth', () => {
    expect(parseJsonText(nested(100))).toBeDefined();
    for (const depth of [101, 5_000, 1_000_000]) {
      const error = errorOf(nested(depth));
      expect(error.kind).toBe('depth');
      expect(error.reason).toBe('nesting deeper than 100 levels (the limit)');
      expect(error.where).toContain('at line 1, column 101:');
    }
  });

  test.prop([fc.string({ unit: fc.constantFrom(...'{}[],:"\\ 0123456789-.eEtrufalsn\n\tx') })])(
    'any text either parses as JSON.parse would or is refused with a JsonTextError',
    (text) => {
      let expected: unknown;
      let parses = true;
      try {
        expected = JSON.parse(text);
      } catch {
        parses = false;
      }
      if (parses && jsonNestingBeyond(text) === -1) {
        expect(parseJsonText(text)).toEqual(expected);
      } else {
        const error = errorOf(text);
        // Every syntax error is located (Node or the second parser says where).
        if (error.kind === 'syntax') expect(error.where).toMatch(/^ at line \d+, column \d+:/);
      }
    },
  );
});

describe('jsonNestingBeyond', () => {
  it('ignores brackets inside strings, including after escaped quotes', () => {
    const text = `["${'['.repeat(200)}", "\\"[[[", {"a": "}}}"}]`;
    expect(jsonNestingBeyond(text, 2)).toBe(-1);
    expect(jsonNestingBeyond(text, 1)).toBe(text.indexOf('{'));
  });

  test.prop([fc.jsonValue({ maxDepth: 6 })])('agrees with the depth of the value', (value) => {
    const text = JSON.stringify(value);
    const depth = (v: unknown): number =>
      typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
    const d = depth(value);
    expect(jsonNestingBeyond(text, d)).toBe(-1);
    if (d > 0) expect(jsonNestingBeyond(text, d - 1)).toBeGreaterThanOrEqual(0);
    expect(valueNestsBeyond(value, d)).toBe(false);
    if (d > 0) expect(valueNestsBeyond(value, d - 1)).toBe(true);
  });
});

describe('valueNestsBeyond', () => {
  it('is true for a cyclic value (it would nest forever)', () => {
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(valueNestsBeyond(cycle)).toBe(true);
  });
});

describe('text excerpts', () => {
  it('counts lines and columns from 1', () => {
    expect(locate('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(locate('ab', 0)).toEqual({ line: 1, column: 1 });
  });

  it('cuts a long line around the offset and marks the cuts', () => {
    const line = `${'a'.repeat(100)}X${'b'.repeat(100)}`;
    expect(excerptAt(line, 100)).toBe(
      `  ...${'a'.repeat(36)}X${'b'.repeat(35)}...\n  ${' '.repeat(39)}^`,
    );
  });

  it('strips a leading byte-order mark only', () => {
    expect(stripByteOrderMark('\ufeff{}')).toBe('{}');
    expect(stripByteOrderMark('{}\ufeff')).toBe('{}\ufeff');
  });
});
