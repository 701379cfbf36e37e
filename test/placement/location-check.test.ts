// awsvpc on EC2: the task's ENI lives in one of the request's subnets, so only instances in
// those subnets' Availability Zones can host it; the others fail with LOCATION.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { whyNot } from '../../src/placement/why-not.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';

const snapshot = JSON.parse(readFileSync('examples/cluster.json', 'utf8')) as {
  subnets: Record<string, string>;
  clusters: {
    containerInstances: {
      containerInstanceArn: string;
      attributes?: { name: string; value?: string }[];
    }[];
  }[];
};
const zoneOf = new Map(
  snapshot.clusters[0]!.containerInstances.map((i) => [
    i.containerInstanceArn,
    i.attributes?.find((a) => a.name === 'ecs.availability-zone')?.value,
  ]),
);
const subnetIn = (zone: string) => Object.entries(snapshot.subnets).find(([, z]) => z === zone)![0];

const awsvpcRun = (subnets: string[], count = 2) => ({
  taskDefinition: 'api',
  launchType: 'EC2' as const,
  count,
  networkConfiguration: { awsvpcConfiguration: { subnets } },
});

describe('LOCATION', () => {
  it('places awsvpc tasks only in the zones of the request subnets', () => {
    const plan = Cluster.fromSnapshot(snapshot).planRunTask(awsvpcRun([subnetIn('us-east-1a')]), {
      seed: 'loc',
    });
    expect(plan.tasks.length).toBeGreaterThan(0);
    for (const task of plan.tasks)
      expect(zoneOf.get(task.containerInstanceArn!)).toBe('us-east-1a');
    const elsewhere = [...zoneOf].find(([, zone]) => zone === 'us-east-1b')![0];
    const reasons = whyNot(plan, elsewhere)?.map((f) => f.check);
    expect(reasons).toContain('LOCATION');
  });

  it('reports LOCATION as the reason when no instance is in the subnets zones', () => {
    const lonely = structuredClone(snapshot);
    lonely.subnets['subnet-elsewhere'] = 'us-east-1z';
    const { tasks, failures } = Cluster.fromSnapshot(lonely).runTask(
      awsvpcRun(['subnet-elsewhere'], 1),
      { seed: 'loc' },
    );
    expect(tasks).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.some((f) => f.reason === 'LOCATION')).toBe(true);
  });

  it('does not check the zone when the snapshot does not map a subnet', () => {
    const { tasks } = Cluster.fromSnapshot(snapshot).runTask(awsvpcRun(['subnet-unknown'], 2), {
      seed: 'loc',
    });
    expect(tasks).toHaveLength(2);
  });

  it('an instance without a zone, or with the zone attribute but no value, is in none of them', () => {
    const api = taskDefinition('api', [{ name: 'app', image: 'x', cpu: 128, memory: 128 }], {
      networkMode: 'awsvpc',
    });
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: [
          containerInstance({ id: 'none' }),
          containerInstance({ id: 'blank', attributes: { 'ecs.availability-zone': null } }),
          containerInstance({
            id: 'a',
            memory: 64,
            attributes: { 'ecs.availability-zone': 'us-east-1a' },
          }),
        ],
        taskDefinitions: [api],
        subnets: { 'subnet-a': 'us-east-1a' },
      }),
    );
    const { tasks, failures } = cluster.runTask(
      {
        taskDefinition: 'api',
        launchType: 'EC2',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
      },
      { seed: 'loc' },
    );
    expect(tasks).toEqual([]);
    expect(failures.map((f) => [f.arn?.split('/').pop(), f.reason])).toEqual([
      ['none', 'LOCATION'],
      ['blank', 'LOCATION'],
      ['a', 'RESOURCE:MEMORY'],
    ]);
  });

  it('a later call with other subnets checks the zones again (nothing kept from the earlier call)', () => {
    const api = taskDefinition('api', [{ name: 'app', image: 'x', cpu: 128, memory: 128 }], {
      networkMode: 'awsvpc',
    });
    const cluster = Cluster.fromSnapshot(
      snapshotOf({
        instances: ['a', 'b'].map((id) =>
          containerInstance({ id, attributes: { 'ecs.availability-zone': `us-east-1${id}` } }),
        ),
        taskDefinitions: [api],
        subnets: { 'subnet-a': 'us-east-1a', 'subnet-b': 'us-east-1b' },
      }),
    );
    const run = (subnet: string) =>
      cluster.runTask(
        {
          taskDefinition: 'api',
          launchType: 'EC2',
          networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } },
        },
        { seed: 'loc' },
      );
    expect(run('subnet-a').tasks.map((t) => t.containerInstanceArn?.split('/').pop())).toEqual([
      'a',
    ]);
    const second = run('subnet-b');
    expect(second.failures).toEqual([]);
    expect(second.tasks.map((t) => t.containerInstanceArn?.split('/').pop())).toEqual(['b']);
  });
});
