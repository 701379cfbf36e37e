/**
 * Reads one command-line parameter the way the AWS CLI does: `file://path` loads the
 * value from a file; structures and lists take JSON or shorthand; the result is typed by
 * the parameter's shape.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { conformToShape } from './conform-to-shape.js';
import { nestingTooDeep, REQUEST_DEPTH } from './input-limits.js';
import { JsonTextError, parseJsonText, stripByteOrderMark } from './json-text.js';
import type { Shape } from '../kernel/shape.js';
import { parseShorthand, ShorthandSyntaxError } from './shorthand.js';
import { UsageError } from './usage-error.js';

const FILE_PREFIX = 'file://';
const BINARY_FILE_PREFIX = 'fileb://';

/**
 * The value itself, or the content of the file a `file://` value names (relative to cwd),
 * without a leading byte-order mark. `fileb://` is refused: in the AWS CLI it is for binary
 * (blob) parameters, and neither command here has one.
 */
export function readParameterText(flag: string, raw: string, cwd: string): string {
  if (raw.startsWith(BINARY_FILE_PREFIX)) {
    throw new UsageError(
      `Error parsing parameter '${flag}': fileb:// is for binary (blob) parameters and ${flag} takes text; use file:// to read it from a file`,
    );
  }
  if (!raw.startsWith(FILE_PREFIX)) return raw;
  const path = resolve(cwd, raw.slice(FILE_PREFIX.length));
  try {
    return stripByteOrderMark(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `Error parsing parameter '${flag}': Unable to load paramfile ${raw}: ${reason}`,
    );
  }
}

/**
 * @param flag  the option as typed, for messages (`--placement-strategy`)
 * @param name  the request field (`placementStrategy`), the root of validation paths
 * @param args  the option's arguments: one, or several for a list given in shorthand
 */
export function parseParameter(
  flag: string,
  name: string,
  args: readonly string[],
  shape: Shape,
  cwd: string,
): unknown {
  const texts = args.map((arg) => scalarText(arg, readParameterText(flag, arg, cwd)));
  if (shape.kind === 'list') return parseList(flag, name, texts, shape.member);
  if (texts.length !== 1) {
    throw new UsageError(`argument ${flag}: expected one value, got ${texts.length}`);
  }
  const text = texts[0]!;
  if (shape.kind === 'structure') {
    return conformToShape(parseStructureText(flag, text), shape, name, sourceOf(text));
  }
  // Scalars: the text is the value; the shape checks it is an integer or boolean.
  return conformToShape(text, shape, name, 'shorthand');
}

/** A single text value (`--filter`, `--seed`): as given, or read from `file://`. */
export function readScalarParameter(flag: string, raw: string, cwd: string): string {
  return scalarText(raw, readParameterText(flag, raw, cwd));
}

/** A file's final line break is not part of the value (`echo web:1 > td.txt`). */
function scalarText(arg: string, text: string): string {
  return arg.startsWith(FILE_PREFIX) ? text.replace(/\r?\n$/, '') : text;
}

function parseList(flag: string, name: string, texts: string[], member: Shape): unknown[] {
  const only = texts.length === 1 ? texts[0]!.trim() : undefined;
  if (only?.startsWith('[')) {
    return conformToShape(
      parseJson(flag, only),
      { kind: 'list', member },
      name,
      'json',
    ) as unknown[];
  }
  return texts.map((text, i) => {
    const path = `${name}[${i}]`;
    if (member.kind === 'structure') {
      return conformToShape(parseStructureText(flag, text), member, path, sourceOf(text));
    }
    return conformToShape(text, member, path, 'shorthand');
  });
}

function sourceOf(text: string): 'json' | 'shorthand' {
  return text.trim().startsWith('{') ? 'json' : 'shorthand';
}

function parseStructureText(flag: string, text: string): unknown {
  if (sourceOf(text) === 'json') return parseJson(flag, text.trim());
  try {
    return parseShorthand(text);
  } catch (error) {
    if (error instanceof ShorthandSyntaxError) {
      throw new UsageError(`Error parsing parameter '${flag}': ${error.message}`);
    }
    throw error;
  }
}

export function parseJson(flag: string, text: string): unknown {
  try {
    return parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new UsageError(
      error.kind === 'depth'
        ? `Error parsing parameter '${flag}': ${nestingTooDeep(REQUEST_DEPTH)}${error.where}`
        : `Error parsing parameter '${flag}': Invalid JSON: ${error.message}`,
    );
  }
}
