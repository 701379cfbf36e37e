import { constants as bufferConstants } from 'node:buffer';

/**
 * How deep command-line and snapshot input may nest. A RunTask request is never more than
 * 6 levels deep and a snapshot about 10, so 100 leaves room for any real input while
 * keeping every parser and checker far from the JavaScript call-stack limit (a few thousand
 * levels), where deeply nested input would otherwise crash the command.
 */
export const MAX_NESTING_DEPTH = 100;

/** How deep real input goes, for messages. */
export const REQUEST_DEPTH = 'a RunTask request nests at most 6 levels';
export const SNAPSHOT_DEPTH = 'a snapshot nests about 10 levels';

/** The reason given for input past the limit; `need` says how deep real input goes. */
export function nestingTooDeep(need?: string): string {
  const note = need === undefined ? 'the limit' : `the limit; ${need}`;
  return `nesting deeper than ${MAX_NESTING_DEPTH} levels (${note})`;
}

/**
 * The largest snapshot file, in bytes: its text must fit one JavaScript string (2^29 - 24
 * characters, 536,870,888). Loading refuses a larger file and a save never writes one.
 */
export const MAX_SNAPSHOT_BYTES = bufferConstants.MAX_STRING_LENGTH;

/**
 * The offset of the first `[` or `{` of JSON text that opens level `limit + 1`, or -1 when
 * the text stays within `limit`. One pass without recursion; brackets inside strings do not
 * count. The text need not be valid JSON: it is scanned before the parser sees it.
 */
export function jsonNestingBeyond(text: string, limit: number = MAX_NESTING_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limit) return i;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    }
  }
  return -1;
}

/** True when a parsed value nests arrays and objects more than `limit` deep (or is cyclic). */
export function valueNestsBeyond(value: unknown, limit: number = MAX_NESTING_DEPTH): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** The offset of the quote closing the string that opens at `open` (text.length if none). */
function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return text.length;
}
