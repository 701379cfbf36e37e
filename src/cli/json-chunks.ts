/**
 * `JSON.stringify(value, null, indent)`, produced piece by piece so that a snapshot of any
 * size can be written without first building one string of all of it (a JavaScript string
 * holds at most 2^29 - 24 characters: about 220,000 container instances of indented JSON).
 * The top levels (the snapshot, its clusters, their instance and task lists) are walked
 * here; each value below them becomes one JSON.stringify call, re-indented to its place.
 */

/** Levels walked piece by piece; deeper values are one piece each (an instance, a task). */
const WALKED_LEVELS = 4;

export function* jsonChunks(value: unknown, indent: number): Generator<string> {
  const root = toJsonValue('', value);
  if (root === SKIPPED) return;
  yield* chunksOf(root, 0, indent);
}

const SKIPPED = Symbol('skipped');

function* chunksOf(value: unknown, level: number, indent: number): Generator<string> {
  if (level >= WALKED_LEVELS || !isPlainContainer(value)) {
    const text = JSON.stringify(value, null, indent) ?? 'null';
    yield indent === 0 ? text : text.replaceAll('\n', `\n${' '.repeat(indent * level)}`);
    return;
  }
  const inner = indent === 0 ? '' : `\n${' '.repeat(indent * (level + 1))}`;
  const outer = indent === 0 ? '' : `\n${' '.repeat(indent * level)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}${inner}`;
      const item = toJsonValue(String(i), value[i]);
      if (item === SKIPPED) yield 'null';
      else yield* chunksOf(item, level + 1, indent);
    }
    yield `${outer}]`;
    return;
  }
  const colon = indent === 0 ? ':' : ': ';
  let first = true;
  for (const key of Object.keys(value)) {
    const member = toJsonValue(key, (value as Record<string, unknown>)[key]);
    if (member === SKIPPED) continue;
    yield `${first ? '{' : ','}${inner}${JSON.stringify(key)}${colon}`;
    first = false;
    yield* chunksOf(member, level + 1, indent);
  }
  yield first ? '{}' : `${outer}}`;
}

/** What JSON.stringify writes for a member `key`: toJSON applied; SKIPPED when it writes nothing. */
function toJsonValue(key: string, value: unknown): unknown {
  let result = value;
  if (typeof result === 'object' && result !== null && 'toJSON' in result) {
    const toJSON = result.toJSON;
    if (typeof toJSON === 'function') result = toJSON.call(result, key);
  }
  return result === undefined || typeof result === 'function' || typeof result === 'symbol'
    ? SKIPPED
    : result;
}

/** Arrays and plain objects are walked; anything else (a Date, a boxed value) is one piece. */
function isPlainContainer(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
