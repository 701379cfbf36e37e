/**
 * The published package, as a user gets it: `npm pack` the tarball, install it in a fresh
 * project (with the registry or npm's cache for its dependencies), then
 *  - compile the README's library example under strict TypeScript (`module`/
 *    `moduleResolution: nodenext`, the project's own TypeScript) and run it;
 *  - run `examples/plan.mjs` from the installed package;
 *  - run `npx ecs-placement --version` and `import('ecs-placement/testing')`;
 *  - check that what is installed is the bundle (dist/bundle, scripts/bundle.mjs): the
 *    command's link points at it, no compiled module of dist/src is shipped (only the type
 *    declarations), and the bundled packages (chevrotain, lodash-es, ...) are not installed;
 *  - check the tarball: LICENSE, third-party notices, no source maps, docs/ present and every
 *    relative link of the README and the docs pointing at a file the package has.
 * It takes some 20 to 60 seconds (an install); the timeouts are generous for a loaded
 * machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const MINUTES = 60_000;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  devDependencies: Record<string, string>;
};

/** npm's own variables from the outer `npm test` would redirect the inner npm commands. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const keep =
      !key.startsWith('npm_') || key === 'npm_config_cache' || key === 'npm_config_registry';
    if (keep) env[key] = value;
  }
  return {
    ...env,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1] ?? '',
  body: m[2] ?? '',
}));
const exampleIndex = blocks.findIndex((b) => b.lang === 'js');
const example = blocks[exampleIndex]?.body ?? '';
const exampleOutput = blocks[exampleIndex + 1]?.body ?? '';

describe('the packed package, installed in another project', () => {
  let work = '';
  let project = '';
  let installed = '';
  let files: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ecs-placement-pack-'));
    project = join(work, 'app');
    await mkdir(project);
    const packed = await run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', work],
      { cwd: ROOT, env: npmEnv(), maxBuffer: 64 * 1024 * 1024 },
    );
    const [info] = JSON.parse(packed.stdout) as Array<{
      filename: string;
      files: { path: string }[];
    }>;
    files = info!.files.map((f) => f.path);
    await writeFile(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2)}\n`,
    );
    // fast-check is the (optional) peer dependency of ecs-placement/testing. The AWS SDK,
    // needed only by snapshot capture, is left out to keep the install small.
    await run(
      'npm',
      [
        'install',
        join(work, info!.filename),
        `fast-check@${pkg.devDependencies['fast-check']}`,
        '--prefer-offline',
        '--omit=optional',
        '--no-audit',
        '--no-fund',
      ],
      { cwd: project, env: npmEnv(), maxBuffer: 64 * 1024 * 1024 },
    );
    installed = join(project, 'node_modules', pkg.name);
  }, 5 * MINUTES);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it(
    'compiles the README library example under strict TypeScript and runs it',
    async () => {
      const src = join(project, 'src');
      const out = join(project, 'out');
      await mkdir(src, { recursive: true });
      await writeFile(join(src, 'plan.ts'), example);
      await writeFile(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            strict: true,
            noUncheckedIndexedAccess: true,
            exactOptionalPropertyTypes: true,
            skipLibCheck: false,
            types: ['node'],
            typeRoots: [join(ROOT, 'node_modules', '@types')],
            rootDir: 'src',
            outDir: 'out',
          },
          include: ['src'],
        }),
      );
      await run(
        process.execPath,
        [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
        {
          cwd: project,
        },
      );
      // The example reads the cluster next to itself, as examples/plan.mjs does.
      await copyFile(join(installed, 'examples', 'cluster.json'), join(out, 'cluster.json'));
      const { stdout } = await run(process.execPath, [join(out, 'plan.js')], { cwd: project });
      expect(stdout).toBe(exampleOutput);
    },
    3 * MINUTES,
  );

  it(
    'runs examples/plan.mjs from the installed package, from any directory',
    async () => {
      const { stdout } = await run(process.execPath, [join(installed, 'examples', 'plan.mjs')], {
        cwd: work,
      });
      expect(stdout).toBe(exampleOutput);
    },
    MINUTES,
  );

  it(
    'installs the ecs-placement command',
    async () => {
      const { stdout } = await run('npx', ['--no-install', 'ecs-placement', '--version'], {
        cwd: project,
        env: npmEnv(),
      });
      expect(stdout.trim()).toBe(pkg.version);
    },
    MINUTES,
  );

  it(
    'installs the bundle: the command and both entries run from dist/bundle',
    async () => {
      const link = realpathSync(join(project, 'node_modules', '.bin', 'ecs-placement'));
      expect(link).toBe(realpathSync(join(installed, 'dist', 'bundle', 'cli.js')));
      const script =
        "console.log(import.meta.resolve('ecs-placement'), import.meta.resolve('ecs-placement/testing'));";
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd: project,
      });
      expect(stdout.trim().split(' ')).toEqual([
        pathToFileURL(realpathSync(join(installed, 'dist', 'bundle', 'index.js'))).href,
        pathToFileURL(realpathSync(join(installed, 'dist', 'bundle', 'testing.js'))).href,
      ]);
      expect(files.filter((f) => f.startsWith('dist/src/') && !f.endsWith('.d.ts'))).toEqual([]);
      expect(files).toContain('dist/src/index.d.ts');
      expect(files).toContain('dist/src/testing/index.d.ts');
      // Bundled, so not installed beside the package.
      for (const name of ['chevrotain', 'lodash-es', 'commander', 'cli-table3']) {
        expect(existsSync(join(project, 'node_modules', name)), name).toBe(false);
      }
    },
    MINUTES,
  );

  it(
    'loads yaml, re2js and jmespath, kept out of the bundle, from its dependencies on first use',
    async () => {
      const constraint =
        'type=memberOf,expression="attribute:ecs.instance-type =~ \\"(t3|m5)\\..*\\""';
      const { stdout } = await run(
        'npx',
        [
          '--no-install',
          'ecs-placement',
          'run-task',
          '--cluster-state',
          join(installed, 'examples', 'cluster.json'),
          '--cli-input-yaml',
          'taskDefinition: web\ncount: 2\n',
          '--placement-constraints',
          constraint,
          '--query',
          'length(tasks)',
          '--output',
          'text',
        ],
        { cwd: project, env: npmEnv() },
      );
      expect(stdout).toBe('2\n');
    },
    MINUTES,
  );

  it(
    "runs simulate's worker threads from the installed bundle, with tinypool from its dependencies",
    async () => {
      const { stdout } = await run(
        'npx',
        [
          '--no-install',
          'ecs-placement',
          'simulate',
          '--cluster-state',
          join(installed, 'examples', 'cluster.json'),
          '--scenario',
          join(installed, 'examples', 'scenarios', 'workers-then-web.yaml'),
          '--seeds',
          '4',
          '--workers',
          '2',
          '--query',
          '[seeds, workers]',
          '--output',
          'text',
        ],
        { cwd: project, env: npmEnv() },
      );
      expect(stdout).toBe('4\t2\n');
    },
    MINUTES,
  );

  it(
    'exports ecs-placement/testing',
    async () => {
      const script =
        "const t = await import('ecs-placement/testing'); console.log(Object.keys(t).length > 0 && typeof t.containerInstanceArb);";
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd: project,
      });
      expect(stdout.trim()).toBe('function');
    },
    MINUTES,
  );

  it('ships the license, the third-party notices, the docs and no source maps', () => {
    expect(files).toContain('LICENSE');
    expect(files).toContain('dist/bundle/THIRD-PARTY-NOTICES.md');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain(
      'Apache License\n                           Version 2.0, January 2004',
    );
    expect(pkg.license).toBe('Apache-2.0');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files).toContain('docs/cli.md');
    expect(files).not.toContain('src/index.ts');
  });

  it('has a file for every relative link of the README and the docs', async () => {
    const documents = [
      'README.md',
      // The pages (docs/images/ holds the README's screenshot).
      ...(await readdir(join(installed, 'docs')))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const missing: string[] = [];
    for (const document of documents) {
      const text = readFileSync(join(installed, document), 'utf8');
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const path = target.split('#')[0]!;
        if (!existsSync(join(installed, dirname(document), path)))
          missing.push(`${document}: ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
