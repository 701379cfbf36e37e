/**
 * The engine and the reference model agree on a realistic generated cluster (the bench's
 * generator) under the reference workload, call after call, as tasks accumulate.
 */
import { describe, expect, test } from 'vitest';
import { BENCH_TASK_DEFINITION, generateCluster } from '../../bench/generate-cluster.js';
import { referenceRequest } from '../../bench/placement-cases.js';
import { Cluster } from '../../src/api/cluster.js';
import { ReferenceModel } from './reference-model.js';

describe('reference workload on a generated cluster', () => {
  test('engine and reference model choose the same instances', () => {
    const cluster = Cluster.fromSnapshot(generateCluster({ instances: 300, seed: 'differential' }));
    const model = ReferenceModel.fromSnapshot(cluster.toSnapshot());
    let placed = 0;
    for (let call = 0; call < 12; call++) {
      const request = referenceRequest(call % 3 === 0 ? 'family:bench' : `job-${call}`);
      const seed = `call-${call}`;
      const actual = cluster.runTask(request, { seed });
      const expected = model.runTask({
        definition: BENCH_TASK_DEFINITION,
        count: 10,
        group: request.group!,
        constraints: request.placementConstraints!,
        strategies: request.placementStrategy!,
        seed,
      });
      expect(actual.tasks.map((t) => t.containerInstanceArn)).toEqual(expected.placedOn);
      expect(actual.failures).toEqual(expected.failures);
      model.renameLastTasks(actual.tasks.map((t) => t.taskArn));
      placed += actual.tasks.length;
    }
    expect(placed).toBeGreaterThan(60);
  });
});
