/**
 * Splits a text that holds one or more JSON documents one after another (what
 * `aws ecs ...; aws ecs ...` prints, or `cat *.json`) into parsed documents. JSON.parse does
 * the parsing; this only finds where each document ends, jumping between the characters that
 * matter (quotes, backslashes, brackets) with regular expressions so large inputs stay quick.
 */
import { SnapshotImportError } from './import-error.js';
import { findJsonSyntaxError } from './json-syntax.js';
import type { ImportDocument } from './origin.js';
import { describePosition, positionOf } from './text-position.js';

const BYTE_ORDER_MARK = 0xfeff;

/** The documents of `text`, read from `source` (a file name or `stdin`), in order. */
export function parseJsonDocuments(text: string, source: string): ImportDocument[] {
  const first = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  // Most inputs hold one document: JSON.parse alone reads it. The scan below is for inputs
  // of several (JSON.parse then stops at the end of the first) and for the error messages.
  const whole = singleDocument(first === 0 ? text : text.slice(first));
  if (whole !== undefined) return [{ value: whole, source }];

  const spans: { start: number; end: number }[] = [];
  let offset = first;
  for (;;) {
    offset = skipWhitespace(text, offset);
    if (offset >= text.length) break;
    const first = text[offset];
    if (first !== '{' && first !== '[') throw notAJsonDocument(text, offset, source, spans.length);
    const end = endOfDocument(text, offset);
    if (end < 0) throw unfinished(text, offset, source);
    spans.push({ start: offset, end });
    offset = end;
  }
  if (spans.length === 0) {
    throw new SnapshotImportError(
      `${source}: no JSON document (the input is empty); expected the output of an AWS CLI command run with --output json`,
    );
  }

  const several = spans.length > 1;
  let line = 1;
  let counted = 0;
  return spans.map(({ start, end }, i) => {
    line += countLineBreaks(text, counted, start);
    counted = start;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch (error) {
      throw syntaxError(text, start, source, error);
    }
    return several ? { value, source, index: i + 1, line } : { value, source };
  });
}

/** The value of a text that is exactly one JSON object or list, else undefined. */
function singleDocument(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return value !== null && typeof value === 'object' ? value : undefined;
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  return i;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Offset just after the bracket that closes the one at `start`, or -1 if the text ends first. */
function endOfDocument(text: string, start: number): number {
  const structural = /["{}[\]]/g;
  const inString = /["\\]/g;
  structural.lastIndex = start;
  let depth = 0;
  for (;;) {
    const match = structural.exec(text);
    if (!match) return -1;
    const c = match[0];
    if (c === '"') {
      inString.lastIndex = match.index + 1;
      for (;;) {
        const inside = inString.exec(text);
        if (!inside) return -1;
        if (inside[0] === '"') {
          structural.lastIndex = inside.index + 1;
          break;
        }
        inString.lastIndex = inside.index + 2; // skip the escaped character
      }
      continue;
    }
    depth += c === '{' || c === '[' ? 1 : -1;
    if (depth === 0) return match.index + 1;
  }
}

function where(text: string, offset: number): string {
  return describePosition(positionOf(text, offset));
}

function syntaxError(
  text: string,
  start: number,
  source: string,
  parseError: unknown,
): SnapshotImportError {
  const error = findJsonSyntaxError(text, start);
  if (error === undefined) {
    const reason = parseError instanceof Error ? parseError.message : String(parseError);
    return new SnapshotImportError(
      `${source}: cannot read the JSON document that starts at ${where(text, start)}: ${reason}`,
    );
  }
  if (error.endOfInput) return unfinished(text, start, source);
  return new SnapshotImportError(
    `${source}: not valid JSON at ${where(text, error.offset)}: ${error.message}`,
  );
}

/** The text ended inside a document: the usual sign of a truncated file. */
function unfinished(text: string, start: number, source: string): SnapshotImportError {
  const error = findJsonSyntaxError(text, start);
  if (error && !error.endOfInput) {
    return new SnapshotImportError(
      `${source}: not valid JSON at ${where(text, error.offset)}: ${error.message}`,
    );
  }
  return new SnapshotImportError(
    `${source}: the JSON document that starts at ${where(text, start)} is cut off: the input ` +
      `ends at ${where(text, text.length)} before it is complete. The file looks truncated ` +
      '(an interrupted command or copy); run the AWS CLI command again.',
  );
}

function notAJsonDocument(
  text: string,
  offset: number,
  source: string,
  documentsBefore: number,
): SnapshotImportError {
  const found = JSON.stringify(text.slice(offset, offset + 20).split('\n')[0]);
  const hint =
    documentsBefore === 0
      ? ' Is this the output of an AWS CLI command run with --output json (not text, table or yaml)?'
      : '';
  return new SnapshotImportError(
    `${source}: expected a JSON document (an object or a list) at ${where(text, offset)}, found ${found}.${hint}`,
  );
}
