// The placement engine's buffers and memo belong to each cluster model, and a placement
// started from inside another placement on the same cluster is refused with a clear error.
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { workspaceOf } from '../../src/placement/workspace.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { runEngine } from './engine-harness.js';

const definition = taskDefinition('web', [{ name: 'a', cpu: 1, memory: 1 }]);
const snapshot = () =>
  snapshotOf({
    instances: [containerInstance({ id: 'a' }), containerInstance({ id: 'b' })],
    taskDefinitions: [definition],
  });

describe('placement workspace', () => {
  test('each cluster model has its own, kept between calls', () => {
    const one = new ClusterModel(snapshot().clusters[0]!);
    const two = new ClusterModel(snapshot().clusters[0]!);
    expect(workspaceOf(one)).toBe(workspaceOf(one));
    expect(workspaceOf(one)).not.toBe(workspaceOf(two));
  });

  test('a placement started from inside a placement on the same cluster throws, and the cluster stays usable', () => {
    const model = new ClusterModel(snapshot().clusters[0]!);
    const engine = runEngine(snapshot(), { definition }, model);
    expect(engine.tasks).toHaveLength(1);
    // The harness builds tasks with a callback: place again from inside it.
    expect(() =>
      runEngine(
        snapshot(),
        {
          definition,
          beforeBuildTask: () => {
            runEngine(snapshot(), { definition }, model);
          },
        },
        model,
      ),
    ).toThrow(
      'Placement is not re-entrant: a placement on cluster default started while another one on the same cluster was still running',
    );
    expect(runEngine(snapshot(), { definition }, model).tasks).toHaveLength(1);
  });

  test('a placement on another cluster from inside a placement is fine', () => {
    const model = new ClusterModel(snapshot().clusters[0]!);
    const other = new ClusterModel(snapshot().clusters[0]!);
    let inner = 0;
    const outcome = runEngine(
      snapshot(),
      {
        definition,
        beforeBuildTask: () => {
          inner = runEngine(snapshot(), { definition }, other).tasks.length;
        },
      },
      model,
    );
    expect(inner).toBe(1);
    expect(outcome.tasks).toHaveLength(1);
  });

  test('calls that follow each other never overlap: runTask inside a whatIf scenario', () => {
    const cluster = Cluster.fromSnapshot(snapshot());
    const placed = cluster.whatIf((c) => [
      c.runTask({ taskDefinition: 'web' }, { seed: 's' }).tasks.length,
      c.planRunTask({ taskDefinition: 'web', count: 2 }, { seed: 's' }).tasks.length,
      c.whatIf((inner) => inner.runTask({ taskDefinition: 'web' }).tasks.length),
    ]);
    expect(placed).toEqual([1, 2, 1]);
  });
});
