// The load a Cluster does (loadSnapshot: one pass that checks, copies and builds the cluster
// models) against validateSnapshot followed by a model built from its copy, the way models
// were built before: the same models, the same snapshot written out, nothing shared with
// the caller's input.
import { fc, test as property } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../bench/generate-cluster.js';
import { Cluster } from '../../src/api/cluster.js';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { loadSnapshot } from '../../src/cluster/load-snapshot.js';
import { validateSnapshot } from '../../src/cluster/validate-snapshot.js';
import type { ContainerInstance, Snapshot } from '../../src/kernel/ecs-types.js';
import { clusterSnapshotArb, taskDefinitionArb } from '../../src/testing/arbitraries.js';
import { runs } from '../support/runs.js';
import { instanceJson, snapshotJson } from './snapshot-fixture.js';

type Json = Record<string, unknown>;

const instances = (snapshot: { clusters: unknown[] }) =>
  (snapshot.clusters[0] as { containerInstances: Json[] }).containerInstances;
const firstAttribute = (snapshot: { clusters: unknown[] }, i: number) =>
  (instances(snapshot)[i] as { attributes: { value?: string }[] }).attributes[0]!;

/** What placement reads of a model's instances, and the snapshot it writes out. */
function written(model: ClusterModel): string {
  const facts = model.instances.map((i) => ({
    arn: i.arn,
    id: i.id,
    status: i.status,
    cpu: i.cpu,
    memory: i.memory,
    registered: [i.registeredCpu, i.registeredMemory],
    tcp: [...i.tcpTaken],
    udp: [...i.udpTaken],
    gpus: i.freeGpus,
    eni: i.eniTasks,
    groups: [...i.activeGroups],
    view: {
      ec2: i.view.ec2InstanceId,
      agent: [i.view.agentConnected, i.view.agentVersion],
      registeredAt: i.view.registeredAt,
      running: i.view.runningTasksCount,
      taskGroups: [...i.view.taskGroups],
      attributes: [...i.view.attributes],
    },
    byArn: model.instance(i.arn) === i,
    byEc2: i.ec2InstanceId === undefined ? undefined : model.instance(i.ec2InstanceId)?.arn,
  }));
  return JSON.stringify({ facts, snapshot: model.toClusterSnapshot() });
}

/** Each cluster written out by a model built from validateSnapshot's copy, and by the load. */
function bothWays(json: unknown): { built: string; loaded: string } {
  const validated = validateSnapshot(json);
  const { models } = loadSnapshot(json);
  const write = (model: ClusterModel | undefined) => written(model!);
  return {
    built: validated.clusters.map((c) => write(new ClusterModel(c))).join('\n'),
    loaded: validated.clusters.map((c) => write(models.get(c.clusterName))).join('\n'),
  };
}

describe('loadSnapshot', () => {
  it('validateSnapshot gives every instance its own attribute objects, free to change', () => {
    const snapshot = validateSnapshot(snapshotJson());
    const first = firstAttribute(snapshot, 0);
    expect(first).not.toBe(firstAttribute(snapshot, 1));
    first.value = 'us-east-1z';
    expect(firstAttribute(snapshot, 1).value).toBe('us-east-1a');
  });

  it("keeps an instance's attributes once, in its model, and writes them back in their place", () => {
    const json = snapshotJson();
    const { snapshot, models } = loadSnapshot(json);
    const kept = instances(snapshot)[0]!;
    // The member stays where it was, without a list of its own.
    expect(Object.keys(kept)).toEqual(Object.keys(instanceJson('a1')));
    expect(kept['attributes']).toBeUndefined();
    const model = models.get('default')!;
    expect([...model.instances[0]!.view.attributes]).toEqual([
      ['ecs.availability-zone', 'us-east-1a'],
      ['com.amazonaws.ecs.capability.privileged-container', null],
    ]);
    const written = model.toClusterSnapshot().containerInstances[0]!;
    expect(Object.keys(written)).toEqual([...Object.keys(instanceJson('a1')), 'runningTasksCount']);
    expect(written.attributes).toEqual([
      { name: 'ecs.availability-zone', value: 'us-east-1a' },
      { name: 'com.amazonaws.ecs.capability.privileged-container' },
    ]);
  });

  it('builds the models a model built from the checked copy would be', () => {
    const { built, loaded } = bothWays(snapshotJson());
    expect(loaded).toBe(built);
    const generated = bothWays(JSON.parse(JSON.stringify(generateCluster({ instances: 200 }))));
    expect(generated.loaded).toBe(generated.built);
  });

  property.prop(
    [
      taskDefinitionArb('web').chain((web) => clusterSnapshotArb([web], { maxInstances: 6 })),
      fc.boolean(),
    ],
    { numRuns: runs(60) },
  )('builds the same models for any generated cluster', (generated: Snapshot, epoch) => {
    const snapshot = structuredClone(generated);
    // Timestamps in either written form.
    snapshot.clusters[0]!.containerInstances.forEach((instance: ContainerInstance, i) => {
      instance.registeredAt = epoch
        ? 1_700_000_000.2505 + i
        : `2024-05-0${1 + (i % 9)}T10:00:00+02:00`;
    });
    const { built, loaded } = bothWays(snapshot);
    expect(loaded).toBe(built);
  });

  it('a caller changing its input after the load changes nothing in the cluster', () => {
    const json = snapshotJson();
    const cluster = Cluster.fromSnapshot(json);
    const before = JSON.stringify(cluster.toSnapshot());
    for (const instance of instances(json)) {
      const attributes = instance['attributes'] as Json[];
      attributes[0]!['value'] = 'us-east-1z';
      attributes.push({ name: 'late' });
      const remaining = instance['remainingResources'] as Json[];
      remaining[0]!['integerValue'] = 1;
      (remaining[2]!['stringSetValue'] as string[]).push('443');
      (instance['registeredResources'] as Json[])[1]!['integerValue'] = 9;
      (instance['versionInfo'] as Json)['agentVersion'] = '0.0.1';
      instance['status'] = 'DRAINING';
    }
    const tasks = (json.clusters[0] as { tasks: Json[] }).tasks;
    tasks[0]!['desiredStatus'] = 'STOPPED';
    ((tasks[0]!['containers'] as Json[])[0]!['networkBindings'] as Json[]).push({ hostPort: 81 });
    tasks.pop();
    expect(JSON.stringify(cluster.toSnapshot())).toBe(before);
  });

  it('one instance changed leaves the instances with the same attributes as they were', () => {
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

  it('keeps a resource list repeated on instances once, frozen, and hands out copies', () => {
    const { models } = loadSnapshot(snapshotJson());
    const [a, b] = models.get('default')!.instances;
    expect(b!.source.registeredResources).toBe(a!.source.registeredResources);
    expect(b!.source.remainingResources).toBe(a!.source.remainingResources);
    expect(Object.isFrozen(a!.source.remainingResources)).toBe(true);
    expect(Object.isFrozen(a!.source.remainingResources![2]!.stringSetValue)).toBe(true);
    // Each instance has its own taken ports all the same.
    expect(a!.tcpTaken).not.toBe(b!.tcpTaken);
    expect([...a!.tcpTaken]).toEqual([22, 80]);
    const cluster = Cluster.fromSnapshot(snapshotJson());
    const out = cluster.toSnapshot();
    const [first, second] = instances(out) as unknown as ContainerInstance[];
    expect(first!.remainingResources).not.toBe(second!.remainingResources);
    expect(Object.isFrozen(first!.remainingResources![0])).toBe(false);
    first!.remainingResources![2]!.stringSetValue!.push('443');
    expect(cluster.toSnapshot()).toEqual(JSON.parse(JSON.stringify(cluster.toSnapshot())));
    expect(instances(cluster.toSnapshot())[0]!['remainingResources']).toEqual(
      instanceJson('a1')['remainingResources'],
    );
  });

  it.each<[string, (resources: Json[]) => void]>([
    [
      'members in another order',
      (r) => r.splice(0, 1, { type: 'INTEGER', name: 'CPU', integerValue: 2048 }),
    ],
    ['another port', (r) => Object.assign(r[2]!, { stringSetValue: ['22', '81'] })],
    ['a member more', (r) => Object.assign(r[3]!, { note: 'x' })],
    ['a member absent', (r) => delete r[3]!['type']],
    ['-0 for 0', (r) => r.push({ name: 'EXTRA', type: 'DOUBLE', doubleValue: -0 })],
  ])('does not share a list that differs: %s', (_, change) => {
    const json = snapshotJson();
    // The same change on instances 1 and 2: they share with each other, not with instance 0.
    for (const i of [1, 2]) change(instances(json)[i]!['remainingResources'] as Json[]);
    if (_ === '-0 for 0') {
      (instances(json)[0]!['remainingResources'] as Json[]).push({
        name: 'EXTRA',
        type: 'DOUBLE',
        doubleValue: 0,
      });
    }
    const { models } = loadSnapshot(json);
    const [a, b, c] = models.get('default')!.instances;
    expect(b!.source.remainingResources).not.toBe(a!.source.remainingResources);
    // A member ECS does not write keeps the list out of sharing: each has its own copy.
    if (_ === 'a member more') {
      expect(c!.source.remainingResources).not.toBe(b!.source.remainingResources);
      expect(Object.isFrozen(b!.source.remainingResources)).toBe(false);
    } else {
      expect(c!.source.remainingResources).toBe(b!.source.remainingResources);
    }
    const { built, loaded } = bothWays(json);
    expect(loaded).toBe(built);
    const extra = (i: number) => models.get('default')!.instances[i]!.source.remainingResources![4];
    if (_ === '-0 for 0') {
      expect(Object.is(extra(0)!.doubleValue, 0)).toBe(true);
      expect(Object.is(extra(1)!.doubleValue, -0)).toBe(true);
    }
  });
});
