/**
 * schema/snapshot.schema.json compiled with ajv (draft 2020-12), and the two verdicts the
 * schema tests compare: the schema's and the loader's (Cluster.fromSnapshot, which runs
 * validateSnapshot and then reads the clusters' clientTokens).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { Cluster } from '../../src/api/cluster.js';
import { SnapshotError } from '../../src/cluster/validate-snapshot.js';

export const SCHEMA_FILE = fileURLToPath(
  new URL('../../schema/snapshot.schema.json', import.meta.url),
);

export type JsonObject = Record<string, unknown>;

export const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as JsonObject;

// strictTypes and strictTuples turn ajv's warnings about a loose schema into errors, so the
// schema stays usable by stricter validators too.
const ajv = new Ajv2020({ allErrors: true, strictTypes: true, strictTuples: true });
const validate = ajv.compile(schema);

/** The schema's errors for `json` (empty when it accepts it), one line each. */
export function schemaErrors(json: unknown): string[] {
  if (validate(json)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`,
  );
}

export function schemaAccepts(json: unknown): boolean {
  return validate(json);
}

/** undefined when the loader accepts `json`, else its SnapshotError (anything else is thrown). */
export function loaderError(json: unknown): SnapshotError | undefined {
  try {
    Cluster.fromSnapshot(json);
    return undefined;
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
}

/** A fresh copy of `value` as a file would hold it (what the schema describes). */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
