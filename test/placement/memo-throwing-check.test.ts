// A check that throws in the middle of bringing the feasibility memo up to date (a check a
// user registered, say) must not leave entries marked current with the verdict they had
// before the change: the next call computes them again and plans as a fresh load does.
import { afterEach, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { defineCheck } from '../../src/placement/checks/placement-check.js';
import { registerCheck } from '../../src/placement/checks/registry.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';

let failOn: string | undefined;
const throwingCheck = defineCheck({
  name: 'THROWS_ON_DEMAND',
  reason: 'THROWS_ON_DEMAND',
  order: 5, // first in the chain: nothing else decides an instance before it throws
  memoKey: () => 'throws-on-demand',
  passes: (instance) => {
    if (instance.id === failOn) throw new Error(`check failed on ${instance.id}`);
    return true;
  },
  explain: () => ({ detail: 'never refuses' }),
});

let unregister: (() => void) | undefined;
afterEach(() => {
  unregister?.();
  failOn = undefined;
});

const web = taskDefinition('web', [{ name: 'app', cpu: 100, memory: 100 }]);
const request = {
  taskDefinition: 'web',
  count: 3,
  placementConstraints: [{ type: 'memberOf' as const, expression: 'attribute:stay == yes' }],
  placementStrategy: [{ type: 'binpack' as const, field: 'cpu' }],
};

describe.each([
  ['a few changed instances (one by one)', 4],
  ['many changed instances (check by check)', 24],
])('a check throwing while the memo catches up: %s', (_, changed) => {
  test('the entries it did not finish are computed again by the next call', () => {
    unregister = registerCheck(throwingCheck);
    const ids = Array.from({ length: 30 }, (_, n) => `i${String(n).padStart(2, '0')}`);
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: ids.map((id) =>
          containerInstance({ id, cpu: 1000, memory: 1000, attributes: { stay: 'yes' } }),
        ),
        taskDefinitions: [web],
      }),
    );
    const place = (c: Cluster) => c.whatIf((w) => w.runTask(request, { seed: 's', now: 0 }));
    place(cluster); // every verdict memoised
    // The changed instances, in the order of the model's change log: the first keeps
    // passing memberOf (and will throw), the others stop passing it.
    cluster.putAttribute(ids[0]!, 'other', 'yes');
    for (const id of ids.slice(1, changed)) cluster.putAttribute(id, 'stay', 'no');
    failOn = ids[0];
    expect(() => place(cluster)).toThrow(`check failed on ${ids[0]}`);
    failOn = undefined;
    expect(place(cluster)).toEqual(place(Cluster.fromSnapshot(cluster.toSnapshot())));
  });
});
