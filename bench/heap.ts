/**
 * Load time and heap of generated snapshots (500, 5,000 and 50,000 instances), each in this
 * fresh process (run by bench/run.ts with --expose-gc). Prints one JSON object of figures.
 * The heap figure is what the loaded cluster keeps (its snapshot objects and the model),
 * after one RunTask so the lazily built model is included; the JSON text is not counted.
 */
import { Cluster } from '../src/api/cluster.js';
import { generateCluster } from './generate-cluster.js';
import { referenceRequest } from './placement-cases.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heapMb(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const figures: Record<string, number> = {};
const keep: Cluster[] = [];
for (const [label, instances] of [
  ['500', 500],
  ['5k', 5_000],
  ['50k', 50_000],
] as const) {
  const before = heapMb();
  let text: string | undefined = JSON.stringify(generateCluster({ instances, seed: 'heap' }));
  figures[`snapshot.${label}.json.mb`] = text.length / 2 ** 20;
  const started = performance.now();
  const cluster = Cluster.fromSnapshot(JSON.parse(text));
  cluster.runTask(referenceRequest(), { seed: 'heap' });
  figures[`load.${label}.ms`] = performance.now() - started;
  text = undefined;
  figures[`heap.${label}.mb`] = heapMb() - before;
  keep.push(cluster); // alive until every figure is taken, so no collection skews the next
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
