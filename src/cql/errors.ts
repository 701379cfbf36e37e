/**
 * The error type of the query language. It always says what was wrong, where (1-based line
 * and column) and what would have been accepted, and carries an excerpt of the offending
 * line with carets under the problem, ready to print. Text that is not CQL at all is a
 * CqlSyntaxError, a subclass.
 */

export interface CqlErrorDetails {
  /** 0-based UTF-16 offset of the problem in the expression. */
  readonly offset: number;
  /** How many characters the problem spans (the caret count; at least 1 when printed). */
  readonly length: number;
  /** What went wrong, without the location, e.g. `unknown subject 'agentVersoin'`. */
  readonly reason: string;
  /** What would have been accepted there, in plain words. */
  readonly expected?: readonly string[];
}

/** Lines longer than this are cut around the problem in the excerpt. */
const EXCERPT_WIDTH = 100;

export class CqlError extends Error {
  override readonly name: string = 'CqlError';
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly length: number;
  readonly reason: string;
  readonly expected?: readonly string[];
  /** The expression line holding the problem and, below it, a caret line `^^^`. */
  readonly excerpt: string;

  constructor(text: string, details: CqlErrorDetails) {
    const { line, column, lineStart, lineEnd } = locate(text, details.offset);
    const excerpt = buildExcerpt(text, details.offset, details.length, lineStart, lineEnd);
    super(`${details.reason} (at line ${line}, column ${column})\n${excerpt}`);
    this.offset = details.offset;
    this.line = line;
    this.column = column;
    this.length = details.length;
    this.reason = details.reason;
    if (details.expected !== undefined) this.expected = details.expected;
    this.excerpt = excerpt;
  }
}

/**
 * Text that is not CQL at all: an unexpected character, an unterminated quoted string, a
 * token where another was expected (a missing operand, operator or parenthesis), or an
 * empty expression. Every other problem (an unknown subject, a bad attribute name, a value
 * or operator the subject does not take, a regular expression, a limit) is a plain CqlError.
 */
export class CqlSyntaxError extends CqlError {
  override readonly name: string = 'CqlSyntaxError';
}

interface Location {
  line: number;
  column: number;
  lineStart: number;
  lineEnd: number;
}

function locate(text: string, offset: number): Location {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const code = text.charCodeAt(i);
    // \r\n counts once: the \n that follows a \r starts the line.
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = text.length;
  for (let i = Math.max(offset, lineStart); i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) {
      lineEnd = i;
      break;
    }
  }
  return { line, column: offset - lineStart + 1, lineStart, lineEnd };
}

function buildExcerpt(
  text: string,
  offset: number,
  length: number,
  lineStart: number,
  lineEnd: number,
): string {
  let from = lineStart;
  let to = lineEnd;
  if (to - from > EXCERPT_WIDTH) {
    from = Math.max(lineStart, offset - EXCERPT_WIDTH / 2);
    to = Math.min(lineEnd, from + EXCERPT_WIDTH);
  }
  const prefix = from > lineStart ? '…' : '';
  const suffix = to < lineEnd ? '…' : '';
  const shown = text.slice(from, to);
  // Tabs are kept in the caret line's padding so the carets stay aligned under tabs.
  const padding = prefix + text.slice(from, offset).replace(/[^\t]/g, ' ');
  const carets = '^'.repeat(Math.max(1, Math.min(length, to - offset)));
  return `${prefix}${shown}${suffix}\n${padding}${carets}`;
}
