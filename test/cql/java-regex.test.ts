import { describe, expect, it } from 'vitest';
import { compileJavaRegex } from '../../src/cql/index.js';

function accepts(pattern: string, value: string): boolean {
  const result = compileJavaRegex(pattern);
  if (!result.ok) throw new Error(result.reason);
  return result.matches(value);
}

function refusal(pattern: string): { index: number; reason: string } {
  const result = compileJavaRegex(pattern);
  if (result.ok) throw new Error(`accepted ${pattern}`);
  return { index: result.index, reason: result.reason };
}

describe('Java regular expressions', () => {
  it('anchors the whole value', () => {
    expect(accepts('a', 'a')).toBe(true);
    expect(accepts('a', 'ab')).toBe(false);
    expect(accepts('a|ab', 'ab')).toBe(true);
  });

  it('keeps the constructs both engines read alike', () => {
    expect(accepts('[a-c]+\\d{2,3}', 'abc12')).toBe(true);
    expect(accepts('(?:ab)*?c', 'ababc')).toBe(true);
    expect(accepts('(?<n>a)b', 'ab')).toBe(true);
    expect(accepts('\\-\\:\\.', '-:.')).toBe(true);
    expect(accepts('[^\\]]', 'a')).toBe(true);
    expect(accepts('\\w+\\s\\W', 'ab !')).toBe(true);
  });

  it('refuses an unmatched ) instead of letting it break out of the whole-value anchoring', () => {
    expect(refusal('a)|(b')).toEqual({ index: 1, reason: 'unmatched closing )' });
    expect(refusal('.*)(?<n>x').index).toBe(2);
    expect(accepts('(a)|b\\)', 'b)')).toBe(true);
    expect(accepts('[)]', ')')).toBe(true);
  });

  it('reads a ] right after [ or [^ as a literal, as Java does', () => {
    expect(accepts('[]a]', ']')).toBe(true);
    expect(accepts('[]a]', 'a')).toBe(true);
    expect(accepts('[^]a]', 'b')).toBe(true);
    expect(accepts('[^]a]', ']')).toBe(false);
    expect(accepts('[]-a]', '^')).toBe(true);
  });

  it('reads \\c as Java does (the character code XOR 64)', () => {
    expect(accepts('\\cA', '\u0001')).toBe(true);
    expect(accepts('\\ca', '!')).toBe(true);
    expect(accepts('\\ca', '\u0001')).toBe(false);
  });

  it('refuses \\b and \\B inside a character class, as Java does', () => {
    expect(refusal('[\\b]').reason).toContain('\\b');
    expect(refusal('[a\\B]').index).toBe(2);
  });

  it('maps a leading (?i) to case-insensitive matching', () => {
    expect(accepts('(?i)ab', 'AB')).toBe(true);
    expect(accepts('ab', 'AB')).toBe(false);
  });

  it('translates Java-only escapes', () => {
    expect(accepts('\\Q.*\\E', '.*')).toBe(true);
    expect(accepts('\\Q.*\\E', 'ab')).toBe(false);
    expect(accepts('[\\Q]^\\E]+', ']^')).toBe(true);
    expect(accepts('\\e\\a', '\u001b\u0007')).toBe(true);
    expect(accepts('\\011', '\t')).toBe(true);
  });

  it.each([
    ['a*+', 1, 'possessive'],
    ['a++', 1, 'possessive'],
    ['a?+', 1, 'possessive'],
    ['a{2}+', 3, 'possessive'],
    ['(?>a)', 0, 'atomic groups'],
    ['\\Aa', 0, 'anchor \\A'],
    ['a\\Z', 1, 'anchor \\Z'],
    ['a\\z', 1, 'anchor \\z'],
    ['\\Ga', 0, 'anchor \\G'],
    ['(?s)a', 0, 'inline flags'],
    ['a(?i)b', 1, 'inline flags'],
    ['(?i:a)', 0, 'inline flags'],
    ['(?-i)a', 0, 'inline flags'],
    ['[a-z&&[^e]]', 4, 'intersection'],
    ['[a[b]]', 2, 'nested character classes'],
    ['\\p{javaLowerCase}', 0, 'Java character classes'],
    ['\\p{Lu}', 0, 'property classes'],
    ['\\R', 0, 'escape \\R'],
    ['\\x{110000}', 0, 'beyond U+10FFFF'],
    ['a\\E', 1, '\\E without a \\Q'],
    ['a{', 1, 'literal {'],
    ['[]', 2, 'unclosed'],
    ['[^]', 3, 'unclosed'],
    ['[a', 2, 'unclosed'],
    ['a\\', 1, 'lone backslash'],
  ])('refuses %s at %i (%s)', (pattern, index, reason) => {
    const result = refusal(pattern);
    expect(result.index).toBe(index);
    expect(result.reason).toContain(reason);
  });

  it('reports patterns that do not compile', () => {
    expect(refusal('(a')).toEqual({ index: 0, reason: 'unclosed group: missing )' });
    expect(refusal('*a').reason).toContain('invalid regular expression');
  });
});
