// Equal attributes of a loaded cluster's instances share one copy inside the cluster; what
// validateSnapshot returns and what the cluster hands out never share (or freeze) anything.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { validateSnapshot, validateSnapshotToKeep } from '../../src/cluster/validate-snapshot.js';
import { snapshotJson } from './snapshot-fixture.js';

const firstAttribute = (snapshot: { clusters: { containerInstances: unknown[] }[] }, i: number) =>
  (snapshot.clusters[0]!.containerInstances[i] as { attributes: { value?: string }[] })
    .attributes[0]!;

describe('attribute copies', () => {
  it('validateSnapshot gives every instance its own attribute objects, free to change', () => {
    const snapshot = validateSnapshot(snapshotJson());
    const first = firstAttribute(snapshot, 0);
    expect(first).not.toBe(firstAttribute(snapshot, 1));
    first.value = 'us-east-1z';
    expect(firstAttribute(snapshot, 1).value).toBe('us-east-1a');
  });

  it('the copy a Cluster keeps shares one frozen copy of an attribute repeated on instances', () => {
    const json = snapshotJson();
    const kept = validateSnapshotToKeep(json);
    expect(firstAttribute(kept, 0)).toBe(firstAttribute(kept, 1));
    expect(Object.isFrozen(firstAttribute(kept, 0))).toBe(true);
    // ... and never the caller's object.
    expect(firstAttribute(kept, 0)).not.toBe(firstAttribute(json as never, 0));
  });

  it('one instance changed leaves the instances it shared attributes with as they were', () => {
    const cluster = Cluster.fromSnapshot(snapshotJson());
    const arn = 'arn:aws:ecs:us-east-1:123456789012:container-instance/default/a1';
    cluster.putAttribute(arn, 'ecs.availability-zone', 'us-east-1b');
    const out = cluster.toSnapshot();
    expect(firstAttribute(out, 0)).toEqual({ name: 'ecs.availability-zone', value: 'us-east-1b' });
    expect(firstAttribute(out, 1)).toEqual({ name: 'ecs.availability-zone', value: 'us-east-1a' });
    // What toSnapshot hands out is the caller's to change.
    expect(Object.isFrozen(firstAttribute(out, 1))).toBe(false);
    expect(firstAttribute(out, 1)).not.toBe(firstAttribute(out, 2));
  });
});
