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

  it('takes a group of literal alternatives at the end of the literal, before the .*', () => {
    for (const pattern of ['(m5|r5|c5).*', 'm5\\.(large|xlarge)', '(?:a|)', '(a\\|b|c).*', '()']) {
      expect(literalPattern(pattern), pattern).toBeDefined();
    }
    for (const pattern of ['(a|b)c', '(m5|r5', '((a))', '(a|b)*', '(a|b.*)', '(?i:a|b)', 'a|b']) {
      expect(literalPattern(pattern), pattern).toBeUndefined();
    }
    const families = literalPattern('(m5|r5|c5).*')!;
    expect(['m5.large', 'r5', 'c5.xlarge', 'm6.large', 't5', 'c5\nx'].map(families)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    const sizes = literalPattern('m5\\.(large|xlarge)')!;
    expect(['m5.large', 'm5.xlarge', 'm5.2xlarge', 'm5xlarge'].map(sizes)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const escaped = literalPattern('(a\\|b|c)')!;
    expect(['a|b', 'c', 'a', 'b'].map(escaped)).toEqual([true, true, false, false]);
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

  it('answers exactly as the linear-time engine does with a group of alternatives', () => {
    const piece = fc.constantFrom('a', 'b', 'm5', '-', ' ', '\\.', '\\|', '\\(');
    const word = fc.array(piece, { maxLength: 3 }).map((pieces) => pieces.join(''));
    const valueChar = fc.constantFrom('a', 'b', 'm', '5', '.', '-', '|', '(', '\n', '\u2029', 'x');
    fc.assert(
      fc.property(
        word,
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        fc.array(valueChar, { maxLength: 6 }),
        (prefix, alternatives, capturing, open, pick, tail) => {
          const group = `(${capturing ? '' : '?:'}${alternatives.join('|')})`;
          const pattern = prefix + group + (open ? '.*' : '');
          const fast = literalPattern(pattern);
          expect(fast, pattern).toBeDefined();
          const withoutEscapes = (text: string) => text.replace(/\\(.)/g, '$1');
          // Values made of the prefix and one alternative, then anything.
          const chosen = alternatives[pick % alternatives.length]!;
          const value = withoutEscapes(prefix) + withoutEscapes(chosen) + tail.join('');
          expect(fast!(value), `${pattern} on ${JSON.stringify(value)}`).toBe(
            engineOnly(pattern)(value),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
