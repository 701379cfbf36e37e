/**
 * The yaml package, loaded on first use: only --cli-input-yaml and --generate-cli-skeleton
 * yaml-input need it, and it would be a large share of what every run-task loads. Required
 * (its CommonJS build) rather than imported so that its callers stay synchronous; the bundle
 * leaves it in node_modules for the same reason (docs/ARCHITECTURE.md, "Build outputs").
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

let loaded: Yaml | undefined;

export function yamlLibrary(): Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as Yaml;
  return loaded;
}
