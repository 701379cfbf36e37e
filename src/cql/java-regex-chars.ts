/**
 * Characters and escapes of a Java pattern, as RE2 must read them to mean what Java means.
 * An escape resolves to one character (`\x41`, `\t`, `\cJ`) or a set (`\d`, `\s`); both are
 * written for RE2 here, in or out of a class, with Java's ASCII-only `(?i)` folding.
 */

/** A refused construct: where it is in the pattern and why. */
export class RegexRefusal {
  constructor(
    readonly index: number,
    readonly length: number,
    readonly reason: string,
  ) {}
}

export interface CharSet {
  readonly kind: 'set';
  /** The set written outside a class. */
  readonly outside: string;
  /** The set written as class members; undefined when it cannot be one. */
  readonly inside: string | undefined;
}

export type Atom = { readonly kind: 'char'; readonly code: number } | CharSet;

/** Java's `\s` is [ \t\n\x0B\f\r]; RE2's lacks \x0B. */
const SPACE = '\\t\\n\\x{b}\\f\\r\\x{20}';
/** The complement of Java's `\s`, as class members (for `\S` inside a class). */
const NON_SPACE = '\\x{0}-\\x{8}\\x{e}-\\x{1f}\\x{21}-\\x{10ffff}';
/** Java's `\h` (horizontal whitespace) and `\v` (vertical whitespace). */
const HORIZONTAL =
  '\\x{20}\\t\\x{a0}\\x{1680}\\x{180e}\\x{2000}-\\x{200a}\\x{202f}\\x{205f}\\x{3000}';
const VERTICAL = '\\n\\x{b}\\f\\r\\x{85}\\x{2028}\\x{2029}';

/** Sets whose Java and RE2 meanings differ, or that RE2 lacks, spelled out. */
const SETS: Readonly<Record<string, CharSet>> = {
  d: { kind: 'set', outside: '\\d', inside: '\\d' },
  D: { kind: 'set', outside: '\\D', inside: '\\D' },
  w: { kind: 'set', outside: '\\w', inside: '\\w' },
  W: { kind: 'set', outside: '\\W', inside: '\\W' },
  s: { kind: 'set', outside: `[${SPACE}]`, inside: SPACE },
  S: { kind: 'set', outside: `[^${SPACE}]`, inside: NON_SPACE },
  h: { kind: 'set', outside: `[${HORIZONTAL}]`, inside: HORIZONTAL },
  H: { kind: 'set', outside: `[^${HORIZONTAL}]`, inside: undefined },
  v: { kind: 'set', outside: `[${VERTICAL}]`, inside: VERTICAL },
  V: { kind: 'set', outside: `[^${VERTICAL}]`, inside: undefined },
};
/** Single-character escapes that mean the same everywhere. */
const CONTROL_ESCAPES: Readonly<Record<string, number>> = {
  t: 0x09,
  n: 0x0a,
  r: 0x0d,
  f: 0x0c,
  a: 0x07,
  e: 0x1b,
};

/** A character as RE2 reads it literally, in or out of a class. */
export function literalText(code: number): string {
  if (code < 0x80 && /[A-Za-z0-9]/.test(String.fromCharCode(code))) {
    return String.fromCharCode(code);
  }
  if (code > 0x20 && code < 0x7f) return `\\${String.fromCharCode(code)}`;
  return `\\x{${code.toString(16)}}`;
}

/** The other case of an ASCII letter: Java's `(?i)` (without UNICODE_CASE) folds only these. */
function asciiTwin(code: number): number | undefined {
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  if (code >= 0x61 && code <= 0x7a) return code - 0x20;
  return undefined;
}

/** One character outside a class. */
export function charOutside(code: number, caseless: boolean): string {
  const twin = caseless ? asciiTwin(code) : undefined;
  return twin === undefined ? literalText(code) : `[${literalText(code)}${literalText(twin)}]`;
}

/** One character as class members. */
export function charInside(code: number, caseless: boolean): string {
  const twin = caseless ? asciiTwin(code) : undefined;
  return literalText(code) + (twin === undefined ? '' : literalText(twin));
}

/** A range `lo-hi` as class members, plus under `(?i)` the other case of its ASCII letters. */
export function rangeInside(lo: number, hi: number, caseless: boolean): string {
  let out = `${literalText(lo)}-${literalText(hi)}`;
  if (!caseless) return out;
  for (const [from, to, shift] of [
    [0x61, 0x7a, -0x20],
    [0x41, 0x5a, 0x20],
  ] as const) {
    const start = Math.max(lo, from);
    const end = Math.min(hi, to);
    if (start <= end) out += `${literalText(start + shift)}-${literalText(end + shift)}`;
  }
  return out;
}

/**
 * The escape at `at` (a backslash) that stands for a character or a set, read as Java reads
 * it; refused when Java rejects it or RE2 cannot honour it. Anchors, back-references and
 * `\Q...\E` are the callers' business.
 */
export function escapeAtom(
  pattern: string,
  at: number,
  inClass: boolean,
): { atom: Atom; next: number } {
  const c = pattern.charAt(at + 1);
  if (c === '') throw new RegexRefusal(at, 1, 'the pattern ends with a lone backslash');
  const set = SETS[c];
  if (set !== undefined) {
    if (inClass && set.inside === undefined) {
      throw new RegexRefusal(at, 2, `\\${c} inside a character class is not supported`);
    }
    return { atom: set, next: at + 2 };
  }
  const control = CONTROL_ESCAPES[c];
  if (control !== undefined) return { atom: { kind: 'char', code: control }, next: at + 2 };
  const char = (code: number, next: number) => ({ atom: { kind: 'char', code } as const, next });
  switch (c) {
    case 'x': {
      const hex = /^(?:[0-9A-Fa-f]{2}|\{([0-9A-Fa-f]+)\})/.exec(pattern.slice(at + 2));
      if (hex === null) {
        throw new RegexRefusal(at, 2, '\\x must be followed by two hex digits or {hex digits}');
      }
      const code = Number.parseInt(hex[1] ?? hex[0], 16);
      if (code > 0x10ffff) {
        throw new RegexRefusal(at, 2 + hex[0].length, `\\x${hex[0]} is beyond U+10FFFF`);
      }
      return char(code, at + 2 + hex[0].length);
    }
    case 'u':
      return unicodeEscape(pattern, at);
    case 'c': {
      const letter = pattern.charAt(at + 2);
      if (!/[A-Za-z]/.test(letter)) {
        throw new RegexRefusal(at, 2, '\\c must be followed by a letter');
      }
      // Java's \cX is the character whose code is X's XOR 64 (\ca is '!', not \x01).
      return char(letter.charCodeAt(0) ^ 64, at + 3);
    }
    case '0': {
      const octal = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(pattern.slice(at + 2));
      if (octal === null) throw new RegexRefusal(at, 2, '\\0 must be followed by an octal digit');
      return char(Number.parseInt(octal[0], 8), at + 2 + octal[0].length);
    }
    case 'E':
      throw new RegexRefusal(at, 2, '\\E without a \\Q before it (Java rejects it)');
    case 'p':
    case 'P': {
      const name = /^\{[^}]*\}/.exec(pattern.slice(at + 2))?.[0] ?? '';
      const what = /^\{java/i.test(name)
        ? 'Java character classes'
        : 'Unicode and POSIX property classes';
      throw new RegexRefusal(at, 2 + name.length, `${what} (\\${c}${name}) are not supported`);
    }
  }
  if (/[A-Za-z0-9]/.test(c)) {
    throw new RegexRefusal(
      at,
      2,
      `the escape \\${c} is not supported here (it is unknown in Java, or means something the regex engine cannot express)`,
    );
  }
  // Any other escaped character stands for itself, as in Java.
  const code = pattern.codePointAt(at + 1)!;
  return char(code, at + 1 + (code > 0xffff ? 2 : 1));
}

/** `\uhhhh`; a high surrogate followed by `\u` and a low one is one character, as in Java. */
function unicodeEscape(pattern: string, at: number): { atom: Atom; next: number } {
  const unit = (offset: number) => {
    const hex = /^\\u([0-9A-Fa-f]{4})/.exec(pattern.slice(offset));
    return hex === null ? undefined : Number.parseInt(hex[1]!, 16);
  };
  const high = unit(at);
  if (high === undefined) throw new RegexRefusal(at, 2, '\\u must be followed by four hex digits');
  const low = unit(at + 6);
  if (high >= 0xd800 && high <= 0xdbff && low !== undefined && low >= 0xdc00 && low <= 0xdfff) {
    const code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
    return { atom: { kind: 'char', code }, next: at + 12 };
  }
  return { atom: { kind: 'char', code: high }, next: at + 6 };
}

/** The characters of `\Q...\E` starting at `at`, and the offset after the `\E` (or the end). */
export function quoted(pattern: string, at: number): { codes: number[]; next: number } {
  const end = pattern.indexOf('\\E', at + 2);
  const stop = end === -1 ? pattern.length : end;
  const codes = [...pattern.slice(at + 2, stop)].map((ch) => ch.codePointAt(0)!);
  return { codes, next: end === -1 ? pattern.length : end + 2 };
}
