import { describe, expect, it } from 'vitest';
import { Cluster, DRAIN_DEFAULT_STRATEGY, InvalidParameterException } from '../../src/index.js';
import { runningTask } from '../../src/testing/builders.js';
import { smallCluster } from './fixtures.js';

/** smallCluster plus two `half` tasks on a (us-east-1a) and one on b (us-east-1b). */
function withTasks() {
  const snapshot = smallCluster();
  snapshot.clusters[0]!.tasks = [
    runningTask('t1', 'a', 'family:half'),
    runningTask('t2', 'a', 'family:half'),
    runningTask('t3', 'b', 'service:api'),
  ];
  return snapshot;
}

describe('cluster.drain', () => {
  it('sets DRAINING and starts its tasks elsewhere, with their group', () => {
    const cluster = Cluster.fromSnapshot(withTasks());
    const outcome = cluster.drain({ containerInstance: 'i-a', now: 0 });
    expect(outcome.ec2InstanceId).toBe('i-a');
    expect(outcome.strategy).toEqual(DRAIN_DEFAULT_STRATEGY);
    expect([outcome.replaced, outcome.failed]).toEqual([2, 0]);
    // The instances' figures are their remaining resources, so b (1024 MiB free) and c
    // (2048) both have room: spread by zone sends both to us-east-1b (the only other zone
    // with an ACTIVE instance), spread by instance one to each.
    expect(outcome.moves.map((m) => [m.group, m.to?.slice(-1), m.availabilityZone])).toEqual([
      ['family:half', expect.any(String), 'us-east-1b'],
      ['family:half', expect.any(String), 'us-east-1b'],
    ]);
    expect(new Set(outcome.moves.map((m) => m.to)).size).toBe(2);
    expect(outcome.before.perAvailabilityZone).toEqual({ 'us-east-1a': 2, 'us-east-1b': 1 });
    expect(outcome.after.perAvailabilityZone).toEqual({ 'us-east-1a': 0, 'us-east-1b': 3 });
    expect(outcome.after.perInstance.map((i) => [i.ec2InstanceId, i.status, i.tasks])).toEqual([
      ['i-a', 'DRAINING', 0],
      ['i-b', 'ACTIVE', 2],
      ['i-c', 'ACTIVE', 1],
      ['i-d', 'DRAINING', 0],
    ]);
    // Recorded: the old tasks are stopped, the instance is DRAINING, the new tasks run.
    const saved = cluster.toSnapshot().clusters[0]!;
    expect(saved.containerInstances[0]!.status).toBe('DRAINING');
    expect(
      saved.tasks!.filter((t) => t.desiredStatus === 'STOPPED').map((t) => t.taskArn.slice(-2)),
    ).toEqual(['t1', 't2']);
    expect(
      saved.tasks!.filter((t) => t.group === 'family:half' && t.desiredStatus === 'RUNNING'),
    ).toHaveLength(2);
  });

  it('uses the strategies given', () => {
    const cluster = Cluster.fromSnapshot(withTasks());
    const outcome = cluster.drain({
      containerInstance: 'i-a',
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
      now: 0,
    });
    // binpack on memory: b has 1024 MiB, the least that fits, then c (b is full).
    expect(outcome.moves.map((m) => m.to?.slice(-1))).toEqual(['b', 'c']);
  });

  it('a task no instance can take stays, and is reported', () => {
    const snapshot = withTasks();
    snapshot.clusters[0]!.tasks!.push(runningTask('t4', 'a', 'family:huge'));
    const outcome = Cluster.fromSnapshot(snapshot).drain({ containerInstance: 'i-a', now: 0 });
    expect([outcome.replaced, outcome.failed]).toEqual([2, 1]);
    expect(outcome.moves[2]).toEqual({
      taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/t4',
      group: 'family:huge',
      failure: 'RESOURCE:MEMORY',
    });
    expect(outcome.after.perInstance[0]!.tasks).toBe(1);
  });

  it('refuses an unknown or already DRAINING instance, changing nothing', () => {
    const cluster = Cluster.fromSnapshot(withTasks());
    expect(() => cluster.drain({ containerInstance: 'i-zz' })).toThrow(
      new InvalidParameterException(
        'Container instance i-zz not found in the cluster (give its ARN, id or EC2 instance id).',
      ),
    );
    expect(() => cluster.drain({ containerInstance: 'i-d' })).toThrow(
      'Container instance i-d is DRAINING: only an ACTIVE instance can be drained.',
    );
    expect(cluster.instanceUsage().map((u) => u.status)).toEqual([
      'ACTIVE',
      'ACTIVE',
      'ACTIVE',
      'DRAINING',
    ]);
  });
});
