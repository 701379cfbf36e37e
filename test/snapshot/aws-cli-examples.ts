/** The bundled AWS CLI outputs of examples/aws-cli, as import documents, for tests to vary. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportDocument } from '../../src/snapshot/index.js';

export const EXAMPLES = fileURLToPath(new URL('../../examples/aws-cli/', import.meta.url));
export const REGION = 'eu-west-1';
export const ACCOUNT = '210987654321';
export const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/shop`;
export const instanceArn = (id: string) =>
  `arn:aws:ecs:${REGION}:${ACCOUNT}:container-instance/shop/${id}`;
export const taskArn = (id: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:task/shop/${id}`;

export const FILES = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json'))
  .sort();

type Json = Record<string, unknown>;

/** A fresh copy of one example file's JSON. */
export function example(file: string): Json {
  return JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Json;
}

/** Every example file as a document named by its file name, optionally changed or left out. */
export function exampleDocuments(
  change: Record<string, ((json: Json) => Json) | null> = {},
): ImportDocument[] {
  const documents: ImportDocument[] = [];
  for (const file of FILES) {
    const edit = change[file];
    if (edit === null) continue;
    const value = example(file);
    documents.push({ source: file, value: edit ? edit(value) : value });
  }
  return documents;
}

/** The records a describe-* document holds, to edit in place. */
export function records(json: Json, member: string): Json[] {
  return json[member] as Json[];
}
