/**
 * Reads the inputs of `snapshot import`: files, directories (each `*.json` file directly
 * inside, in name order) and stdin (`-`), each of which may hold several JSON documents one
 * after another. Problems name the path.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SnapshotImportError } from './import-error.js';
import { parseJsonDocuments } from './json-documents.js';
import type { ImportDocument } from './origin.js';

export interface SourceReader {
  cwd: string;
  /** Reads all of stdin as text. */
  readStdin(): Promise<string>;
}

export const STDIN = '-';

export async function readImportSources(
  paths: readonly string[],
  reader: SourceReader,
): Promise<ImportDocument[]> {
  const documents: ImportDocument[] = [];
  for (const path of paths) {
    if (path === STDIN) {
      documents.push(...parseJsonDocuments(await reader.readStdin(), 'stdin'));
      continue;
    }
    const absolute = resolve(reader.cwd, path);
    const info = await stat(absolute).catch((error: unknown) => {
      throw unreadable(path, error);
    });
    if (!info.isDirectory()) {
      documents.push(...parseJsonDocuments(await readText(absolute, path), path));
      continue;
    }
    const files = await jsonFilesIn(absolute, path);
    for (const name of files) {
      const shown = join(path, name);
      documents.push(...parseJsonDocuments(await readText(join(absolute, name), shown), shown));
    }
  }
  return documents;
}

async function jsonFilesIn(directory: string, shown: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
    throw unreadable(shown, error);
  });
  const names = entries
    .filter((e) => !e.isDirectory() && e.name.toLowerCase().endsWith('.json'))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) {
    throw new SnapshotImportError(`${shown}: the directory holds no .json file`);
  }
  return names;
}

async function readText(absolute: string, shown: string): Promise<string> {
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    throw unreadable(shown, error);
  }
}

function unreadable(path: string, error: unknown): SnapshotImportError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES'
        ? 'permission denied'
        : error instanceof Error
          ? error.message
          : String(error);
  return new SnapshotImportError(`cannot read ${path}: ${reason}`);
}
