// docs/snapshot.md, section "The format": its example snapshot passes the schema and the
// loader, its ajv example runs as written, its sample error is what the command prints, and
// its list "What only the loader checks" is the list the schema tests hold the loader to.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { LOADER_ONLY_RULES } from './loader-only-rules.js';
import { loaderError, schemaErrors } from './snapshot-schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const markdown = readFileSync(join(ROOT, 'docs/snapshot.md'), 'utf8');

/** The text of the `## heading` section, up to the next `## `. */
function section(heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/snapshot.md has no section ${heading}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** The text of the `### heading` subsection of `text`, up to the next heading. */
function subsection(text: string, heading: string): string {
  const start = text.indexOf(`\n### ${heading}\n`);
  if (start < 0) throw new Error(`docs/snapshot.md has no subsection ${heading}`);
  const end = text.indexOf('\n#', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

/** The code blocks of `text` in `language` (`` for a plain block), unindented. */
function blocks(text: string, language: string): string[] {
  const fenced = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm;
  return [...text.matchAll(fenced)]
    .filter((block) => block[2] === language)
    .map(([, indent, , body]) => body!.replace(new RegExp(`^${indent}`, 'gm'), ''));
}

const FORMAT = section('The format');

describe('docs/snapshot.md, The format', () => {
  it('the example snapshot passes the schema and the loader', () => {
    const example = JSON.parse(blocks(FORMAT, 'json')[0]!);
    expect(schemaErrors(example)).toEqual([]);
    expect(loaderError(example)).toBeUndefined();
  });

  it('the ajv example validates examples/cluster.json with the packaged schema', async () => {
    const code = blocks(subsection(FORMAT, 'The JSON Schema'), 'js')[0]!;
    expect(code).toContain("'my-cluster.json'");
    // Inside the package (dist/, not committed), so `ecs-placement/...` resolves to it.
    const file = join(ROOT, 'dist', `docs-schema-example-${process.pid}.mjs`);
    await writeFile(file, code.replace("'my-cluster.json'", "'examples/cluster.json'"));
    try {
      const run = await promisify(execFile)(process.execPath, [file], { cwd: ROOT });
      expect(run).toEqual({ stdout: '', stderr: '' });
      // A broken snapshot makes it print the schema's errors.
      await writeFile(
        file,
        code.replace("JSON.parse(readFileSync('my-cluster.json', 'utf8'))", '{ region: 1 }'),
      );
      const broken = await promisify(execFile)(process.execPath, [file], { cwd: ROOT });
      expect(broken.stderr).toContain("must have required property 'accountId'");
    } finally {
      await rm(file);
    }
  });

  it('the sample error is what run-task prints', async () => {
    const text = subsection(FORMAT, 'AWS CLI output instead of a snapshot');
    const command = blocks(text, 'sh')[0]!
      .split('\n')[1]!
      .replace(/ # exit \d+$/, '');
    const argv = command.split(' ').slice(1);
    const run = await runCli(argv, { cwd: ROOT });
    expect(run.code).toBe(255);
    expect(run.stderr).toBe(blocks(text, '')[0]);
  });

  it('lists the rules only the loader checks, as the schema tests know them', () => {
    const text = subsection(FORMAT, 'What only the loader checks');
    const titles = [...text.matchAll(/^- \*\*(.+?)\*\*/gm)].map((m) => m[1]);
    expect(titles).toEqual(Object.keys(LOADER_ONLY_RULES));
  });
});
