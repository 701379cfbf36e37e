/**
 * The fresh-process case, run by bench/fresh-process-case.ts in a new node process (no
 * flags), so it sees what an embedded scheduler, a test suite or a CLI run sees: code not
 * yet optimised, deoptimisations, the first garbage collections.
 *
 * Round 0 loads a 5,000-instance generated cluster, then times calls 1..300 of the reference
 * RunTask, each with performance.now(): tasks accumulate (runTask, not whatIf) and the
 * calls rotate over 50 groups (call n uses group n mod 50 and seed `call-n`). Loading, the
 * model build included, is not timed: it has its own figures (bench/heap.ts).
 * Rounds 1.. repeat exactly the same 300 calls on a newly loaded cluster in this same
 * process, now warm: the calls of the last `steadyRounds` rounds give the steady-state
 * median of the same run. Prints one JSON object (FreshProcessRun).
 *
 * Arguments: rounds (default 6), steadyRounds (default 2).
 */
import { Cluster } from '../src/api/cluster.js';
import { generateCluster } from './generate-cluster.js';
import { referenceRequest } from './reference-request.js';

const FRESH_INSTANCES = 5000;
const FRESH_CALLS = 300;
const FRESH_GROUPS = 50;

interface FreshProcessRun {
  /** Milliseconds of calls 1..300 of round 0, in call order. */
  fresh: number[];
  /** Milliseconds of every call of the steady rounds. */
  steady: number[];
  /** Tasks not placed over the 300 calls of round 0 (each call asks for 10). */
  unplaced: number;
}

function round(text: string): { times: number[]; unplaced: number } {
  const cluster = Cluster.fromSnapshot(JSON.parse(text));
  cluster.whatIf(() => undefined); // builds the (lazily built) model, untimed
  const requests = Array.from({ length: FRESH_GROUPS }, (_, g) => referenceRequest(`group-${g}`));
  const times: number[] = [];
  let unplaced = 0;
  for (let n = 1; n <= FRESH_CALLS; n++) {
    const request = requests[n % FRESH_GROUPS]!;
    const started = performance.now();
    const out = cluster.runTask(request, { seed: `call-${n}`, now: 0 });
    times.push(performance.now() - started);
    unplaced += 10 - out.tasks.length;
  }
  return { times, unplaced };
}

function main(): void {
  const rounds = Math.max(2, Number(process.argv[2] ?? 6));
  const steadyRounds = Math.min(rounds - 1, Math.max(1, Number(process.argv[3] ?? 2)));
  const text = JSON.stringify(generateCluster({ instances: FRESH_INSTANCES, seed: 'bench-5000' }));
  const first = round(text);
  const steady: number[] = [];
  for (let r = 1; r < rounds; r++) {
    const { times } = round(text);
    if (r >= rounds - steadyRounds) steady.push(...times);
  }
  const run: FreshProcessRun = { fresh: first.times, steady, unplaced: first.unplaced };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main();
