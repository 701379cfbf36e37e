/**
 * `=~` / `!~` take Java regular expressions, matched against the WHOLE value (Java's
 * `Matcher.matches()`). They run on re2js, a linear-time engine (RE2's automata): no pattern
 * makes a match take more than time proportional to the value's length, which a backtracking
 * engine (Java's, JavaScript's) cannot promise. This module rewrites a Java pattern into RE2
 * syntax with Java's meaning, or refuses it with a precise reason:
 * - constructs a linear-time engine cannot run: back-references and lookaround;
 * - constructs whose Java meaning RE2 cannot express: possessive quantifiers, atomic groups,
 *   inline flags other than a leading `(?i)`, class intersection `&&`, nested classes,
 *   `\p{...}`, a `$` that more pattern follows, repetition counts above 1000, ...
 */
import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import { characterClass } from './java-regex-class.js';
import { charOutside, escapeAtom, quoted, RegexRefusal } from './java-regex-chars.js';
import { checkDollars, type Token } from './java-regex-dollar.js';
import { literalPattern } from './literal-pattern.js';

export type JavaRegex =
  | {
      readonly ok: true;
      /** The pattern in RE2 syntax, as handed to the engine (for tests and diagnostics). */
      readonly source: string;
      /**
       * Whether the whole value matches; time linear in the value's length. A literal or a
       * literal prefix then `.*` is matched with string operations (literal-pattern.ts).
       */
      readonly matches: (value: string) => boolean;
    }
  | {
      readonly ok: false;
      /** Offset of the problem within the pattern. */
      readonly index: number;
      readonly length: number;
      readonly reason: string;
    };

/** RE2 bounds every repetition count ({n}, {n,m}) at this; Java allows more. */
const MAX_REPEAT = 1000;
/** Java's `.` (without DOTALL): any character but a line terminator. RE2's excludes `\n` only. */
const JAVA_DOT = '[^\\n\\r\\x{85}\\x{2028}\\x{2029}]';
const QUANTIFIER_BRACE = /^\{(\d+)(?:(,)(\d*))?\}/;
const GROUP_NAME = /^<([A-Za-z][A-Za-z0-9]*)>/;
const LINEAR_TIME =
  'the linear-time regex engine cannot run it (it needs backtracking, which can take exponential time)';

/**
 * re2js, loaded by the first pattern that needs it: it is a quarter of the code the package
 * loads, most expressions have no regex, and a literal pattern never needs it. Required (its
 * CommonJS build) rather than imported, so that compiling stays synchronous; the bundle
 * leaves it in node_modules for the same reason (docs/ARCHITECTURE.md, "Build outputs").
 */
let loadedEngine: typeof RE2JS | undefined;
function engine(): typeof RE2JS {
  loadedEngine ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS;
  return loadedEngine;
}

/**
 * `literalFastPath: false` always runs the engine (for the tests that compare the two).
 */
export function compileJavaRegex(pattern: string, { literalFastPath = true } = {}): JavaRegex {
  let source: string;
  try {
    source = translate(pattern);
  } catch (error) {
    if (error instanceof RegexRefusal) {
      return { ok: false, index: error.index, length: error.length, reason: error.reason };
    }
    throw error;
  }
  try {
    const literal = literalFastPath ? literalPattern(pattern) : undefined;
    if (literal !== undefined) return { ok: true, source, matches: literal };
    const compiled = engine().compile(source);
    return { ok: true, source, matches: (value) => compiled.testExact(value) };
  } catch (error) {
    // RE2's own limits (program size, nesting): reported on the whole pattern.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      index: 0,
      length: pattern.length,
      reason: `invalid regular expression: ${message.replace(/^error parsing regexp: /, '')}`,
    };
  }
}

interface Scan {
  readonly pattern: string;
  readonly caseless: boolean;
  out: string;
  readonly tokens: Token[];
  /** Names of the named groups seen so far (Java refuses a name defined twice). */
  readonly names: Set<string>;
  /** Open groups: their start offsets, innermost last. */
  readonly open: number[];
}

function translate(pattern: string): string {
  const caseless = pattern.startsWith('(?i)');
  const scan: Scan = { pattern, caseless, out: '', tokens: [], names: new Set(), open: [] };
  let i = caseless ? 4 : 0;
  while (i < pattern.length) {
    i = step(scan, i);
  }
  const unclosed = scan.open.pop();
  if (unclosed !== undefined) throw new RegexRefusal(unclosed, 1, 'unclosed group: missing )');
  checkDollars(scan.tokens);
  return scan.out;
}

/** Translates the construct at `i`; returns the offset after it. */
function step(scan: Scan, i: number): number {
  const { pattern } = scan;
  const emit = (text: string, token: Token, next: number) => {
    scan.out += text;
    scan.tokens.push(token);
    return next;
  };
  const ch = pattern.charAt(i);
  switch (ch) {
    case '\\':
      return escapeOutsideClass(scan, i);
    case '[': {
      const { text, next } = characterClass(pattern, i, scan.caseless);
      return emit(text, { kind: 'consume' }, next);
    }
    case '(':
      return openGroup(scan, i);
    case ')':
      // Java refuses an unbalanced `)`; a lenient reading would change the pattern's meaning.
      if (scan.open.pop() === undefined) throw new RegexRefusal(i, 1, 'unmatched closing )');
      return emit(')', { kind: 'close' }, i + 1);
    case '|':
      return emit('|', { kind: 'alternative' }, i + 1);
    case '*':
    case '+':
    case '?':
      return quantifier(scan, i, ch, ch !== '?');
    case '{': {
      const brace = QUANTIFIER_BRACE.exec(pattern.slice(i));
      if (brace === null) {
        throw new RegexRefusal(i, 1, 'a literal { must be escaped as \\{ (Java rejects it)');
      }
      const [text, min, comma, max] = brace;
      const counts = [min, max].filter((n) => n !== undefined && n !== '').map(Number);
      if (counts.some((n) => n > MAX_REPEAT)) {
        throw new RegexRefusal(
          i,
          text.length,
          `repetition counts above ${MAX_REPEAT} are not supported by the linear-time regex engine`,
        );
      }
      // Written without leading zeros: RE2 reads `{02}` as literal text, Java as {2}.
      const [low, high] = counts;
      const normal = comma === undefined ? `{${low}}` : `{${low},${high ?? ''}}`;
      const repeats = comma === undefined ? low! > 1 : high === undefined || high > 1;
      return quantifier(scan, i, text, repeats, normal);
    }
    case '.':
      return emit(JAVA_DOT, { kind: 'consume' }, i + 1);
    case '^':
      return emit('^', { kind: 'assert' }, i + 1);
    case '$':
      return emit('$', { kind: 'dollar', index: i }, i + 1);
    default: {
      const code = pattern.codePointAt(i)!;
      return emit(
        charOutside(code, scan.caseless),
        { kind: 'consume' },
        i + (code > 0xffff ? 2 : 1),
      );
    }
  }
}

/**
 * A quantifier `text` at `at` (written as `written`), then an optional lazy `?` (the same
 * for a whole-value match). Possessive and stacked quantifiers are refused.
 */
function quantifier(scan: Scan, at: number, text: string, repeats: boolean, written = text) {
  const { pattern } = scan;
  let next = at + text.length;
  if (pattern.charAt(next) === '+') {
    throw new RegexRefusal(
      next - 1,
      2,
      'possessive quantifiers (*+, ++, ?+, {n}+) are not supported: the linear-time regex engine cannot express them',
    );
  }
  if (pattern.charAt(next) === '?') next++;
  const after = pattern.charAt(next);
  if (
    after === '*' ||
    after === '+' ||
    after === '?' ||
    QUANTIFIER_BRACE.test(pattern.slice(next))
  ) {
    throw new RegexRefusal(
      at,
      next - at + 1,
      'a quantifier right after another is not supported (Java ignores or rejects the second); group the first, as in (?:a{2}){3}',
    );
  }
  scan.out += written;
  scan.tokens.push({ kind: 'quantifier', repeats });
  return next;
}

function openGroup(scan: Scan, at: number): number {
  const { pattern } = scan;
  const rest = pattern.slice(at + 2);
  let next = at + 1;
  if (pattern.charAt(at + 1) === '?') {
    const name = GROUP_NAME.exec(rest);
    if (rest.startsWith(':')) next = at + 3;
    else if (name !== null) {
      if (scan.names.has(name[1]!)) {
        const length = 2 + name[0].length;
        throw new RegexRefusal(at, length, `the group name <${name[1]}> is already defined`);
      }
      scan.names.add(name[1]!);
      next = at + 2 + name[0].length;
    } else refuseGroup(rest, at);
  }
  // Every group is written non-capturing: nothing reads captures (back-references are refused).
  scan.out += '(?:';
  scan.open.push(at);
  scan.tokens.push({ kind: 'open' });
  return next;
}

/** Refuses the `(?` construct at `at`, whose text after `(?` is `rest`. */
function refuseGroup(rest: string, at: number): never {
  for (const [opener, what] of [
    ['=', 'lookahead (?=...)'],
    ['!', 'negative lookahead (?!...)'],
    ['<=', 'lookbehind (?<=...)'],
    ['<!', 'negative lookbehind (?<!...)'],
  ] as const) {
    if (rest.startsWith(opener)) {
      throw new RegexRefusal(at, 2 + opener.length, `${what} is not supported: ${LINEAR_TIME}`);
    }
  }
  if (rest.startsWith('>')) {
    throw new RegexRefusal(
      at,
      3,
      'atomic groups (?>...) are not supported: the linear-time regex engine cannot express them',
    );
  }
  const flags = /^[A-Za-z-]*[:)]/.exec(rest);
  if (flags !== null) {
    throw new RegexRefusal(
      at,
      2 + flags[0].length,
      'inline flags are not supported, except a leading (?i) for case-insensitive matching',
    );
  }
  throw new RegexRefusal(at, 2, 'unsupported group construct (?');
}

/** An escape outside a class: an assertion, a back-reference (refused), a quote, or an atom. */
function escapeOutsideClass(scan: Scan, at: number): number {
  const { pattern } = scan;
  const c = pattern.charAt(at + 1);
  const name = c === 'k' ? GROUP_NAME.exec(pattern.slice(at + 2)) : null;
  if (/[1-9]/.test(c) || name !== null) {
    const length = name === null ? 2 : 2 + name[0].length;
    throw new RegexRefusal(
      at,
      length,
      `the back-reference ${pattern.slice(at, at + length)} is not supported: ${LINEAR_TIME}`,
    );
  }
  if (c === 'k') throw new RegexRefusal(at, 2, '\\k must name a group: \\k<name>');
  const assertion = (text: string, token: Token) => {
    scan.out += text;
    scan.tokens.push(token);
    return at + 2;
  };
  switch (c) {
    case 'b':
    case 'B':
      return assertion(`\\${c}`, { kind: 'assert' });
    case 'A':
    case 'G':
    case 'z':
    case 'Z':
      throw new RegexRefusal(
        at,
        2,
        `the anchor \\${c} is not supported (the pattern already has to match the whole value)`,
      );
    case 'Q': {
      const quote = quoted(pattern, at);
      for (const code of quote.codes) {
        scan.out += charOutside(code, scan.caseless);
        scan.tokens.push({ kind: 'consume' });
      }
      return quote.next;
    }
  }
  const { atom, next } = escapeAtom(pattern, at, false);
  scan.out += atom.kind === 'char' ? charOutside(atom.code, scan.caseless) : atom.outside;
  scan.tokens.push({ kind: 'consume' });
  return next;
}
