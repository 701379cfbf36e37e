import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileJavaRegex } from '../../src/cql/index.js';
import { literalPattern } from '../../src/cql/literal-pattern.js';

const engineOnly = (pattern: string) => {
  const result = compileJavaRegex(pattern, { literalFastPath: false });
  if (!result.ok) throw new Error(result.reason);
  return result.matches;
};

describe('the literal fast path', () => {
  it('takes literals and literal prefixes followed by .*, nothing else', () => {
    for (const pattern of ['m5.*', 'i-0abc.*', 't2\\.micro', 'a\\\\.*', '.*', '', 'us-east-1a']) {
      expect(literalPattern(pattern), pattern).toBeDefined();
    }
    for (const pattern of ['t2.micro', '(a+)+', 'a\\.*', 'a.*b', '(?i)m5.*', 'a.*?', '[m]5.*']) {
      expect(literalPattern(pattern), pattern).toBeUndefined();
    }
  });

  it('reads escapes and the trailing .* as Java does', () => {
    expect(literalPattern('t2\\.micro')!('t2.micro')).toBe(true);
    expect(literalPattern('t2\\.micro')!('t2xmicro')).toBe(false);
    expect(literalPattern('a\\\\.*')!('a\\bc')).toBe(true);
    expect(literalPattern('m5.*')!('m5.large')).toBe(true);
    expect(literalPattern('m5.*')!('m5\nlarge')).toBe(false);
    expect(literalPattern('m5.*')!('m4.large')).toBe(false);
  });

  it('answers exactly as the linear-time engine does', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      'm5',
      '-',
      '_',
      ':',
      '/',
      ' ',
      '#',
      '\\.',
      '\\\\',
      '\\*',
      '\\(',
    );
    const valueChar = fc.constantFrom(
      'a',
      'b',
      'm',
      '5',
      '.',
      '-',
      '\\',
      '*',
      '(',
      '\n',
      '\r',
      '\u0085',
      '\u2028',
      'x',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 5 }),
        fc.boolean(),
        fc.array(valueChar, { maxLength: 8 }),
        fc.boolean(),
        (pieces, open, tail, fromPrefix) => {
          const pattern = pieces.join('') + (open ? '.*' : '');
          const fast = literalPattern(pattern);
          expect(fast).toBeDefined();
          const literal = pieces.join('').replace(/\\(.)/g, '$1');
          // Values that start with the literal, and values that do not.
          const value = (fromPrefix ? literal : '') + tail.join('');
          expect(fast!(value)).toBe(engineOnly(pattern)(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
