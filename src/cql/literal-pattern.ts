/**
 * The most common `=~` patterns are a literal, or a literal prefix then `.*` (`m5.*`,
 * `i-0abc.*`, `t2\.micro`). They are matched here with plain string operations, each a
 * single pass over the value, so no regex engine runs at all; anything else goes to the
 * linear-time engine. The equivalence with the engine is property-tested.
 */

/** Java's line terminators, which `.` does not match. */
const TERMINATORS = new Set([0x0a, 0x0d, 0x85, 0x2028, 0x2029]);
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
  return (value) => {
    if (!value.startsWith(literal)) return false;
    for (let i = literal.length; i < value.length; i++) {
      if (TERMINATORS.has(value.charCodeAt(i))) return false;
    }
    return true;
  };
}
