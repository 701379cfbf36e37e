import { describe, expect, test } from 'vitest';
import type { PlacementStrategy } from '../../src/kernel/ecs-types.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { runEngine } from './engine-harness.js';

const definition = taskDefinition('web', [{ name: 'a', cpu: 1, memory: 1 }]);
const snapshot = snapshotOf({
  instances: [containerInstance({ id: 'a' }), containerInstance({ id: 'b' })],
  taskDefinitions: [definition],
});
const rules = (n: number): PlacementStrategy[] =>
  Array.from({ length: n }, (_, k) => ({ type: 'binpack', field: k % 2 ? 'cpu' : 'memory' }));

describe('rule columns', () => {
  test('five rules (the ECS limit) rank; a sixth is refused instead of being ignored', () => {
    expect(runEngine(snapshot, { definition, strategies: rules(5) }).tasks).toHaveLength(1);
    expect(() => runEngine(snapshot, { definition, strategies: rules(6) })).toThrow(
      'A placement call can rank by at most 5 strategy rules; it was given 6.',
    );
  });
});
