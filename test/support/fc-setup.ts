// Property tests: a pinned seed in CI so a red run replays exactly; a fresh seed locally
// (fast-check prints the seed and the shrunk counterexample whenever a property fails).
import fc from 'fast-check';

const pinned = process.env['FC_SEED'] ?? (process.env['CI'] ? '20261125' : undefined);
const numRuns = process.env['FC_RUNS'] ? Number(process.env['FC_RUNS']) : undefined;
fc.configureGlobal({
  ...(pinned !== undefined ? { seed: Number(pinned) } : {}),
  ...(numRuns !== undefined ? { numRuns } : {}),
});
