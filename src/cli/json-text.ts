/**
 * JSON text from the command line or a file, parsed with a nesting limit and with errors a
 * person can act on: what is wrong, the line and column, and the text around it (never the
 * whole input, which may be megabytes).
 */
import { visit } from 'jsonc-parser';
import { jsonNestingBeyond, nestingTooDeep } from './input-limits.js';
import { describeLocation, excerptAt } from './text-excerpt.js';

export class JsonTextError extends Error {
  override readonly name = 'JsonTextError';
  constructor(
    /** `syntax`: not JSON; `depth`: JSON nested deeper than MAX_NESTING_DEPTH. */
    readonly kind: 'syntax' | 'depth',
    /** What is wrong, without the place. */
    readonly reason: string,
    /** ` at line L, column C:` and an excerpt with a caret; empty when the place is unknown. */
    readonly where: string,
  ) {
    super(`${reason}${where}`);
  }
}

/** A leading UTF-8 byte-order mark (U+FEFF once decoded) is not part of the content. */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses JSON text; throws JsonTextError for bad syntax or too deep nesting. */
export function parseJsonText(text: string): unknown {
  const tooDeep = jsonNestingBeyond(text);
  if (tooDeep !== -1) {
    throw new JsonTextError('depth', nestingTooDeep(), where(text, tooDeep));
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(reason, text);
    throw new JsonTextError(
      'syntax',
      shortReason(reason),
      offset === undefined ? '' : where(text, offset),
    );
  }
}

function where(text: string, offset: number): string {
  return ` ${describeLocation(text, offset)}:\n${excerptAt(text, offset)}`;
}

/**
 * Node's message without its own position or copy of the input: "Unexpected token 'x', ..."
 * keeps only the token, "... in JSON at position N" loses the position (we give line and column).
 */
function shortReason(reason: string): string {
  if (reason.startsWith(UNEXPECTED_TOKEN)) {
    const token = String.fromCodePoint(reason.codePointAt(UNEXPECTED_TOKEN.length) ?? 0);
    return `Unexpected token ${describeCharacter(token)}`;
  }
  return reason.replace(/( in JSON)? at position \d+.*$/s, '');
}

const UNEXPECTED_TOKEN = "Unexpected token '";

function describeCharacter(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || code === 0xfeff
    ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    : `'${c}'`;
}

/**
 * Where JSON.parse gave up: its "at position N" when it says, else the first error a second,
 * position-reporting parser finds (Node does not say where an unexpected token is).
 */
function errorOffset(reason: string, text: string): number | undefined {
  const stated = / at position (\d+)/.exec(reason);
  if (stated) return Number(stated[1]);
  if (reason.startsWith('Unexpected end of JSON input')) return text.length;
  let first: number | undefined;
  visit(
    text,
    {
      onError: (_error, offset) => {
        first ??= offset;
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return first;
}
