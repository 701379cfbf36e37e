/**
 * Differential test of CQL regular expressions against real Java: random patterns and values
 * from a seeded generator go through java.util.regex (`Pattern.matcher(v).matches()`, in
 * JavaRegexOracle.java) and through `compileJavaRegex`, and every difference is reported.
 * Needs a JDK (javac and java on the PATH); CI does not run it.
 *
 *   npm run regex-differential -- [--seed N] [--patterns N] [--values N] [--show N]
 *
 * Exits 1 when some pattern Java refuses is accepted, or some result differs, except the one
 * known difference (docs/cql.md): before Java 19, `\b` and `\B` count non-ASCII letters as
 * word characters; those are listed apart.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { compileJavaRegex } from '../../src/cql/java-regex.js';

type Random = () => number;

interface Options {
  seed: string;
  patterns: number;
  values: number;
  show: number;
}

function options(args: readonly string[]): Options {
  const value = (name: string, fallback: string) => {
    const at = args.indexOf(name);
    return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
  };
  return {
    seed: value('--seed', '1'),
    patterns: Number(value('--patterns', '40000')),
    values: Number(value('--values', '12')),
    show: Number(value('--show', '15')),
  };
}

// ---------------------------------------------------------------------------------------
// The generator: a pattern is built from nodes that each know their text and can draw a
// value they (roughly) match, so that many values match and both outcomes get exercised.

interface Piece {
  readonly text: string;
  readonly sample: (random: Random) => string;
}

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number) => random() < p;

/** Characters values are drawn from: letters of both cases, digits, punctuation, line terminators, controls. */
const VALUE_CHARS = [
  'a',
  'b',
  'c',
  'k',
  's',
  'A',
  'B',
  'z',
  '0',
  '1',
  '9',
  '-',
  '.',
  '_',
  ' ',
  '!',
  '$',
  ']',
  '\\',
  '\n',
  '\r',
  '\t',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u0007',
];
const NON_ASCII_CHARS = ['é', 'É', '\u0085', '\u2028', '\u212a', '\u017f', 'ß', '😀', '\ud83d'];

function anyChar(random: Random): string {
  return chance(random, 0.04) ? pick(random, NON_ASCII_CHARS) : pick(random, VALUE_CHARS);
}

const fixed = (text: string, ...samples: string[]): Piece => ({
  text,
  sample: (random) => (samples.length === 0 ? '' : pick(random, samples)),
});

const LITERALS: readonly Piece[] = [
  ...['a', 'b', 'k', 's', 'A', 'B', '0', '1', '-', '_', ' ', '!', ']', '}', ',', ':', '#', 'é'].map(
    (c) => fixed(c, c),
  ),
  fixed('.', 'a', '.', '\n', '\r', ' ', '\u0085'),
  fixed('\\d', '0', '9'),
  fixed('\\D', 'a', '-'),
  fixed('\\w', 'a', '_', 'Z'),
  fixed('\\W', '-', ' ', 'é'),
  fixed('\\s', ' ', '\t', '\u000b', '\n'),
  fixed('\\S', 'a', '\u000b'),
  fixed('\\t', '\t'),
  fixed('\\n', '\n'),
  fixed('\\r', '\r'),
  fixed('\\f', '\u000c'),
  fixed('\\.', '.'),
  fixed('\\-', '-'),
  fixed('\\\\', '\\'),
  fixed('\\$', '$'),
  fixed('\\]', ']'),
  fixed('\\{', '{'),
  fixed('\\ ', ' '),
  fixed('\\x41', 'A'),
  fixed('\\x0b', '\u000b'),
  fixed('\\u0061', 'a'),
  fixed('\\uD83D\\uDE00', '😀'),
  fixed('\\0101', 'A'),
  fixed('\\011', '\t'),
  fixed('\\cJ', '\n'),
  fixed('\\ca', '!'),
  fixed('\\e', '\u001b'),
  fixed('\\a', '\u0007'),
  fixed('\\Q.a\\E', '.a'),
  fixed('\\Q]-\\E', ']-'),
  fixed('\\E', ''),
  fixed('\\v', '\u000b'),
  fixed('\\h', ' ', '\u00a0'),
  fixed('\\H', 'a', '\t'),
  fixed('\\V', 'a', '\n'),
  fixed('\\G', ''),
  fixed('\\x{1F600}', '😀'),
  fixed('\\p{Lower}', 'a'),
  fixed('\\x{41}', 'A'),
  fixed('\\A', ''),
  fixed('\\z', ''),
  fixed('\\Z', ''),
];
const ASSERTIONS: readonly Piece[] = [
  fixed('^', ''),
  fixed('$', ''),
  fixed('\\b', ''),
  fixed('\\B', ''),
];
const CLASS_ITEMS: readonly (readonly [string, readonly string[]])[] = [
  ['a', ['a']],
  ['b', ['b']],
  ['A', ['A']],
  ['0', ['0']],
  ['-', ['-']],
  ['.', ['.']],
  [' ', [' ']],
  ['$', ['$']],
  ['^', ['^']],
  ['a-c', ['a', 'b', 'c']],
  ['A-Z', ['A', 'B', 'Z']],
  ['0-9', ['0', '9']],
  ['Z-b', ['Z', '_', 'a', '\\']],
  ['\\d', ['1']],
  ['\\w', ['a', '_']],
  ['\\W', ['-', '\n']],
  ['\\s', [' ', '\u000b', '\r']],
  ['\\S', ['a', '\u000b']],
  ['\\n', ['\n']],
  ['\\x0b', ['\u000b']],
  ['\\]', [']']],
  ['\\\\', ['\\']],
  ['\\-', ['-']],
  ['\\^', ['^']],
  ['\\[', ['[']],
  ['\\Q]^\\E', [']', '^']],
  ['\\x41-\\x43', ['A', 'C']],
  ['\\u00e9', ['é']],
  ['&&', ['&']],
  ['[b]', ['b']],
  ['\\b', ['\b']],
];

function characterClass(random: Random): Piece {
  const negated = chance(random, 0.25);
  const items: (readonly [string, readonly string[]])[] = [];
  if (chance(random, 0.1)) items.push([']', [']']]);
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) items.push(pick(random, CLASS_ITEMS));
  const text = `[${negated ? '^' : ''}${items.map(([t]) => t).join('')}]`;
  const members = items.flatMap(([, s]) => s);
  return {
    text,
    sample: (r) => (negated || chance(r, 0.2) ? anyChar(r) : pick(r, members)),
  };
}

const QUANTIFIERS: readonly (readonly [string, number, number])[] = [
  ['*', 0, 3],
  ['+', 1, 3],
  ['?', 0, 1],
  ['{2}', 2, 2],
  ['{0,2}', 0, 2],
  ['{1,}', 1, 3],
  ['{0}', 0, 0],
  ['*?', 0, 3],
  ['+?', 1, 3],
  ['??', 0, 1],
  ['{1,2}?', 1, 2],
  ['*+', 0, 3],
  ['{1001}', 0, 0],
  ['{2}{2}', 4, 4],
  ['{,2}', 0, 0],
];

function quantified(random: Random, depth: number): Piece {
  const atom = atomPiece(random, depth);
  if (!chance(random, 0.35)) return atom;
  const [suffix, min, max] = pick(random, QUANTIFIERS);
  return {
    text: atom.text + suffix,
    sample: (r) => {
      const times = min + Math.floor(r() * (max - min + 1));
      let out = '';
      for (let i = 0; i < times; i++) out += atom.sample(r);
      return out;
    },
  };
}

let groupName = 0;
const GROUP_OPENERS = [
  '',
  '',
  '',
  '?:',
  '?:',
  'NAMED',
  '?=',
  '?!',
  '?<=',
  '?<!',
  '?>',
  '?i:',
  '?s)',
];

function atomPiece(random: Random, depth: number): Piece {
  const roll = random();
  if (roll < 0.1) return pick(random, ASSERTIONS);
  if (roll < 0.2) return characterClass(random);
  if (roll < 0.3 && depth < 3) {
    let opener = pick(random, GROUP_OPENERS);
    if (opener === 'NAMED') opener = `?<g${groupName++ % 3}>`;
    const inner = alternation(random, depth + 1);
    return { text: `(${opener}${inner.text})`, sample: inner.sample };
  }
  if (roll < 0.32) return fixed(`\\${1 + Math.floor(random() * 2)}`, 'a', '');
  return pick(random, LITERALS);
}

function sequence(random: Random, depth: number): Piece {
  const count = Math.floor(random() * 4) + (depth === 0 ? 1 : 0);
  const parts: Piece[] = [];
  for (let i = 0; i < count; i++) parts.push(quantified(random, depth));
  return {
    text: parts.map((p) => p.text).join(''),
    sample: (r) => parts.map((p) => p.sample(r)).join(''),
  };
}

function alternation(random: Random, depth: number): Piece {
  const branches = [sequence(random, depth)];
  while (branches.length < 3 && chance(random, 0.2)) branches.push(sequence(random, depth));
  return {
    text: branches.map((b) => b.text).join('|'),
    sample: (r) => pick(r, branches).sample(r),
  };
}

/** A few structural characters to mutate with, so malformed patterns get tried too. */
const MUTATIONS = ['(', ')', '[', ']', '{', '}', '|', '*', '+', '?', '\\', '^', '$', '.', '-'];

function generatePattern(random: Random): Piece {
  groupName = 0;
  const body = alternation(random, 0);
  let text = (chance(random, 0.12) ? '(?i)' : '') + body.text;
  if (chance(random, 0.1)) {
    const at = Math.floor(random() * (text.length + 1));
    const roll = random();
    const cut = roll < 0.4 ? 1 : 0;
    const insert = roll < 0.2 ? '' : pick(random, MUTATIONS);
    text = text.slice(0, at) + insert + text.slice(at + cut);
  }
  return { text, sample: body.sample };
}

function generateValues(random: Random, pattern: Piece, count: number): string[] {
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    let value: string;
    if (roll < 0.55) value = pattern.sample(random);
    else if (roll < 0.75) {
      // A sample with one character changed, inserted or dropped: near misses.
      value = pattern.sample(random);
      const at = Math.floor(random() * (value.length + 1));
      value =
        value.slice(0, at) + (chance(random, 0.7) ? anyChar(random) : '') + value.slice(at + 1);
    } else {
      const length = Math.floor(random() * 7);
      value = '';
      for (let j = 0; j < length; j++) value += anyChar(random);
    }
    // A case flip now and then, for (?i).
    if (chance(random, 0.15))
      value = chance(random, 0.5) ? value.toUpperCase() : value.toLowerCase();
    values.push(value);
  }
  return values;
}

// ---------------------------------------------------------------------------------------
// Running both sides.

const hex = (text: string) => {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
};

function runJava(cases: readonly { pattern: string; values: readonly string[] }[]): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = join(
    here,
    '..',
    '..',
    '..',
    'bench',
    'regex-differential',
    'JavaRegexOracle.java',
  );
  const classes = mkdtempSync(join(tmpdir(), 'cql-regex-oracle-'));
  try {
    const javac = spawnSync('javac', ['-d', classes, source], { stdio: 'inherit' });
    if (javac.error !== undefined || javac.status !== 0) {
      throw new Error(
        `javac failed (${javac.error?.message ?? `exit ${javac.status}`}): is a JDK installed?`,
      );
    }
    const input = cases.map((c) => [c.pattern, ...c.values].map(hex).join('\t')).join('\n');
    const java = spawnSync('java', ['-Xss64m', '-cp', classes, 'JavaRegexOracle'], {
      input: `${input}\n`,
      maxBuffer: 1 << 30,
      encoding: 'ascii',
    });
    if (java.error !== undefined || java.status !== 0) {
      throw new Error(`java failed: ${java.error?.message ?? java.stderr}`);
    }
    return java.stdout.trimEnd().split('\n');
  } finally {
    rmSync(classes, { recursive: true, force: true });
  }
}

const show = (text: string) => JSON.stringify(text);
const isAscii = (text: string) => /^[\0-\x7f]*$/.test(text);

function main(): void {
  const opts = options(process.argv.slice(2));
  const random = seedrandom(opts.seed);
  const cases = [];
  for (let i = 0; i < opts.patterns; i++) {
    const pattern = generatePattern(random);
    cases.push({ pattern: pattern.text, values: generateValues(random, pattern, opts.values) });
  }
  const started = Date.now();
  const [javaVersion, ...java] = runJava(cases);
  const javaMs = Date.now() - started;

  const counts = {
    bothRefuse: 0,
    weRefuse: 0,
    compared: 0,
    values: 0,
    valuesTrue: 0,
    agreeAscii: 0,
    disagreeAscii: 0,
    agreeNonAscii: 0,
    disagreeNonAscii: 0,
    javaGaveUp: 0,
  };
  const acceptedInvalid: string[] = [];
  const differences: string[] = [];
  const nonAsciiDifferences: string[] = [];
  /** Java before 19 counts non-ASCII letters as word characters for \b and \B (JDK-8282129). */
  const boundaryDifferences: string[] = [];
  const refused: string[] = [];
  const refusalReasons = new Map<string, number>();
  const ours0 = Date.now();
  cases.forEach((c, index) => {
    const javaLine = java[index] ?? '';
    const ours = compileJavaRegex(c.pattern);
    if (javaLine === 'E') {
      if (ours.ok) acceptedInvalid.push(`${show(c.pattern)} -> ${show(ours.source)}`);
      else counts.bothRefuse++;
      return;
    }
    if (!ours.ok) {
      counts.weRefuse++;
      refused.push(`${show(c.pattern)}: ${ours.reason}`);
      // Group by the reason's words, without the quoted parts.
      const reason = ours.reason.replace(/`.*$/, '').replace(/\(.*$/, '').replace(/\\\S*/g, '\\…');
      refusalReasons.set(reason, (refusalReasons.get(reason) ?? 0) + 1);
      return;
    }
    counts.compared++;
    c.values.forEach((value, v) => {
      const expected = javaLine.charAt(v + 1);
      if (expected !== '0' && expected !== '1') {
        counts.javaGaveUp++;
        return;
      }
      counts.values++;
      const javaResult = expected === '1';
      if (javaResult) counts.valuesTrue++;
      const same = ours.matches(value) === javaResult;
      const ascii = isAscii(value);
      if (ascii) counts[same ? 'agreeAscii' : 'disagreeAscii']++;
      else counts[same ? 'agreeNonAscii' : 'disagreeNonAscii']++;
      if (!same) {
        const line = `${show(c.pattern)} on ${show(value)}: Java ${javaResult}, ours ${!javaResult} (RE2 ${show(ours.source)})`;
        if (ascii) differences.push(line);
        else if (/\\[bB]/.test(c.pattern)) boundaryDifferences.push(line);
        else nonAsciiDifferences.push(line);
      }
    });
  });
  const oursMs = Date.now() - ours0;

  const pct = (part: number, whole: number) =>
    whole === 0 ? '-' : `${((100 * part) / whole).toFixed(3)}%`;
  console.log(
    `seed ${opts.seed}: ${opts.patterns} patterns x ${opts.values} values, against Java ${javaVersion}`,
  );
  console.log(`  Java refuses, we refuse:          ${counts.bothRefuse}`);
  console.log(`  Java refuses, we ACCEPT:          ${acceptedInvalid.length}`);
  console.log(`  Java accepts, we refuse:          ${counts.weRefuse}`);
  console.log(`  both accept, results compared:    ${counts.compared} patterns`);
  console.log(
    `  values compared:                  ${counts.values} (${counts.valuesTrue} matched in Java; ${counts.javaGaveUp} skipped: Java gave up)`,
  );
  console.log(
    `  ASCII values:     ${counts.agreeAscii} agree, ${counts.disagreeAscii} differ (${pct(counts.agreeAscii, counts.agreeAscii + counts.disagreeAscii)} agreement)`,
  );
  console.log(
    `  non-ASCII values: ${counts.agreeNonAscii} agree, ${counts.disagreeNonAscii} differ (${pct(counts.agreeNonAscii, counts.agreeNonAscii + counts.disagreeNonAscii)} agreement)`,
  );
  console.log(`  time: Java ${javaMs} ms, ours ${oursMs} ms`);
  console.log('  our refusals of patterns Java accepts, by reason:');
  for (const [reason, n] of [...refusalReasons].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${String(n).padStart(6)}  ${reason}`);
  }
  const list = (title: string, lines: readonly string[]) => {
    if (lines.length === 0) return;
    console.log(`${title} (${lines.length}; first ${Math.min(opts.show, lines.length)}):`);
    for (const line of lines.slice(0, opts.show)) console.log(`  ${line}`);
  };
  list('Accepted although Java refuses', acceptedInvalid);
  list('Different results on ASCII values', differences);
  list('Different results on non-ASCII values', nonAsciiDifferences);
  list(
    'Different results on non-ASCII values around \\b or \\B (Java before 19 counts non-ASCII letters as word characters there; Java 19+ and RE2 do not)',
    boundaryDifferences,
  );
  if (process.argv.includes('--list-refusals')) list('Refused although Java accepts', refused);
  const unexplained = acceptedInvalid.length + differences.length + nonAsciiDifferences.length;
  if (unexplained > 0) process.exitCode = 1;
}

main();
