/**
 * `=~` / `!~` take Java regular expressions, matched against the WHOLE value (Java's
 * `Matcher.matches()`). This module turns a Java pattern into an equivalent JavaScript
 * RegExp, or refuses it with a precise reason when JavaScript would silently match
 * differently (possessive quantifiers, atomic groups, `\A \Z \z \G`, inline flags other than
 * a leading `(?i)`, class intersection `&&`, nested classes, `\p{...}` classes, ...).
 */

export type RegexTranslation =
  | { readonly ok: true; readonly regex: RegExp }
  | {
      readonly ok: false;
      /** Offset of the problem within the pattern. */
      readonly index: number;
      readonly length: number;
      readonly reason: string;
    };

class RegexRefusal {
  constructor(
    readonly index: number,
    readonly length: number,
    readonly reason: string,
  ) {}
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;
/** Escapes that mean the same in Java and in a JavaScript RegExp without the `u` flag. */
const SAME_ESCAPES = new Set(['t', 'n', 'r', 'f', 'd', 'D', 'w', 'W', 's', 'S', 'b', 'B']);
const QUANTIFIER_BRACE = /^\{\d+(?:,\d*)?\}/;

export function translateJavaRegex(pattern: string): RegexTranslation {
  try {
    const { source, flags } = translate(pattern);
    try {
      return { ok: true, regex: new RegExp(`^(?:${source})$`, flags) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        index: 0,
        length: pattern.length,
        reason: `invalid regular expression: ${message}`,
      };
    }
  } catch (error) {
    if (error instanceof RegexRefusal) {
      return { ok: false, index: error.index, length: error.length, reason: error.reason };
    }
    throw error;
  }
}

/**
 * A capturing group as back-references need to know it. Java fails a back-reference to a group
 * that did not take part in the match; JavaScript matches the empty string instead. So a
 * back-reference is kept only when its group is certainly set by then: a top-level group,
 * already closed, not optional (`?`, `*`, `{0,n}`), in the same top-level alternative.
 */
interface CaptureGroup {
  readonly name: string | undefined;
  readonly topLevel: boolean;
  readonly branch: number;
  closed: boolean;
  optional: boolean;
}

interface GroupTracker {
  readonly groups: CaptureGroup[];
  /** The open groups, innermost last; `undefined` for a non-capturing one. */
  readonly open: (CaptureGroup | undefined)[];
  /** Which top-level alternative the scan is in (bumped by a `|` outside every group). */
  branch: number;
}

function translate(pattern: string): { source: string; flags: string } {
  let flags = '';
  let i = 0;
  if (pattern.startsWith('(?i)')) {
    flags = 'i';
    i = 4;
  }
  let out = '';
  let inClass = false;
  const tracker: GroupTracker = { groups: [], open: [], branch: 0 };
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && !inClass) {
      const reference = backReference(pattern, i, tracker);
      if (reference !== undefined) {
        out += reference.text;
        i = reference.next;
        continue;
      }
    }
    if (ch === '\\') {
      const { text, next } = translateEscape(pattern, i, inClass);
      out += text;
      i = next;
      continue;
    }
    if (inClass) {
      if (ch === '[') {
        throw new RegexRefusal(
          i,
          1,
          "nested character classes (Java's class union) are not supported; escape the [ as \\[",
        );
      }
      if (ch === '&' && pattern.charAt(i + 1) === '&') {
        throw new RegexRefusal(i, 2, 'character-class intersection (&&) is not supported');
      }
      if (ch === ']') inClass = false;
      out += ch;
      i++;
      continue;
    }
    switch (ch) {
      case '[': {
        const negated = pattern.charAt(i + 1) === '^';
        const first = i + (negated ? 2 : 1);
        out += negated ? '[^' : '[';
        inClass = true;
        i = first;
        // Java reads a ] right after [ or [^ as a literal (`[]a]` is ] or a); JavaScript would
        // read `[]` as an empty class, so it is escaped.
        if (pattern.charAt(first) === ']') {
          out += '\\]';
          i++;
        }
        continue;
      }
      case '(': {
        out += group(pattern, i);
        const name = /^\(\?<([A-Za-z][A-Za-z0-9]*)>/.exec(pattern.slice(i))?.[1];
        if (pattern.charAt(i + 1) !== '?' || name !== undefined) {
          const capture: CaptureGroup = {
            name,
            topLevel: tracker.open.length === 0,
            branch: tracker.branch,
            closed: false,
            optional: false,
          };
          tracker.groups.push(capture);
          tracker.open.push(capture);
        } else {
          tracker.open.push(undefined);
        }
        i++;
        continue;
      }
      case ')': {
        // Without this, `a)|(b` would close the whole-value wrapper early and match any
        // value starting with `a`; Java refuses the unbalanced pattern.
        if (tracker.open.length === 0) throw new RegexRefusal(i, 1, 'unmatched closing )');
        const closing = tracker.open.pop();
        if (closing !== undefined) {
          closing.closed = true;
          closing.optional = /^(?:[?*]|\{0[,}])/.test(pattern.slice(i + 1));
        }
        out += ch;
        i++;
        continue;
      }
      case '|':
        if (tracker.open.length === 0) tracker.branch++;
        out += ch;
        i++;
        continue;
      case '*':
      case '+':
      case '?':
        refusePossessive(pattern, i + 1);
        out += ch;
        i++;
        continue;
      case '{': {
        const brace = QUANTIFIER_BRACE.exec(pattern.slice(i));
        if (brace === null) {
          throw new RegexRefusal(i, 1, 'a literal { must be escaped as \\{ (Java rejects it)');
        }
        refusePossessive(pattern, i + brace[0].length);
        out += brace[0];
        i += brace[0].length;
        continue;
      }
      default:
        out += ch;
        i++;
    }
  }
  if (inClass) throw new RegexRefusal(pattern.length, 0, 'unclosed character class: missing ]');
  return { source: out, flags };
}

/** A `+` right after a quantifier makes it possessive, which JavaScript cannot express. */
function refusePossessive(pattern: string, next: number): void {
  if (pattern.charAt(next) === '+') {
    throw new RegexRefusal(
      next - 1,
      2,
      'possessive quantifiers (*+, ++, ?+, {n}+) are not supported',
    );
  }
}

function group(pattern: string, at: number): string {
  if (pattern.charAt(at + 1) !== '?') return '(';
  const rest = pattern.slice(at + 2);
  if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!')) return '(';
  if (rest.startsWith('<=') || rest.startsWith('<!')) return '(';
  if (/^<[A-Za-z][A-Za-z0-9]*>/.test(rest)) return '(';
  if (rest.startsWith('>')) {
    throw new RegexRefusal(at, 3, 'atomic groups (?>...) are not supported');
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

/**
 * `\\n` and `\\k<name>` outside a class, read as Java reads them: a multi-digit number only
 * while it names an existing group (`\\11` with one group is `\\1` then `1`). Returns
 * `undefined` for any other escape.
 */
function backReference(
  pattern: string,
  at: number,
  tracker: GroupTracker,
): { text: string; next: number } | undefined {
  const c = pattern.charAt(at + 1);
  let number: number;
  let next: number;
  if (/[1-9]/.test(c)) {
    number = Number(c);
    next = at + 2;
    while (/[0-9]/.test(pattern.charAt(next))) {
      const longer = number * 10 + Number(pattern.charAt(next));
      if (longer > tracker.groups.length) break;
      number = longer;
      next++;
    }
  } else if (c === 'k') {
    const name = /^<([A-Za-z][A-Za-z0-9]*)>/.exec(pattern.slice(at + 2));
    if (name === null) return undefined;
    number = tracker.groups.findIndex((g) => g.name === name[1]) + 1;
    next = at + 2 + name[0].length;
    if (number === 0) {
      throw new RegexRefusal(at, next - at, `back-reference to an unknown group <${name[1]}>`);
    }
  } else {
    return undefined;
  }
  const target = tracker.groups[number - 1];
  const certain =
    target?.closed === true &&
    target.topLevel &&
    !target.optional &&
    target.branch === tracker.branch;
  if (!certain) {
    throw new RegexRefusal(
      at,
      next - at,
      `the back-reference ${pattern.slice(at, next)} is not supported here: its group may be ` +
        'unset at this point, where Java fails the match but JavaScript would match an empty ' +
        'string (a back-reference is accepted after a closed, non-optional top-level group)',
    );
  }
  // Wrapped, so a digit that follows stays a literal digit in JavaScript too.
  return { text: `(?:\\${number})`, next };
}

function translateEscape(
  pattern: string,
  at: number,
  inClass: boolean,
): { text: string; next: number } {
  const c = pattern.charAt(at + 1);
  if (c === '') throw new RegexRefusal(at, 1, 'the pattern ends with a lone backslash');
  if (inClass && (c === 'b' || c === 'B')) {
    throw new RegexRefusal(at, 2, `\\${c} is not allowed inside a character class in Java`);
  }
  if (SAME_ESCAPES.has(c)) return { text: `\\${c}`, next: at + 2 };
  switch (c) {
    case 'Q': {
      const end = pattern.indexOf('\\E', at + 2);
      const quoted = pattern.slice(at + 2, end === -1 ? pattern.length : end);
      return {
        text: quoted.replace(REGEX_SPECIAL, '\\$&'),
        next: end === -1 ? pattern.length : end + 2,
      };
    }
    case 'E':
      return { text: '', next: at + 2 }; // a \E with no \Q before it is ignored, as in Java
    case 'e':
      return { text: '\\x1B', next: at + 2 };
    case 'a':
      return { text: '\\x07', next: at + 2 };
    case 'A':
    case 'Z':
    case 'z':
    case 'G':
      throw new RegexRefusal(
        at,
        2,
        `the anchor \\${c} is not supported (the pattern already has to match the whole value)`,
      );
    case 'p':
    case 'P': {
      const name = /^\{[^}]*\}/.exec(pattern.slice(at + 2))?.[0] ?? '';
      const what = /^\{java/i.test(name)
        ? 'Java character classes'
        : 'Unicode and POSIX property classes';
      throw new RegexRefusal(at, 2 + name.length, `${what} (\\${c}${name}) are not supported`);
    }
    case 'x': {
      const hex = /^[0-9A-Fa-f]{2}/.exec(pattern.slice(at + 2));
      if (hex === null)
        throw new RegexRefusal(
          at,
          2,
          '\\x must be followed by two hex digits (\\x{...} is not supported)',
        );
      return { text: `\\x${hex[0]}`, next: at + 4 };
    }
    case 'u': {
      const hex = /^[0-9A-Fa-f]{4}/.exec(pattern.slice(at + 2));
      if (hex === null) throw new RegexRefusal(at, 2, '\\u must be followed by four hex digits');
      return { text: `\\u${hex[0]}`, next: at + 6 };
    }
    case 'c': {
      const letter = pattern.charAt(at + 2);
      if (!/[A-Za-z]/.test(letter))
        throw new RegexRefusal(at, 2, '\\c must be followed by a letter');
      // Java's \cX is the character whose code is X's XOR 64 (\ca is '!', not \x01).
      const code = (letter.charCodeAt(0) ^ 64).toString(16).padStart(2, '0');
      return { text: `\\x${code}`, next: at + 3 };
    }
    case '0': {
      const octal = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(pattern.slice(at + 2));
      if (octal === null) throw new RegexRefusal(at, 2, '\\0 must be followed by an octal digit');
      const code = Number.parseInt(octal[0], 8);
      return { text: `\\x${code.toString(16).padStart(2, '0')}`, next: at + 2 + octal[0].length };
    }
    case 'k':
      if (!inClass && /^<[A-Za-z][A-Za-z0-9]*>/.test(pattern.slice(at + 2))) {
        return { text: '\\k', next: at + 2 };
      }
      throw new RegexRefusal(at, 2, '\\k must name a group: \\k<name>');
  }
  if (/[1-9]/.test(c)) {
    if (inClass)
      throw new RegexRefusal(at, 2, `a back-reference \\${c} cannot appear in a character class`);
    return { text: `\\${c}`, next: at + 2 };
  }
  if (/[A-Za-z]/.test(c)) {
    throw new RegexRefusal(
      at,
      2,
      `the escape \\${c} is not supported (it is unknown in Java or means something else in JavaScript)`,
    );
  }
  return { text: `\\${c}`, next: at + 2 };
}
