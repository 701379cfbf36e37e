/**
 * A Java character class `[...]` rewritten for RE2. Ranges are decided here, the way Java
 * decides them (a `-` between two characters, not before the closing `]`), and written
 * explicitly, so RE2's own reading of `-` never comes into play; every other member is
 * written as an escaped literal or a set.
 */
import {
  type Atom,
  charInside,
  escapeAtom,
  quoted,
  RegexRefusal,
  rangeInside,
} from './java-regex-chars.js';

/** One member as written: a character or set, and whether it was an unescaped `-`. */
interface Member {
  readonly atom: Atom;
  readonly dash: boolean;
  readonly at: number;
}

/** The class whose `[` is at `at`, written for RE2, and the offset after its `]`. */
export function characterClass(
  pattern: string,
  at: number,
  caseless: boolean,
): { text: string; next: number } {
  const negated = pattern.charAt(at + 1) === '^';
  const { members, next } = readMembers(pattern, at + (negated ? 2 : 1));
  let out = '';
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!;
    const { atom } = member;
    if (atom.kind === 'set') {
      out += atom.inside;
      continue;
    }
    const end = members[i + 2];
    if (members[i + 1]?.dash === true && end !== undefined) {
      // Java reads `x-y` as a range even when y is itself a `-`.
      if (end.atom.kind !== 'char' || end.atom.code < atom.code) {
        throw new RegexRefusal(
          member.at,
          end.at - member.at + 1,
          'illegal character range (its end must be a single character, not below its start)',
        );
      }
      out += rangeInside(atom.code, end.atom.code, caseless);
      i += 2;
      continue;
    }
    out += charInside(atom.code, caseless);
  }
  return { text: `[${negated ? '^' : ''}${out}]`, next };
}

function readMembers(pattern: string, start: number): { members: Member[]; next: number } {
  const members: Member[] = [];
  const char = (code: number, at: number, dash = false): Member => ({
    atom: { kind: 'char', code },
    dash,
    at,
  });
  let i = start;
  // Java reads a ] right after [ or [^ as a literal (`[]a]` is ] or a).
  if (pattern.charAt(i) === ']') members.push(char(0x5d, i++));
  for (;;) {
    if (i >= pattern.length) {
      throw new RegexRefusal(pattern.length, 0, 'unclosed character class: missing ]');
    }
    const ch = pattern.charAt(i);
    if (ch === ']') return { members, next: i + 1 };
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
    if (ch !== '\\') {
      const code = pattern.codePointAt(i)!;
      members.push(char(code, i, ch === '-'));
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const c = pattern.charAt(i + 1);
    if (c === 'Q') {
      const quote = quoted(pattern, i);
      for (const code of quote.codes) members.push(char(code, i));
      i = quote.next;
      continue;
    }
    if (c === 'b' || c === 'B' || /[1-9AZzGk]/.test(c)) {
      throw new RegexRefusal(i, 2, `\\${c} is not allowed inside a character class in Java`);
    }
    const escaped = escapeAtom(pattern, i, true);
    members.push({ atom: escaped.atom, dash: false, at: i });
    i = escaped.next;
  }
}
