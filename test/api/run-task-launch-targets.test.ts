// The facade end to end over the bundled example: capacity-provider shares, Fargate, and the
// checks that must happen before the split.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import { renderExplainReport } from '../../src/cli/explain-report.js';

const snapshot: unknown = JSON.parse(readFileSync('examples/cluster.json', 'utf8'));
const request = (name: string): RunTaskInput =>
  JSON.parse(readFileSync(`examples/requests/${name}.json`, 'utf8')) as RunTaskInput;

describe('RunTask over launch targets', () => {
  it('splits a mixed on-demand/spot strategy by base and weight and places each share on its own provider', () => {
    const cluster = Cluster.fromSnapshot(snapshot);
    const { tasks, failures } = cluster.runTask(request('mixed-capacity'), { seed: 's1' });
    expect(failures).toEqual([]);
    const byProvider = new Map<string, number>();
    for (const t of tasks) {
      byProvider.set(t.capacityProviderName!, (byProvider.get(t.capacityProviderName!) ?? 0) + 1);
    }
    // base 1 on ondemand, then 4 tasks at 1:3 -> ondemand 1 + 1, spot 3.
    expect(Object.fromEntries(byProvider)).toEqual({ ondemand: 2, spot: 3 });
    const instancesOf = (provider: string) =>
      (
        snapshot as {
          clusters: {
            containerInstances: { containerInstanceArn: string; capacityProviderName?: string }[];
          }[];
        }
      ).clusters[0]!.containerInstances.filter((i) => i.capacityProviderName === provider).map(
        (i) => i.containerInstanceArn,
      );
    for (const t of tasks) {
      expect(instancesOf(t.capacityProviderName!)).toContain(t.containerInstanceArn);
    }
  });

  it('runs a Fargate request with no container instance and an Availability Zone per subnet', () => {
    const cluster = Cluster.fromSnapshot(snapshot);
    const { tasks, failures } = cluster.runTask(request('fargate-api'), { seed: 's1' });
    expect(failures).toEqual([]);
    expect(tasks).toHaveLength(2);
    for (const t of tasks) {
      expect(t.launchType).toBe('FARGATE');
      expect(t.containerInstanceArn).toBeUndefined();
      expect(t.attachments?.[0]?.type).toBe('ElasticNetworkInterface');
    }
    // two tasks over three subnets in three zones: two different zones.
    expect(new Set(tasks.map((t) => t.availabilityZone)).size).toBe(2);
  });

  it('refuses count 0 before splitting it (an empty split would otherwise answer with no tasks)', () => {
    const cluster = Cluster.fromSnapshot(snapshot);
    expect(() => cluster.runTask({ ...request('mixed-capacity'), count: 0 })).toThrowError(
      expect.objectContaining({
        name: 'InvalidParameterException',
        message: expect.stringContaining('count'),
      }),
    );
  });

  it('refuses a launch type together with a capacity-provider strategy', () => {
    const cluster = Cluster.fromSnapshot(snapshot);
    expect(() => cluster.runTask({ ...request('mixed-capacity'), launchType: 'EC2' })).toThrowError(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  });

  it('plans exactly what it then runs, for a Fargate request too', () => {
    const cluster = Cluster.fromSnapshot(snapshot);
    const plan = cluster.planRunTask(request('fargate-api'), { seed: 'p', now: 0 });
    const run = cluster.runTask(request('fargate-api'), { seed: 'p', now: 0 });
    expect(run.tasks).toEqual(plan.tasks);
  });

  it('a provider with no ACTIVE instance fails its share as a whole, without spilling over', () => {
    const drained = JSON.parse(JSON.stringify(snapshot)) as {
      clusters: { containerInstances: { capacityProviderName?: string; status: string }[] }[];
      capacityProviders: { name: string; autoScalingGroupProvider?: { managedScaling?: object } }[];
    };
    for (const i of drained.clusters[0]!.containerInstances) {
      if (i.capacityProviderName === 'spot') i.status = 'DRAINING';
    }
    // Without managed scaling nothing will come to take the share.
    for (const p of drained.capacityProviders) delete p.autoScalingGroupProvider?.managedScaling;
    const { tasks, failures } = Cluster.fromSnapshot(drained).runTask(request('mixed-capacity'), {
      seed: 's1',
    });
    expect(tasks.map((t) => t.capacityProviderName)).toEqual(['ondemand', 'ondemand']);
    expect(failures).toEqual([
      {
        arn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/spot',
        reason: 'NO ACTIVE INSTANCES',
        detail:
          'Capacity provider spot has no ACTIVE container instances in cluster default for 3 task(s).',
      },
    ]);
  });

  it('with managed scaling, the share of a provider with no ACTIVE instance waits in PROVISIONING', () => {
    const drained = JSON.parse(JSON.stringify(snapshot)) as {
      clusters: { containerInstances: { capacityProviderName?: string; status: string }[] }[];
    };
    for (const i of drained.clusters[0]!.containerInstances) {
      if (i.capacityProviderName === 'spot') i.status = 'DRAINING';
    }
    const { tasks, failures } = Cluster.fromSnapshot(drained).runTask(request('mixed-capacity'), {
      seed: 's1',
    });
    expect(failures).toEqual([]);
    expect(tasks.map((t) => [t.capacityProviderName, t.lastStatus])).toEqual([
      ['ondemand', 'PENDING'],
      ['ondemand', 'PENDING'],
      ['spot', 'PROVISIONING'],
      ['spot', 'PROVISIONING'],
      ['spot', 'PROVISIONING'],
    ]);
    expect(tasks.slice(2).every((t) => t.containerInstanceArn === undefined)).toBe(true);
  });

  it('numbers the explanation tasks across shares, also after a share that placed nothing', () => {
    const spotIds = (
      snapshot as {
        clusters: {
          containerInstances: { ec2InstanceId: string; capacityProviderName?: string }[];
        }[];
      }
    ).clusters[0]!.containerInstances.filter((i) => i.capacityProviderName === 'spot').map(
      (i) => i.ec2InstanceId,
    );
    const plan = Cluster.fromSnapshot(snapshot).planRunTask(
      {
        ...request('mixed-capacity'),
        placementConstraints: [
          { type: 'memberOf', expression: `ec2InstanceId in [${spotIds.join(', ')}]` },
        ],
      },
      { seed: 's1' },
    );
    expect(plan.tasks.map((t) => t.capacityProviderName)).toEqual(['spot', 'spot', 'spot']);
    // ondemand's share (tasks 1-2) stops at its first task; spot's share is tasks 3-5.
    expect(plan.explanation.tasks.map((t) => [t.taskIndex, t.capacityProvider])).toEqual([
      [0, 'ondemand'],
      [2, 'spot'],
      [3, 'spot'],
      [4, 'spot'],
    ]);
  });

  it('explains Fargate tasks too: one trace per task with its subnet and zone', () => {
    const plan = Cluster.fromSnapshot(snapshot).planRunTask(request('fargate-api'), { seed: 'p' });
    expect(plan.explanation.summary).toBe('placed 2/2 tasks');
    expect(plan.explanation.tasks.map((t) => [t.taskIndex, t.fargate?.availabilityZone])).toEqual(
      plan.tasks.map((task, i) => [i, task.availabilityZone]),
    );
    const report = renderExplainReport(plan.explanation, { color: false, count: 2 });
    expect(report).toContain('Placed on Fargate: subnet-');
    expect(report).not.toContain('not tried');
  });
});
