/**
 * The documentation stands alone: every link a reader follows in README.md and docs/ (and
 * the READMEs of bench/ and test/) resolves to a file of the repository, and to a heading
 * of it when the link names one; every repository path a page or a code comment mentions
 * exists; and nothing cites the team's design record or reference notes, which are not in
 * the repository (nor in the package).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = normalize(join(dirname(new URL(import.meta.url).pathname), '..', '..'));
const THIS_FILE = relative(ROOT, new URL(import.meta.url).pathname);

/** Files under `dir` (relative to the root) whose name matches `pattern`. */
function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, entry);
    if (pattern.test(path) && statSync(join(ROOT, path)).isFile()) out.push(path);
  }
  return out.sort();
}

const PAGES = ['README.md', 'bench/README.md', 'test/README.md', ...filesUnder('docs', /\.md$/)];
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The text outside fenced code blocks (their lines blanked, so line numbers stay). */
function prose(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line;
    })
    .join('\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1/-2 for repeats. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const repeat = seen.get(slug) ?? 0;
    seen.set(slug, repeat + 1);
    anchors.add(repeat === 0 ? slug : `${slug}-${repeat}`);
  }
  return anchors;
}

/** Headings' texts without the `#`s, for the `docs/x.md, "Title"` and `section N` citations. */
function headingsOf(markdown: string): string[] {
  return prose(markdown)
    .split('\n')
    .flatMap((line) => /^#{1,6}\s+(.*?)\s*$/.exec(line)?.[1] ?? []);
}

interface Link {
  page: string;
  line: number;
  target: string;
}

/** Inline links `[text](target)` outside code (blocks and spans), with their line. */
function linksOf(page: string): Link[] {
  const text = prose(read(page)).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
  const links: Link[] = [];
  for (const match of text.matchAll(/\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const line = text.slice(0, match.index).split('\n').length;
    links.push({ page, line, target: match[1]! });
  }
  return links;
}

/** What is wrong with a relative link, or undefined when it resolves. */
function brokenLink(link: Link): string | undefined {
  const [path = '', anchor] = link.target.split('#', 2);
  const file = path === '' ? link.page : normalize(join(dirname(link.page), decodeURI(path)));
  if (file.startsWith('..')) return `${file} is outside the repository`;
  if (!existsSync(join(ROOT, file))) return `${file} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  if (!file.endsWith('.md'))
    return `${file} is not a markdown page, so #${anchor} cannot be checked`;
  return anchorsOf(read(file)).has(anchor) ? undefined : `${file} has no heading #${anchor}`;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

describe('links in README.md and docs/', () => {
  const links = PAGES.flatMap(linksOf);

  it('finds the pages and their links', () => {
    expect(PAGES).toContain('docs/placement.md');
    expect(PAGES).toContain('docs/snapshot.md');
    expect(links.filter((l) => l.page === 'README.md').length).toBeGreaterThan(5);
  });

  it('every relative link resolves to a file of the repository, and to a heading when it names one', () => {
    const broken = links
      .filter((link) => !EXTERNAL.test(link.target))
      .flatMap((link) => {
        const problem = brokenLink(link);
        return problem === undefined
          ? []
          : [`${link.page}:${link.line} (${link.target}): ${problem}`];
      });
    expect(broken).toEqual([]);
  });

  it('the anchor rule is GitHub’s (checked on headings of these pages)', () => {
    const validation = anchorsOf(read('docs/validation.md'));
    expect(validation).toContain('6-cluster-snapshots-validatesnapshot');
    expect(anchorsOf('# A: b\n## A: b\n```\n# not a heading\n```\n')).toEqual(
      new Set(['a-b', 'a-b-1']),
    );
  });
});

/** A repository path as pages and comments mention it: `docs/cql.md`, `src/placement/`, ... */
const REPO_PATH =
  /(?<![\w./@$-])((?:src|test|docs|bench|grammar|examples|scripts)\/[\w.-]+(?:\/[\w.-]+)*\/?)(?![\w*-])/g;

describe('paths mentioned in pages and code comments', () => {
  it('every repository path a page mentions exists', () => {
    const missing = PAGES.flatMap((page) =>
      [...read(page).matchAll(REPO_PATH)]
        .map((m) => m[1]!.replace(/\.$/, ''))
        .filter((path) => !existsSync(join(ROOT, path)))
        .map((path) => `${page}: ${path}`),
    );
    expect(missing).toEqual([]);
  });

  const sources = ['src', 'grammar', 'bench', 'scripts'].flatMap((dir) =>
    filesUnder(dir, /\.(ts|mjs)$/),
  );

  it('every docs/ page a source file cites exists, with the section or heading it names', () => {
    const problems: string[] = [];
    for (const file of sources) {
      const text = read(file);
      for (const m of text.matchAll(/\b(docs\/[\w.-]+\.md)(?:,? section (\d+)|, "([^"]+)")?/g)) {
        const [, page, section, title] = m;
        if (!existsSync(join(ROOT, page!))) {
          problems.push(`${file}: ${page} does not exist`);
          continue;
        }
        const headings = headingsOf(read(page!));
        if (section !== undefined && !headings.some((h) => h.startsWith(`${section}. `)))
          problems.push(`${file}: ${page} has no section ${section}`);
        if (title !== undefined && !headings.some((h) => h.replace(/`/g, '').includes(title)))
          problems.push(`${file}: ${page} has no heading "${title}"`);
      }
    }
    expect(sources.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});

describe('no citation of material outside the repository', () => {
  // Spelled in pieces so that this file does not match itself.
  const FORBIDDEN = [
    new RegExp(['DESIGN', '(?:\\.md|\\s*§|\\s+\\d)'].join('')),
    new RegExp(['ecs-documented', '-semantics'].join('')),
    new RegExp(['(?<![\\w-])reference', '/'].join('')),
  ];
  const files = [
    'README.md',
    ...['src', 'grammar', 'docs', 'bench', 'test', 'scripts', 'examples'].flatMap((dir) =>
      filesUnder(dir, /\.(ts|mjs|md|json|txt|ya?ml)$/),
    ),
  ].filter((file) => file !== THIS_FILE);

  it('no file cites the design record or the reference notes', () => {
    const citing = files.flatMap((file) => {
      const text = read(file);
      return FORBIDDEN.filter((pattern) => pattern.test(text)).map(
        (pattern) => `${file}: ${pattern.source}`,
      );
    });
    expect(files.length).toBeGreaterThan(200);
    expect(citing).toEqual([]);
  });

  it('the patterns catch what they are for', () => {
    const cites = (text: string) => FORBIDDEN.some((pattern) => pattern.test(text));
    expect(cites(['see DESIGN', '.md section 4'].join(''))).toBe(true);
    expect(cites(['DESIGN', ' 3'].join(''))).toBe(true);
    expect(cites(['reference', '/ecs-documented', '-semantics.md'].join(''))).toBe(true);
    expect(cites('test/cql/reference-interpreter.ts and the reference model')).toBe(false);
  });
});
