// The feasibility memo follows each instance into a new candidate list: when an instance is
// drained or reactivated, the next call of the same kind evaluates only that instance again,
// not every candidate. A counting check
// (test/support/counting-check.ts) sees each evaluation of the memoised checks.
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { evaluated, evaluatedByNextCall, useCountingCheck } from '../support/counting-check.js';

/** Five instances a to e, and the task definition `web` that fits on each. */
function fiveInstances(): Cluster {
  return Cluster.fromSnapshot(
    snapshotOf({
      instances: ['a', 'b', 'c', 'd', 'e'].map((id) => containerInstance({ id })),
      taskDefinitions: [taskDefinition('web', [{ name: 'app', cpu: 10, memory: 10 }])],
    }),
  );
}

describe('the feasibility memo across candidate lists', () => {
  test('draining and reactivating an instance re-evaluates that instance only', () => {
    useCountingCheck();
    const cluster = fiveInstances();
    const place = () => evaluatedByNextCall(cluster);
    expect(place()).toEqual(['a', 'b', 'c', 'd', 'e']); // the first call of its kind
    expect(place()).toEqual([]); // a repeat: every verdict memoised
    cluster.updateContainerInstancesState({ containerInstances: ['c'], status: 'DRAINING' });
    expect(place()).toEqual([]); // a new candidate list, no instance in it changed
    cluster.updateContainerInstancesState({ containerInstances: ['c'], status: 'ACTIVE' });
    expect(place()).toEqual(['c']); // c's version moved: c alone is evaluated again
  });

  test('a StartTask between two RunTasks of the same kind leaves the RunTask memo in place', () => {
    useCountingCheck();
    const cluster = fiveInstances();
    expect(evaluatedByNextCall(cluster)).toEqual(['a', 'b', 'c', 'd', 'e']);
    evaluated.length = 0;
    // The counting check refuses every instance: StartTask evaluates its one instance, and
    // changes nothing.
    const started = cluster.startTask({ taskDefinition: 'web', containerInstances: ['c'] });
    expect(started.failures).toEqual([expect.objectContaining({ reason: 'COUNTING' })]);
    expect(evaluated).toEqual(['c']);
    expect(evaluatedByNextCall(cluster)).toEqual([]); // every RunTask verdict still memoised
  });
});
