/**
 * Where a problem is in a piece of text, for error messages: its line and column, and a
 * short excerpt of its line with a caret under it. Inputs can be megabytes long, so only
 * the neighbourhood of the problem is ever shown.
 */

export interface TextLocation {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

/** How much of the line is shown on each side of the problem. */
const CONTEXT = 36;

export function locate(text: string, offset: number): TextLocation {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Two lines, each indented by two spaces: the text around `offset` (cut with `...` where it
 * continues) and a caret under the offending character. Control characters print as `?`.
 */
export function excerptAt(text: string, offset: number): string {
  const at = Math.min(Math.max(offset, 0), text.length);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const lineEnd = newline === -1 ? text.length : newline;
  const from = Math.max(lineStart, at - CONTEXT);
  const to = Math.min(lineEnd, at + CONTEXT);
  const lead = from > lineStart ? '...' : '';
  const tail = to < lineEnd ? '...' : '';
  const shown = text.slice(from, to).replace(/\r$/, '').replace(CONTROL, '?');
  return `  ${lead}${shown}${tail}\n  ${' '.repeat(lead.length + at - from)}^`;
}

/** `at line L, column C` */
export function describeLocation(text: string, offset: number): string {
  const { line, column } = locate(text, offset);
  return `at line ${line}, column ${column}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: replacing them is the point.
const CONTROL = /[\u0000-\u001f\u007f]/g;
