import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContainerInstance } from '../../src/kernel/ecs-types.js';
import { validateSnapshot } from '../../src/cluster/validate-snapshot.js';

const json: unknown = JSON.parse(
  readFileSync(new URL('../../examples/cluster.json', import.meta.url), 'utf8'),
);
const snapshot = validateSnapshot(json);
const byName = (name: string) => snapshot.clusters.find((c) => c.clusterName === name)!;
const attribute = (i: ContainerInstance, name: string) =>
  i.attributes?.find((a) => a.name === name)?.value;
const resource = (i: ContainerInstance, name: string) =>
  i.remainingResources?.find((r) => r.name === name);

describe('examples/cluster.json', () => {
  const instances = byName('default').containerInstances;

  it('is a valid snapshot of us-east-1, account 123456789012, clusters default and batch', () => {
    expect(snapshot.region).toBe('us-east-1');
    expect(snapshot.accountId).toBe('123456789012');
    expect(snapshot.clusters.map((c) => c.clusterName)).toEqual(['default', 'batch']);
  });

  it('has 12 EC2 instances over three zones, of varied types, one DRAINING, one disconnected', () => {
    expect(instances).toHaveLength(12);
    expect(new Set(instances.map((i) => attribute(i, 'ecs.availability-zone')))).toEqual(
      new Set(['us-east-1a', 'us-east-1b', 'us-east-1c']),
    );
    expect(new Set(instances.map((i) => attribute(i, 'ecs.instance-type')))).toEqual(
      new Set(['t3.medium', 'm5.large', 'm5.xlarge', 'c5.large', 'g4dn.xlarge']),
    );
    expect(instances.filter((i) => i.status === 'DRAINING')).toHaveLength(1);
    expect(instances.filter((i) => !i.agentConnected)).toHaveLength(1);
  });

  it('describes instances as DescribeContainerInstances does', () => {
    for (const i of instances) {
      for (const list of [i.registeredResources!, i.remainingResources!]) {
        expect(list.map((r) => r.name).slice(0, 4)).toEqual([
          'CPU',
          'MEMORY',
          'PORTS',
          'PORTS_UDP',
        ]);
      }
      expect(i.versionInfo?.agentVersion).toMatch(/^\d+\.\d+\.\d+$/);
      for (const name of ['ecs.os-type', 'ecs.cpu-architecture', 'ecs.ami-id', 'stack', 'team']) {
        expect(attribute(i, name)).toBeDefined();
      }
      expect(
        i.attributes?.some((a) => a.name.includes('capability') && a.value === undefined),
      ).toBe(true);
      expect(['ondemand', 'spot']).toContain(i.capacityProviderName);
    }
  });

  it('has GPU instances with GPU ids, one of them taken by a running task', () => {
    const gpu = instances.filter((i) => attribute(i, 'ecs.instance-type') === 'g4dn.xlarge');
    expect(gpu.map((i) => resource(i, 'GPU')?.stringSetValue?.length)).toEqual([1, 0]);
    const trainer = byName('default').tasks.find((t) => t.group === 'family:gpu-trainer')!;
    expect(trainer.containers?.[0]?.gpuIds).toHaveLength(1);
  });

  it('keeps remaining resources consistent with the running tasks (static port 80 taken)', () => {
    const webHosts = byName('default')
      .tasks.filter((t) => t.group === 'family:web' && t.desiredStatus === 'RUNNING')
      .map((t) => t.containerInstanceArn);
    expect(webHosts).toHaveLength(3);
    for (const i of instances) {
      const taken = resource(i, 'PORTS')!.stringSetValue!.includes('80');
      expect(taken).toBe(webHosts.includes(i.containerInstanceArn));
    }
  });

  it('has the capacity providers and task definitions the requests use', () => {
    const cluster = byName('default');
    expect(cluster.capacityProviders).toEqual(['ondemand', 'spot', 'FARGATE', 'FARGATE_SPOT']);
    expect(cluster.defaultCapacityProviderStrategy).toEqual([
      { capacityProvider: 'ondemand', weight: 1, base: 0 },
    ]);
    const revisions = snapshot.taskDefinitions.map((d) => `${d.family}:${d.revision}:${d.status}`);
    expect(revisions).toEqual([
      'web:1:INACTIVE',
      'web:2:ACTIVE',
      'web:3:ACTIVE',
      'worker:1:ACTIVE',
      'gpu-trainer:1:ACTIVE',
      'api:1:ACTIVE',
      'needs-role:1:ACTIVE',
    ]);
    expect(Object.values(snapshot.subnets!).sort()).toEqual([
      'us-east-1a',
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
  });
});
