// Every example in README.md runs as shown: the library example is examples/plan.mjs and
// prints exactly the output the README shows; every `npx ecs-placement` command exits 0.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1] ?? '',
  body: m[2] ?? '',
}));
const bin = 'dist/bundle/cli.js';

/** The shell commands of a block, continuation lines joined, comments dropped. */
function commandsOf(body: string): string[] {
  return body
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('README examples', () => {
  it('the library example is examples/plan.mjs, and prints what the README shows', () => {
    const js = blocks.find((b) => b.lang === 'js');
    const file = readFileSync('examples/plan.mjs', 'utf8');
    expect(js).toBeDefined();
    expect(file.endsWith(js!.body)).toBe(true);
    const shownAt = blocks.indexOf(js!) + 1;
    const output = execFileSync(process.execPath, ['examples/plan.mjs'], { encoding: 'utf8' });
    expect(output).toBe(blocks[shownAt]!.body);
  });

  it('every ecs-placement command in the README exits 0', () => {
    copyFileSync('examples/cluster.json', '/tmp/cluster.json'); // the --save example's copy
    const commands = blocks
      .filter((b) => b.lang === 'sh')
      .flatMap((b) => commandsOf(b.body))
      .filter((c) => c.startsWith('npx ecs-placement') || c.startsWith('ecs-placement'));
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const command of commands) {
      const shell = command.replace(/^(npx )?ecs-placement/, `node ${bin}`);
      expect(
        () => execFileSync('sh', ['-c', `${shell} > /dev/null`], { stdio: 'pipe' }),
        command,
      ).not.toThrow();
    }
  });
});
