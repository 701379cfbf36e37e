// Every snapshot the project ships or tests with passes schema/snapshot.schema.json (and the
// loader): the JSON files under examples/ and test/**/fixtures/ that are snapshots, and the
// snapshots `snapshot import` builds from examples/aws-cli. Every other JSON file there must
// be an AWS CLI output or a RunTask input, so a new snapshot file cannot be missed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSnapshot } from '../../src/snapshot/index.js';
import { recogniseDocument } from '../../src/snapshot/import/recognise-document.js';
import { runCli } from '../cli/run-cli.js';
import { EXAMPLES, exampleDocuments } from '../snapshot/aws-cli-examples.js';
import { loaderError, schemaErrors } from './snapshot-schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** RunTask inputs (requests, overrides for file://), by folder. */
const REQUEST_FOLDERS = ['examples/requests/', 'test/cli/fixtures/params/'];

function jsonFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .map((file) => join(folder, file));
}

const FILES = [
  ...jsonFiles('examples'),
  ...readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((path) => /(^|\/)fixtures$/.test(path))
    .flatMap((fixtures) => jsonFiles(join('test', fixtures))),
].sort();

function read(file: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
}

function isSnapshot(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'clusters' in value && 'region' in value;
}

const SNAPSHOTS = FILES.filter((file) => isSnapshot(read(file)));

describe('the bundled snapshots pass the schema', () => {
  it('finds the snapshot files', () => {
    expect(SNAPSHOTS).toEqual(
      expect.arrayContaining([
        'examples/cluster.json',
        'test/acceptance/fixtures/fargate-cluster.json',
        'test/acceptance/fixtures/hybrid-cluster.json',
        'test/cli/fixtures/small-cluster.json',
      ]),
    );
  });

  it.each(FILES.filter((file) => !SNAPSHOTS.includes(file)))(
    '%s is an AWS CLI output or a RunTask input',
    (file) => {
      const request = REQUEST_FOLDERS.some((folder) => file.startsWith(folder));
      const output = 'document' in recogniseDocument(read(file));
      expect(request || output).toBe(true);
    },
  );

  it.each(SNAPSHOTS)('%s', (file) => {
    const snapshot = read(file);
    expect(schemaErrors(snapshot)).toEqual([]);
    expect(loaderError(snapshot)).toBeUndefined();
  });
});

describe('the snapshots `snapshot import` builds from examples/aws-cli pass the schema', () => {
  it('ecs-placement snapshot import examples/aws-cli', async () => {
    const run = await runCli(['snapshot', 'import', relative(ROOT, EXAMPLES)], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(schemaErrors(JSON.parse(run.stdout))).toEqual([]);
  });

  it.each<[string, Parameters<typeof exampleDocuments>[0], boolean]>([
    ['every output', {}, false],
    ['without subnets', { 'describe-subnets.json': null }, false],
    [
      'with one page of container instances (tasks on the others left out)',
      {
        'describe-container-instances-page-2.json': null,
        'list-container-instances-page-1.json': null,
        'list-container-instances-page-2.json': null,
      },
      true,
    ],
    [
      'with one task definition',
      { 'describe-task-definition-worker.json': null, 'list-tasks.json': null },
      true,
    ],
  ])('importSnapshot: %s', (_what, change, allowPartial) => {
    const { snapshot } = importSnapshot(exampleDocuments(change), { allowPartial });
    expect(schemaErrors(snapshot)).toEqual([]);
  });
});
