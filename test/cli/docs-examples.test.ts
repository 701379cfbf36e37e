/** Runs every `ecs-placement` example of docs/cli.md, in order, and checks its exit status. */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './run-cli.js';

const DOC = fileURLToPath(new URL('../../docs/cli.md', import.meta.url));

interface Example {
  line: string;
  argv: string[];
  exit: number;
}

/** Splits a command line as a POSIX shell would (quotes and backslashes; no expansions). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      for (i++; line[i] !== '"'; i++) {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1]!)) i++;
        text += line[i];
      }
      word = (word ?? '') + text;
    } else if (c === '\\') {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of markdown.matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)) {
    for (const raw of block[1]!.split('\n')) {
      const line = raw.trim();
      if (!line.startsWith('ecs-placement ')) continue;
      const exit = /# exit (\d+)$/.exec(line);
      examples.push({ line, argv: shellWords(line).slice(1), exit: exit ? Number(exit[1]) : 0 });
    }
  }
  return examples;
}

const doc = await readFile(DOC, 'utf8');
const examples = examplesOf(doc);

/** The first plain code block after `phrase` in the document: an output it shows. */
function shownAfter(phrase: string): string {
  const at = doc.indexOf(phrase);
  const block = /```\n([\s\S]*?)```/.exec(doc.slice(at));
  if (at < 0 || !block) throw new Error(`docs/cli.md no longer shows an output after "${phrase}"`);
  return block[1]!;
}

/** Outputs docs/cli.md shows, by the end of the example's line: [stream, text]. */
const documented: Array<[string, 'stdout' | 'stderr', string]> = [
  ["--query 'failures[0].reason' --output text", 'stdout', 'RESOURCE:MEMORY\n'],
  [
    '--output table --status DRAINING',
    'stdout',
    shownAfter('The second example prints `RESOURCE:MEMORY`; the sixth:'),
  ],
  ['--explain summary', 'stderr', shownAfter('The third example prints on stderr:')],
];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-docs-'));
  await cp(join(FIXTURES, 'small-cluster.json'), join(dir, 'cluster.json'));
  await cp(join(FIXTURES, 'params'), join(dir, 'params'), { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('docs/cli.md examples', () => {
  it('has examples of both commands and of every exit status', () => {
    expect(examples.length).toBeGreaterThan(25);
    expect(new Set(examples.map((e) => e.argv[0]))).toEqual(
      new Set(['run-task', 'list-container-instances']),
    );
    expect(new Set(examples.map((e) => e.exit))).toEqual(new Set([0, 252, 254, 255]));
    for (const [ending] of documented) {
      expect(
        examples.filter((e) => e.line.endsWith(ending)),
        ending,
      ).toHaveLength(1);
    }
  });

  it('shell splitting keeps quoted text whole', () => {
    expect(shellWords(`a 'b c' "d \\" e" f\\ g h # comment`)).toEqual([
      'a',
      'b c',
      'd " e',
      'f g',
      'h',
    ]);
  });

  // In document order: the --save examples build on each other.
  it.each(examples.map((e) => [e.line, e] as const))('%s', async (_line, example) => {
    const run = await runCli(example.argv, { cwd: dir });
    expect({ code: run.code, stderr: run.code === example.exit ? '' : run.stderr }).toEqual({
      code: example.exit,
      stderr: '',
    });
    if (example.exit !== 0) {
      expect(run.stdout).toBe('');
      return;
    }
    const format = example.argv.includes('--output')
      ? example.argv[example.argv.indexOf('--output') + 1]
      : 'json';
    if (format === 'json' && !example.argv.includes('yaml-input')) {
      expect(() => JSON.parse(run.stdout)).not.toThrow();
    }
    for (const [ending, stream, text] of documented) {
      if (example.line.endsWith(ending)) expect(run[stream]).toBe(text);
    }
    if (
      example.line.endsWith('--task-definition web:1 --placement-constraints type=distinctInstance')
    ) {
      // The documented point of the --save example: the saved tasks block the group.
      expect(JSON.parse(run.stdout).tasks).toEqual([]);
    }
  });
});
