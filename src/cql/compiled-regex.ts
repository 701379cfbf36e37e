/**
 * A `=~` pattern as a memoised predicate on strings, compiled once per distinct pattern.
 * Compiling for the linear-time engine costs tens of microseconds, and the same pattern
 * recurs across expressions (constraints differ in other comparisons), so compiled patterns
 * are kept by text. Matching costs ~100-400 ns a value, but attribute values repeat a lot
 * across a cluster (a few instance types, a few zones), so each distinct value is matched
 * once: results are memoised first in a small ring of recent values compared by `===` (a
 * pointer check for the engine's shared string copies, measured ~2x faster than a Map
 * lookup), then in a Map bounded in entries and in value length, so memory stays flat on
 * high-cardinality values such as instance ids.
 */
import { compileJavaRegex, type JavaRegex } from './java-regex.js';

const MEMO_LIMIT = 4096;
/** Longer values are matched each time (linear anyway) rather than kept in the memo. */
const MEMO_VALUE_LENGTH = 256;
const RECENT = 8;
const PATTERN_LIMIT = 256;

export type StringTest = (value: string) => boolean;

export type CompiledPattern =
  | { readonly ok: true; readonly test: StringTest }
  | Extract<JavaRegex, { ok: false }>;

const patterns = new Map<string, CompiledPattern>();

/** The pattern compiled (or its refusal), shared by every expression that uses it. */
export function compiledPattern(pattern: string): CompiledPattern {
  let known = patterns.get(pattern);
  if (known === undefined) {
    const regex = compileJavaRegex(pattern);
    known = regex.ok ? { ok: true, test: memoisedTest(regex.matches) } : regex;
    if (patterns.size >= PATTERN_LIMIT) patterns.clear();
    patterns.set(pattern, known);
  }
  return known;
}

export function memoisedTest(matches: StringTest): StringTest {
  const memo = new Map<string, boolean>();
  const recentValues: (string | undefined)[] = new Array<string | undefined>(RECENT).fill(
    undefined,
  );
  const recentResults: boolean[] = new Array<boolean>(RECENT).fill(false);
  let nextSlot = 0;
  return (value) => {
    for (let i = 0; i < RECENT; i++) {
      if (recentValues[i] === value) return recentResults[i]!;
    }
    let result = memo.get(value);
    if (result === undefined) {
      result = matches(value);
      if (memo.size < MEMO_LIMIT && value.length <= MEMO_VALUE_LENGTH) memo.set(value, result);
    }
    recentValues[nextSlot] = value;
    recentResults[nextSlot] = result;
    nextSlot = (nextSlot + 1) % RECENT;
    return result;
  };
}
