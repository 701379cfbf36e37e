/**
 * The most common `=~` patterns are a literal, or a literal prefix then `.*` (`m5.*`,
 * `i-0abc.*`, `t2\.micro`), possibly ending in a group of literal alternatives before the
 * `.*` (`(m5|r5|c5).*`, `m5\.(large|xlarge)`). They are matched here with `===`,
 * `startsWith` and a search for a line terminator, each a single pass over the value per
 * alternative; anything else goes to the linear-time engine (which is then not even
 * loaded). The equivalence with the engine is property-tested.
 */

/**
 * Java's line terminators, which `.` does not match. A search for one character of a class
 * (no quantifier, no alternative) is a single pass in any engine.
 */
const LINE_TERMINATOR = /[\n\r\u0085\u2028\u2029]/;
/**
 * Characters that are literal outside a class in Java, and escaped metacharacters. Each
 * alternative starts with a different character, so this test is itself linear.
 */
const LITERAL = String.raw`(?:[A-Za-z0-9_\-:/@,=#%!~ <>&;'"]|\\[.\-/:\\*+?()[\]{}|^$])*`;
/**
 * A literal, then optionally a group (capturing or not) of literal alternatives separated
 * by `|` (each may be empty, as in Java), then optionally `.*`. The group's alternatives
 * each start after a `|`, so this test is linear too.
 */
const LITERAL_PATTERN = new RegExp(
  String.raw`^(${LITERAL})(?:\((?:\?:)?(${LITERAL}(?:\|${LITERAL})*)\))?(\.\*)?$`,
);

/** `text` without its escapes (a backslash and the character after it). */
function withoutEscapes(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** The alternatives of a group's body: split at each `|` that is not escaped. */
function alternatives(body: string): string[] {
  const found: string[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '|') {
      found.push(body.slice(start, i));
      start = i + 1;
    }
  }
  found.push(body.slice(start));
  return found;
}

/** The matcher for a literal-prefix pattern, or undefined when `pattern` is not one. */
export function literalPattern(pattern: string): ((value: string) => boolean) | undefined {
  const parts = LITERAL_PATTERN.exec(pattern);
  if (parts === null) return undefined;
  const literal = withoutEscapes(parts[1]!);
  const open = parts[3] !== undefined;
  if (parts[2] === undefined) {
    if (!open) return (value) => value === literal;
    // The literal has no line terminator, so the whole value can be searched.
    return (value) => value.startsWith(literal) && !LINE_TERMINATOR.test(value);
  }
  const words = alternatives(parts[2]).map((alternative) => literal + withoutEscapes(alternative));
  if (!open) return (value) => words.includes(value);
  return (value) => words.some((word) => value.startsWith(word)) && !LINE_TERMINATOR.test(value);
}
