/**
 * Load time and heap of generated snapshots, in a fresh process run by bench/run.ts with
 * --expose-gc. Arguments: the sizes (`500`, `5k`, `50k`, `200k`), then `--time-runtask` to
 * also time the reference RunTask on each loaded cluster. Prints one JSON object of figures:
 *
 * - `snapshot.<size>.json.mb`: the snapshot's JSON text;
 * - `parse.<size>.ms`: JSON.parse of that text;
 * - `fromSnapshot.<size>.ms`: Cluster.fromSnapshot on the parsed snapshot, which builds the
 *   models in the same pass, and an empty whatIf (so a model built lazily would count too);
 * - `firstRunTask.<size>.ms`: the first reference RunTask on the loaded cluster;
 * - `load.<size>.ms`: the three together, from JSON text to a first placement;
 * - `heap.<size>.mb`: what the loaded cluster keeps (its snapshot objects and the model)
 *   after that first RunTask; the JSON text and the parsed input are not counted;
 * - `peakRss.<sizes>.mb`: the peak resident memory of this process (generation included);
 * - with --time-runtask, `runTask.reference.<size>.ms` and `.p99.ms`: the reference RunTask
 *   (count 10, each call undone by whatIf) over 40 calls after 10 warm-up calls.
 */
import { Cluster } from '../src/api/cluster.js';
import { generateCluster } from './generate-cluster.js';
import { referenceRequest } from './reference-request.js';

const SIZES: Readonly<Record<string, number>> = {
  '500': 500,
  '5k': 5_000,
  '50k': 50_000,
  '200k': 200_000,
};
const WARM_CALLS = 10;
const TIMED_CALLS = 40;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heapMb(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function timeRunTask(cluster: Cluster, label: string, figures: Record<string, number>): void {
  const request = referenceRequest();
  const times: number[] = [];
  for (let n = 0; n < WARM_CALLS + TIMED_CALLS; n++) {
    const started = performance.now();
    const placed = cluster.whatIf(
      (c) => c.runTask(request, { seed: `call-${n}`, now: 0 }).tasks.length,
    );
    if (n >= WARM_CALLS) times.push(performance.now() - started);
    if (placed !== 10) throw new Error(`placed ${placed} of 10 on ${label} instances`);
  }
  times.sort((a, b) => a - b);
  figures[`runTask.reference.${label}.ms`] = times[Math.floor(times.length / 2)]!;
  figures[`runTask.reference.${label}.p99.ms`] = times[Math.ceil(times.length * 0.99) - 1]!;
}

const labels = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const timeRunTasks = process.argv.includes('--time-runtask');
const figures: Record<string, number> = {};
const keep: Cluster[] = [];
for (const label of labels) {
  const instances = SIZES[label];
  if (instances === undefined) throw new Error(`unknown size ${label}`);
  const before = heapMb();
  let text: string | undefined = JSON.stringify(generateCluster({ instances, seed: 'heap' }));
  gc!(); // the generated objects are garbage now: do not let them skew the load timing
  figures[`snapshot.${label}.json.mb`] = text.length / 2 ** 20;
  const started = performance.now();
  let parsed: unknown = JSON.parse(text);
  const parsedAt = performance.now();
  const cluster = Cluster.fromSnapshot(parsed);
  cluster.whatIf(() => undefined);
  const loadedAt = performance.now();
  cluster.runTask(referenceRequest(), { seed: 'heap' });
  const placedAt = performance.now();
  figures[`parse.${label}.ms`] = parsedAt - started;
  figures[`fromSnapshot.${label}.ms`] = loadedAt - parsedAt;
  figures[`firstRunTask.${label}.ms`] = placedAt - loadedAt;
  figures[`load.${label}.ms`] = placedAt - started;
  text = undefined;
  parsed = undefined;
  figures[`heap.${label}.mb`] = heapMb() - before;
  if (timeRunTasks) timeRunTask(cluster, label, figures);
  keep.push(cluster); // alive until every figure is taken, so no collection skews the next
}
// The process's peak resident memory: what it takes to generate, parse and load these sizes.
figures[`peakRss.${labels.join('+')}.mb`] = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(figures)}\n`);
