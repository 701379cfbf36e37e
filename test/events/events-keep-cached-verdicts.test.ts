// After a burst of ECS events, the next RunTask evaluates again only the instances whose
// placement state the events changed (docs/embedding.md, "Costs"): a task going from PENDING
// to RUNNING, a duplicate or a stale event leave every cached verdict in place. A counting
// check (test/support/counting-check.ts) sees each evaluation of the memoised checks.
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import {
  containerInstance,
  runningTask,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';
import { instanceEvent, taskEvent } from './event-builders.js';
import { evaluatedByNextCall, useCountingCheck } from '../support/counting-check.js';

const web = taskDefinition('web', [{ name: 'app', cpu: 10, memory: 10 }]);
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const instances = ids.map((id) => ({ ...containerInstance({ id, cpu: 4096 }), version: 1 }));
const task = { ...runningTask('t1', 'c', 'family:web'), version: 1 };

function loaded(): Cluster {
  return Cluster.fromSnapshot(snapshotOf({ instances, tasks: [task], taskDefinitions: [web] }));
}

describe('events and the cached placement verdicts', () => {
  test('only the instances an event changed are evaluated again', () => {
    useCountingCheck();
    const cluster = loaded();
    expect(evaluatedByNextCall(cluster)).toEqual(ids); // the first call of its kind
    expect(evaluatedByNextCall(cluster)).toEqual([]);

    const bLess = { ...containerInstance({ id: 'b', cpu: 2048 }), version: 2 };
    const eLess = { ...containerInstance({ id: 'e', cpu: 1024 }), version: 2 };
    const results = [
      cluster.apply(instanceEvent(bLess, 2)),
      cluster.apply(instanceEvent(eLess, 2)),
      cluster.apply(taskEvent({ ...task, lastStatus: 'PENDING' }, 2)),
      cluster.apply(taskEvent({ ...task, lastStatus: 'RUNNING' }, 3)),
    ].map((r) => r.result);
    expect(results).toEqual(['applied', 'applied', 'applied', 'applied']);
    // b and e moved; c's task changed lastStatus only, which placement does not read.
    expect(evaluatedByNextCall(cluster)).toEqual(['b', 'e']);

    expect(cluster.apply(instanceEvent(bLess, 2))).toMatchObject({ reason: 'duplicate' });
    expect(cluster.apply(instanceEvent(eLess, 1))).toMatchObject({ reason: 'stale' });
    expect(evaluatedByNextCall(cluster)).toEqual([]);
  });
});

describe('many changed instances at once', () => {
  // Past a handful, the changed instances are decided together, check by check over the
  // model's columns: the same verdicts as one by one, only for the instances that changed.
  const many = Array.from({ length: 40 }, (_, n) => ({
    ...containerInstance({
      id: `i${n}`,
      cpu: 1024,
      memory: 1024,
      attributes: { zone: n % 2 === 0 ? 'a' : 'b' },
    }),
    version: 1,
  }));
  const request = {
    taskDefinition: 'web',
    count: 5,
    placementConstraints: [{ type: 'memberOf' as const, expression: 'attribute:zone == a' }],
    placementStrategy: [{ type: 'binpack' as const, field: 'cpu' }],
  };
  const place = (cluster: Cluster) =>
    cluster.whatIf((c) => c.runTask(request, { seed: 's', now: 0 }));

  test('a burst changing 20 instances: those 20 evaluated again, the plan a fresh load makes', () => {
    const cluster = Cluster.fromSnapshot(snapshotOf({ instances: many, taskDefinitions: [web] }));
    place(cluster); // the first call of its kind
    useCountingCheck();
    evaluatedByNextCall(cluster); // the counting check's own first call
    // 20 instances lose most of their CPU (some no longer fit), two of them change zone.
    const changed = many.slice(5, 25).map((instance, k) => ({
      ...containerInstance({
        id: instance.containerInstanceArn.split('/').pop()!,
        cpu: k % 3 === 0 ? 5 : 600,
        memory: 1024,
        attributes: { zone: k < 2 ? 'c' : k % 2 === 0 ? 'b' : 'a' },
      }),
      version: 2,
    }));
    for (const instance of changed) {
      expect(cluster.apply(instanceEvent(instance, 2)).result).toBe('applied');
    }
    // The counting check comes after CPU: the 7 changed instances left with 5 CPU units
    // fail CPU first and never reach it; the other 13 changed ones do, and nobody else.
    const reachingIt = changed.filter((_, k) => k % 3 !== 0);
    expect(reachingIt).toHaveLength(13);
    expect(evaluatedByNextCall(cluster)).toEqual(
      reachingIt.map((i) => i.containerInstanceArn.split('/').pop()!).sort(),
    );
    const fresh = Cluster.fromSnapshot(cluster.toSnapshot());
    expect(place(cluster)).toEqual(place(fresh));
  });
});

describe('stale and duplicate events are dropped before their detail is read', () => {
  test('a duplicate with a detail that would not pass the checks is ignored, not rejected', () => {
    const cluster = loaded();
    const before = cluster.toSnapshot();
    const event = instanceEvent(instances[0]!, 1);
    (event.detail as { remainingResources: unknown }).remainingResources = 'not a list';
    expect(cluster.apply(event)).toMatchObject({
      result: 'ignored',
      reason: 'duplicate',
      arn: instances[0]!.containerInstanceArn,
      version: 1,
      currentVersion: 1,
    });
    expect(cluster.toSnapshot()).toEqual(before);
  });

  test('the same detail in a newer event is checked, and rejected', () => {
    const cluster = loaded();
    const event = instanceEvent(instances[0]!, 2);
    (event.detail as { remainingResources: unknown }).remainingResources = 'not a list';
    expect(cluster.apply(event)).toMatchObject({
      result: 'rejected',
      reason: 'malformed',
      path: '$.detail.remainingResources',
    });
  });

  test('an event whose ARN is not text is checked like any other, and rejected', () => {
    const cluster = loaded();
    const event = instanceEvent(instances[0]!, 1);
    (event.detail as { containerInstanceArn: unknown }).containerInstanceArn = 42;
    expect(cluster.apply(event)).toMatchObject({
      result: 'rejected',
      reason: 'malformed',
      path: '$.detail.containerInstanceArn',
    });
  });
});
