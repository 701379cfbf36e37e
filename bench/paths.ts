/** Where the compiled bench runs from (dist-bench/bench) and the repository root. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const compiledBenchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(compiledBenchDir, '..', '..');
