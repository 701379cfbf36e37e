/**
 * The version in package.json. The file sits two levels up from src/cli in the sources and
 * three levels up from dist/src/cli once built, so it is looked for upwards.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest: unknown = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      if (isOwnManifest(manifest)) return manifest.version;
    } catch {
      // Not here (or not ours): keep looking upwards.
    }
    const parent = dirname(directory);
    if (parent === directory) return 'unknown';
    directory = parent;
  }
}

function isOwnManifest(value: unknown): value is { version: string } {
  if (typeof value !== 'object' || value === null) return false;
  const manifest = value as Record<string, unknown>;
  return manifest['name'] === 'ecs-placement' && typeof manifest['version'] === 'string';
}
