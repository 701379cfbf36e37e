import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cluster, InvalidParameterException } from '../../src/index.js';
import { smallCluster } from './fixtures.js';

describe('cluster.headroom', () => {
  it('counts the tasks that fit, per capacity provider and zone, and what stops each instance', () => {
    const cluster = Cluster.fromSnapshot(smallCluster());
    const result = cluster.headroom({ taskDefinition: 'half', launchType: 'EC2' });
    expect(result.total).toBe(7);
    expect(result.perAvailabilityZone).toEqual({ 'us-east-1a': 4, 'us-east-1b': 3 });
    expect(result.perCapacityProvider).toEqual({ 'on-demand': 5, spot: 2 });
    expect(result.stoppedBy).toBe('no-instance-fits');
    expect(result.binding).toEqual([
      { check: 'RESOURCE:MEMORY', instances: 2 },
      { check: 'RESOURCE:CPU', instances: 1 },
    ]);
    expect(result.reason).toBe(
      'no instance fits another task: RESOURCE:MEMORY on 2 instances, RESOURCE:CPU on 1 instance',
    );
    expect(result.instances).toBeUndefined();
  });

  it('places in calls of the request count (10 without one), and the answer does not depend on it', () => {
    const cluster = Cluster.fromSnapshot(smallCluster());
    const byTen = cluster.headroom({ taskDefinition: 'half', launchType: 'EC2' });
    expect([byTen.calls, byTen.tasksPerCall]).toEqual([1, 10]);
    const byOne = cluster.headroom({ taskDefinition: 'half', launchType: 'EC2', count: 1 });
    expect([byOne.total, byOne.calls, byOne.tasksPerCall]).toEqual([7, 8, 1]);
  });

  it('changes nothing', () => {
    const cluster = Cluster.fromSnapshot(smallCluster());
    const before = cluster.instanceUsage();
    cluster.headroom({ taskDefinition: 'half', launchType: 'EC2' });
    expect(cluster.instanceUsage()).toEqual(before);
    expect(cluster.toSnapshot().clusters[0]!.tasks).toEqual([]);
  });

  it('with explain, lists every instance with its tasks and what rejects it', () => {
    const cluster = Cluster.fromSnapshot(smallCluster());
    const { instances } = cluster.headroom(
      { taskDefinition: 'half', launchType: 'EC2' },
      { explain: true },
    );
    expect(
      instances!.map((i) => [i.ec2InstanceId, i.placed, i.rejectedBy?.check, i.remainingMemory]),
    ).toEqual([
      ['i-a', 4, 'RESOURCE:CPU', 0],
      ['i-b', 1, 'RESOURCE:MEMORY', 0],
      ['i-c', 2, 'RESOURCE:MEMORY', 0],
      ['i-d', 0, undefined, 8192],
    ]);
  });

  it('answers 0 with the reason for a request that can never place', () => {
    const cluster = Cluster.fromSnapshot(smallCluster());
    const result = cluster.headroom({ taskDefinition: 'huge', launchType: 'EC2' });
    expect(result.total).toBe(0);
    expect(result.calls).toBe(1);
    expect(result.binding).toEqual([{ check: 'RESOURCE:MEMORY', instances: 3 }]);
    expect(result.reason).toContain('RESOURCE:MEMORY on 3 instances');
  });

  it('distinctInstance: one task per instance', () => {
    const cluster = Cluster.fromSnapshot(smallCluster());
    const result = cluster.headroom({
      taskDefinition: 'half',
      launchType: 'EC2',
      placementConstraints: [{ type: 'distinctInstance' }],
    });
    expect(result.total).toBe(3);
    // b's one task also takes all its memory, a check made before DistinctInstance.
    expect(result.binding).toEqual([
      { check: 'DistinctInstance', instances: 2 },
      { check: 'RESOURCE:MEMORY', instances: 1 },
    ]);
  });

  it('stops at maxTasks and says so', () => {
    const cluster = Cluster.fromSnapshot(smallCluster());
    const result = cluster.headroom({ taskDefinition: 'half', launchType: 'EC2' }, { maxTasks: 5 });
    expect([result.total, result.stoppedBy, result.binding]).toEqual([5, 'limit', []]);
    expect(() =>
      cluster.headroom({ taskDefinition: 'half', launchType: 'EC2' }, { maxTasks: 0 }),
    ).toThrow(InvalidParameterException);
  });

  it('ignores a clientToken, which would make every later call a replay', () => {
    const cluster = Cluster.fromSnapshot(smallCluster());
    const result = cluster.headroom({
      taskDefinition: 'half',
      launchType: 'EC2',
      clientToken: 'x',
    });
    expect(result.total).toBe(7);
  });

  it('stops at a task managed scaling would wait for, or one on Fargate: capacity the snapshot does not bound', () => {
    const example = JSON.parse(
      readFileSync(new URL('../../examples/cluster.json', import.meta.url), 'utf8'),
    );
    const cluster = Cluster.fromSnapshot(example);
    // The default strategy is the ondemand provider, with managed scaling.
    const scaling = cluster.headroom({ taskDefinition: 'web' });
    expect(scaling.stoppedBy).toBe('not-bounded');
    expect(scaling.reason).toMatch(
      /^a task went to PROVISIONING to wait for managed scaling \(capacity provider ondemand\)/,
    );
    const fargate = cluster.headroom({
      taskDefinition: 'api',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0b22c0ffee0000002'] } },
    });
    expect([fargate.total, fargate.stoppedBy, fargate.calls]).toEqual([0, 'not-bounded', 1]);
    expect(fargate.reason).toMatch(/^a task went to Fargate/);
  });

  it('refuses what RunTask refuses', () => {
    const cluster = Cluster.fromSnapshot(smallCluster());
    expect(() => cluster.headroom({ taskDefinition: 'nope' })).toThrow('TaskDefinition not found.');
  });
});
