/**
 * Java's `$` (without MULTILINE) holds at the end of the value and also just before a line
 * terminator that ends it; RE2's holds only at the end. Under a whole-value match
 * the two differ only when more pattern can consume characters after the anchor (`a$\n`
 * matches "a\n" in Java), so such an anchor is refused, and an anchor that only closing
 * groups, other assertions or the end of an alternative follow is exactly RE2's `$`.
 */
import { RegexRefusal } from './java-regex-chars.js';

/** What the check needs to know of the pattern, one entry per construct. */
export type Token =
  | { readonly kind: 'consume' | 'assert' | 'open' | 'alternative' }
  | { readonly kind: 'dollar'; readonly index: number }
  | { readonly kind: 'close' }
  | { readonly kind: 'quantifier'; readonly repeats: boolean };

export function checkDollars(tokens: readonly Token[]): void {
  tokens.forEach((token, at) => {
    if (token.kind !== 'dollar' || nothingConsumesAfter(tokens, at)) return;
    throw new RegexRefusal(
      token.index,
      1,
      "a $ that more pattern follows is not supported: Java's $ also matches before a final line terminator, which the engine cannot express; put $ at the end (or leave it out: the match is already whole-value)",
    );
  });
}

/** Whether no path from `tokens[at]` on can consume a character (conservative). */
function nothingConsumesAfter(tokens: readonly Token[], at: number): boolean {
  let depth = 0; // groups opened after the anchor and still open
  let skipDepth = -1; // >= 0 after a `|` of the anchor's own group: skip to that group's end
  for (let i = at + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (skipDepth >= 0) {
      if (token.kind === 'open') skipDepth++;
      if (token.kind !== 'close') continue;
      if (skipDepth > 0) {
        skipDepth--;
        continue;
      }
      skipDepth = -1; // this `)` closes the anchor's group: go on after it
    }
    switch (token.kind) {
      case 'consume':
        return false;
      case 'open':
        depth++;
        break;
      case 'alternative':
        if (depth === 0) skipDepth = 0;
        break;
      case 'close': {
        if (depth > 0) {
          depth--;
          break;
        }
        // Leaving a group that holds the anchor: a repeating quantifier could run it again.
        const after = tokens[i + 1];
        if (after?.kind === 'quantifier' && after.repeats) return false;
        break;
      }
      default:
        break;
    }
  }
  return true;
}
