/**
 * The linear-time regex engine: what it refuses (and where the error points), and the Java
 * meanings the rewrite to RE2 syntax keeps. Expected answers are Java's (`Pattern.matches`),
 * checked by hand against java.util.regex.
 */
import { describe, expect, it } from 'vitest';
import { CqlError, compileExpression, compileJavaRegex } from '../../src/cql/index.js';
import { viewOf } from './views.js';

function compileError(expression: string): CqlError {
  try {
    compileExpression(expression);
  } catch (error) {
    if (error instanceof CqlError) return error;
    throw error;
  }
  throw new Error(`compiled: ${expression}`);
}

function matches(pattern: string, value: string): boolean {
  const result = compileJavaRegex(pattern);
  if (!result.ok) throw new Error(result.reason);
  return result.matches(value);
}

describe('constructs the linear-time engine cannot run are refused at compile time', () => {
  it.each([
    // [pattern, construct named in the message, offset of the construct in the pattern, its length]
    ['(a)\\1', 'back-reference \\1', 3, 2],
    ['(?<n>a)\\k<n>', 'back-reference \\k<n>', 7, 5],
    ['(a)(b)\\2', 'back-reference \\2', 6, 2],
    ['a(?=b)b', 'lookahead (?=...)', 1, 3],
    ['a(?!c)b', 'negative lookahead (?!...)', 1, 3],
    ['(?<=a)b', 'lookbehind (?<=...)', 0, 4],
    ['(?<!a)b', 'negative lookbehind (?<!...)', 0, 4],
  ])('%s: %s', (pattern, construct, offset, length) => {
    const expression = `attribute:x =~ '${pattern}'`;
    const error = compileError(expression);
    expect(error.reason).toContain(`${construct} is not supported`);
    expect(error.reason).toContain('the linear-time regex engine cannot run it');
    // The caret points into the pattern, after `attribute:x =~ '`.
    expect(error.offset).toBe(16 + offset);
    expect(error.length).toBe(length);
    expect(error.excerpt).toBe(`${expression}\n${' '.repeat(16 + offset)}${'^'.repeat(length)}`);
  });

  it('refuses them in task:group and ec2InstanceId patterns too', () => {
    expect(compileError("task:group =~ 'service:(a)\\1'").reason).toContain('back-reference');
    expect(compileError("ec2InstanceId =~ 'i-(?=0)'").reason).toContain('lookahead');
  });

  it.each([
    ['a$\\n', 1, 'a $ that more pattern follows'],
    ['(a$)*', 2, 'a $ that more pattern follows'],
    ['a{1001}', 1, 'repetition counts above 1000'],
    ['a{2}{3}', 1, 'a quantifier right after another'],
    ['(?<n>a)(?<n>b)', 7, 'the group name <n> is already defined'],
    ['a\\E', 1, '\\E without a \\Q'],
    ['[b-a]', 1, 'illegal character range'],
    ['[a-\\d]', 1, 'illegal character range'],
  ])('refuses %s at %i (%s)', (pattern, index, reason) => {
    const result = compileJavaRegex(pattern);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.index).toBe(index);
    expect(result.reason).toContain(reason);
  });
});

describe('Java meanings kept on the RE2 engine', () => {
  it('. is any character but a line terminator, as in Java', () => {
    expect(matches('a.b', 'a-b')).toBe(true);
    for (const terminator of ['\n', '\r', '\u0085', '\u2028', '\u2029']) {
      expect(matches('a.b', `a${terminator}b`)).toBe(false);
    }
    // One code point, not one UTF-16 unit.
    expect(matches('.', '😀')).toBe(true);
  });

  it('\\s is [ \\t\\n\\x0B\\f\\r], in and out of a class', () => {
    expect(matches('\\s', '\u000b')).toBe(true);
    expect(matches('[\\s]', '\u000b')).toBe(true);
    expect(matches('\\S', '\u000b')).toBe(false);
    expect(matches('[\\S]', '\u000b')).toBe(false);
    expect(matches('[\\S]', 'x')).toBe(true);
    expect(matches('\\s', '\u00a0')).toBe(false);
  });

  it('(?i) folds ASCII letters only, as Java does without UNICODE_CASE', () => {
    expect(matches('(?i)m5\\.LARGE', 'M5.large')).toBe(true);
    expect(matches('(?i)[a-c]+', 'AbC')).toBe(true);
    // [Z-b] is Z [ \ ] ^ _ ` a b; under (?i) also z, A and B.
    expect(matches('(?i)[Z-b]', 'z')).toBe(true);
    expect(matches('(?i)[Z-b]', 'A')).toBe(true);
    expect(matches('(?i)[Z-b]', 'c')).toBe(false);
    expect(matches('(?i)[^a]', 'A')).toBe(false);
    expect(matches('(?i)é', 'É')).toBe(false);
    expect(matches('(?i)k', '\u212a')).toBe(false); // the Kelvin sign
    expect(matches('(?i)s', '\u017f')).toBe(false); // the long s
  });

  it('reads class ranges the way Java does', () => {
    // a-c, then a literal -, then e.
    expect(matches('[a-c-e]', '-')).toBe(true);
    expect(matches('[a-c-e]', 'd')).toBe(false);
    expect(matches('[a-]', '-')).toBe(true);
    expect(matches('[\\d-z]', '-')).toBe(true);
    expect(matches('[\\d-z]', 'y')).toBe(false);
    expect(matches('[a\\-z]', 'b')).toBe(false);
    expect(matches('[\\Qa\\E-c]', 'b')).toBe(true);
  });

  it('a $ that ends the pattern (or an alternative) is accepted', () => {
    expect(matches('m5.*$', 'm5.large')).toBe(true);
    expect(matches('a$|b', 'b')).toBe(true);
    expect(matches('(a$|b)', 'a')).toBe(true);
    expect(matches('(a$)?', '')).toBe(true);
    expect(matches('a$', 'a\n')).toBe(false);
  });

  it('repetition counts: leading zeros, and up to 1000', () => {
    expect(matches('a{02}', 'aa')).toBe(true);
    expect(matches('a{1000}', 'a'.repeat(1000))).toBe(true);
  });

  it('Java escapes RE2 lacks or reads differently', () => {
    expect(matches('\\x{1F600}', '😀')).toBe(true);
    expect(matches('\\uD83D\\uDE00', '😀')).toBe(true);
    expect(matches('\\h', '\u00a0')).toBe(true);
    expect(matches('\\v', '\u2028')).toBe(true);
    expect(matches('\\V', '\n')).toBe(false);
    expect(matches('\\e\\a\\cJ', '\u001b\u0007\n')).toBe(true);
    expect(matches('\\0101\\x41', 'AA')).toBe(true);
    expect(matches('\\Q(a+)+\\E', '(a+)+')).toBe(true);
  });

  it('word boundaries count only ASCII letters, digits and _ as word characters', () => {
    expect(matches('a\\b.*', 'a b')).toBe(true);
    expect(matches('a\\b.*', 'ab')).toBe(false);
    // As in Java 19 and later; Java 17 counts ß as a word character here.
    expect(matches('a\\b.*', 'aß')).toBe(true);
  });

  it('the compiled expression answers with the engine', () => {
    const compiled = compileExpression("attribute:type =~ '(?i)T3\\..*'");
    expect(compiled.matches(viewOf({ attributes: { type: 't3.micro' } }))).toBe(true);
    expect(compiled.matches(viewOf({ attributes: { type: 't3\nmicro' } }))).toBe(false);
  });
});
