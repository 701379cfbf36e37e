/**
 * The most common `=~` patterns are a literal, or a literal prefix then `.*` (`m5.*`,
 * `i-0abc.*`, `t2\.micro`). They are matched here with `===`, `startsWith` and a search for a
 * line terminator, each a single pass over the value; anything else goes to the linear-time
 * engine. The equivalence with the engine is property-tested.
 */

/**
 * Java's line terminators, which `.` does not match. A search for one character of a class
 * (no quantifier, no alternative) is a single pass in any engine.
 */
const LINE_TERMINATOR = /[\n\r\u0085\u2028\u2029]/;
/**
 * Characters that are literal outside a class in Java, escaped metacharacters, then an
 * optional `.*`. Each alternative starts with a different character, so this test is
 * itself linear.
 */
const LITERAL_PATTERN = /^((?:[A-Za-z0-9_\-:/@,=#%!~ <>&;'"]|\\[.\-/:\\*+?()[\]{}|^$])*)(\.\*)?$/;

/** The matcher for a literal-prefix pattern, or undefined when `pattern` is not one. */
export function literalPattern(pattern: string): ((value: string) => boolean) | undefined {
  const parts = LITERAL_PATTERN.exec(pattern);
  if (parts === null) return undefined;
  const literal = parts[1]!.replace(/\\(.)/g, '$1');
  if (parts[2] === undefined) return (value) => value === literal;
  // The literal has no line terminator, so the whole value can be searched.
  return (value) => value.startsWith(literal) && !LINE_TERMINATOR.test(value);
}
