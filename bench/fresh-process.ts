/**
 * The fresh-process case, run by bench/fresh-process-case.ts in a new node process (no
 * flags), so it sees what an embedded scheduler, a test suite or a CLI run sees: code not
 * yet optimised, deoptimisations, the first garbage collections.
 *
 * Round 0 loads the 5,000-instance generated cluster the parent wrote to a file (the
 * runner's `runTask.reference.5k` cluster), then times calls 1..300 of the reference
 * RunTask, each with performance.now(): tasks accumulate (runTask, not whatIf) and the
 * calls rotate over 50 groups (call n uses group n mod 50 and seed `call-n`). Loading, the
 * model build included, is not timed: it has its own figures (bench/heap.ts).
 * Rounds 1.. repeat exactly the same 300 calls on a newly loaded cluster in this same
 * process, now warm: the calls of the last `steadyRounds` rounds give the steady-state
 * median of the same run. Prints one JSON object (FreshProcessRun).
 *
 * Arguments: the snapshot file, rounds (default 6), steadyRounds (default 2).
 */
import { readFileSync } from 'node:fs';
import { Cluster } from '../src/api/cluster.js';
import { referenceRequest } from './reference-request.js';

const FRESH_CALLS = 300;
const FRESH_GROUPS = 50;

interface FreshProcessRun {
  /** Milliseconds of calls 1..300 of round 0, in call order. */
  fresh: number[];
  /** Milliseconds of every call of the steady rounds. */
  steady: number[];
  /** Tasks not placed over the 300 calls of round 0 (each call asks for 10). */
  unplaced: number;
  /** The same over the steady rounds together. */
  steadyUnplaced: number;
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
  const [file, roundsArg, steadyArg] = process.argv.slice(2);
  if (file === undefined)
    throw new Error('usage: fresh-process.js SNAPSHOT.json [rounds] [steadyRounds]');
  const rounds = Math.max(2, Number(roundsArg ?? 6));
  const steadyRounds = Math.min(rounds - 1, Math.max(1, Number(steadyArg ?? 2)));
  const text = readFileSync(file, 'utf8');
  const first = round(text);
  const steady: number[] = [];
  let steadyUnplaced = 0;
  for (let r = 1; r < rounds; r++) {
    const { times, unplaced } = round(text);
    if (r >= rounds - steadyRounds) {
      steady.push(...times);
      steadyUnplaced += unplaced;
    }
  }
  const run: FreshProcessRun = {
    fresh: first.times,
    steady,
    unplaced: first.unplaced,
    steadyUnplaced,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main();
