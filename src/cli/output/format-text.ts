/**
 * `--output text`, with the AWS CLI's rules: an object prints its scalar values on one line,
 * tab-separated, in key order, after the upper-cased name of the member it came from; its
 * lists and objects follow, each under its own member name, in key order. A list of objects
 * uses the scalar keys of all its objects (an object lacking one prints an empty field); a
 * list of scalars prints one `NAME<tab>value` line per item (a bare list: one tab-separated
 * line). An empty list or object prints nothing; a lone scalar prints itself.
 */
import { pythonStr } from './python-text.js';

type Json = unknown;

export function formatText(value: Json): string {
  const lines: string[] = [];
  formatValue(value, undefined, undefined, lines);
  return lines.map((line) => `${line}\n`).join('');
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCollection = (value: Json) => typeof value === 'object' && value !== null;

function formatValue(
  value: Json,
  identifier: string | undefined,
  scalarKeys: readonly string[] | undefined,
  lines: string[],
): void {
  if (isObject(value)) formatObject(value, identifier, scalarKeys, lines);
  else if (Array.isArray(value)) formatList(value, identifier, lines);
  else lines.push(pythonStr(value));
}

function formatList(items: Json[], identifier: string | undefined, lines: string[]): void {
  if (items.length === 0) return;
  if (items.some(isObject)) {
    const keys = scalarKeysOf(items);
    for (const item of items) formatValue(item, identifier, keys, lines);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter((item) => !isCollection(item));
    if (scalars.length > 0) formatScalarList(scalars, identifier, lines);
    for (const item of items.filter(isCollection)) formatValue(item, identifier, undefined, lines);
  } else {
    formatScalarList(items, identifier, lines);
  }
}

function formatScalarList(items: Json[], identifier: string | undefined, lines: string[]): void {
  if (identifier === undefined) {
    lines.push(items.map(pythonStr).join('\t'));
    return;
  }
  for (const item of items) lines.push(`${identifier.toUpperCase()}\t${pythonStr(item)}`);
}

function formatObject(
  object: Record<string, Json>,
  identifier: string | undefined,
  scalarKeys: readonly string[] | undefined,
  lines: string[],
): void {
  const scalars: string[] = [];
  const nested: Array<[string, Json]> = [];
  if (scalarKeys === undefined) {
    for (const key of sortedKeys(object)) {
      const item = object[key];
      if (isCollection(item)) nested.push([key, item]);
      else scalars.push(pythonStr(item));
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in object ? pythonStr(object[key]) : '');
    for (const key of sortedKeys(object)) {
      if (!scalarKeys.includes(key)) nested.push([key, object[key]]);
    }
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    lines.push(scalars.join('\t'));
  }
  for (const [key, item] of nested) formatValue(item, key, undefined, lines);
}

/** The keys holding a scalar in any of the objects, sorted. */
function scalarKeysOf(items: readonly Json[]): string[] {
  const keys = new Set<string>();
  for (const item of items) {
    if (!isObject(item)) continue;
    for (const [key, value] of Object.entries(item)) if (!isCollection(value)) keys.add(key);
  }
  return [...keys].sort(compareCodePoints);
}

export function sortedKeys(object: Record<string, Json>): string[] {
  return Object.keys(object).sort(compareCodePoints);
}

/** Python's string order: by code point (JavaScript's default sorts by UTF-16 unit). */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!.codePointAt(0)!;
    const y = right[i]!.codePointAt(0)!;
    if (x !== y) return x - y;
  }
  return left.length - right.length;
}
