import { fc, test as property } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/cluster/load-snapshot.js';
import { SnapshotError, validateSnapshot } from '../../src/cluster/validate-snapshot.js';
import { instanceJson, snapshotJson } from './snapshot-fixture.js';

type Json = Record<string, unknown>;
type Breaker = (s: ReturnType<typeof snapshotJson>) => void;

const cluster = (s: ReturnType<typeof snapshotJson>) =>
  s.clusters[0] as Json & {
    containerInstances: Json[];
    tasks: Json[];
  };
const instance = (s: ReturnType<typeof snapshotJson>, i: number) =>
  cluster(s).containerInstances[i]!;
const definition = (s: ReturnType<typeof snapshotJson>) => (s['taskDefinitions'] as Json[])[0]!;

function thrownBy(check: () => unknown): SnapshotError {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return error as SnapshotError;
  }
  throw new Error('expected a SnapshotError');
}

/**
 * The problem validateSnapshot reports; the load a Cluster does (its own loops, which also
 * build the cluster models) must report the very same path and message.
 */
function problemOf(json: unknown): SnapshotError {
  const error = thrownBy(() => validateSnapshot(json));
  const loading = thrownBy(() => loadSnapshot(json));
  expect(loading.path).toBe(error.path);
  expect(loading.message).toBe(error.message);
  return error;
}

function broken(breaker: Breaker): SnapshotError {
  const json = snapshotJson();
  breaker(json);
  return problemOf(json);
}

describe('validateSnapshot accepts the documented format', () => {
  it('accepts the fixture', () => {
    expect(() => validateSnapshot(snapshotJson())).not.toThrow();
  });
});

describe('validateSnapshot reports the JSON path of the first problem', () => {
  it('names the path, the accepted values and the bad value', () => {
    const error = broken((s) => {
      instance(s, 3)['status'] = 'RUNNNG';
    });
    expect(error.path).toBe('$.clusters[0].containerInstances[3].status');
    expect(error.message).toBe(
      '$.clusters[0].containerInstances[3].status: expected one of ACTIVE, DRAINING, REGISTERING, DEREGISTERING, REGISTRATION_FAILED, INACTIVE, got "RUNNNG"',
    );
    expect(error.name).toBe('SnapshotError');
  });

  it('reports the first of several problems', () => {
    const error = broken((s) => {
      instance(s, 1)['agentConnected'] = 'yes';
      instance(s, 2)['status'] = 'nope';
    });
    expect(error.path).toBe('$.clusters[0].containerInstances[1].agentConnected');
  });

  it.each<[string, Breaker, string, RegExp?]>([
    ['root', (s) => Object.assign(s, { region: undefined }), '$.region'],
    [
      'account',
      (s) => Object.assign(s, { accountId: '12345' }),
      '$.accountId',
      /expected 12 digits/,
    ],
    [
      'clusters',
      (s) => Object.assign(s, { clusters: {} }),
      '$.clusters',
      /expected a list, got an object/,
    ],
    ['cluster name', (s) => delete cluster(s)['clusterName'], '$.clusters[0].clusterName'],
    [
      'cluster name charset',
      (s) => Object.assign(cluster(s), { clusterName: 'my cluster' }),
      '$.clusters[0].clusterName',
    ],
    [
      'duplicate cluster',
      (s) => s.clusters.push({ clusterName: 'default' }),
      '$.clusters[1].clusterName',
      /duplicate clusterName "default", first seen at \$\.clusters\[0\]\.clusterName/,
    ],
    [
      'instance not an object',
      (s) => cluster(s).containerInstances.push(null as never),
      '$.clusters[0].containerInstances[4]',
    ],
    [
      'instance ARN',
      (s) => delete instance(s, 0)['containerInstanceArn'],
      '$.clusters[0].containerInstances[0].containerInstanceArn',
    ],
    [
      'instance ARN form',
      (s) => Object.assign(instance(s, 0), { containerInstanceArn: 'a1' }),
      '$.clusters[0].containerInstances[0].containerInstanceArn',
      /expected a container-instance ARN/,
    ],
    [
      'agentConnected',
      (s) => Object.assign(instance(s, 2), { agentConnected: 'true' }),
      '$.clusters[0].containerInstances[2].agentConnected',
      /expected true or false, got "true"/,
    ],
    [
      'remainingResources',
      (s) => delete instance(s, 0)['remainingResources'],
      '$.clusters[0].containerInstances[0].remainingResources',
    ],
    [
      'no MEMORY',
      (s) =>
        Object.assign(instance(s, 0), { remainingResources: [{ name: 'CPU', integerValue: 1 }] }),
      '$.clusters[0].containerInstances[0].remainingResources',
      /expected a MEMORY resource/,
    ],
    [
      'CPU without a value',
      (s) =>
        (instance(s, 0)['remainingResources'] as Json[]).splice(0, 1, {
          name: 'CPU',
          type: 'INTEGER',
        }),
      '$.clusters[0].containerInstances[0].remainingResources[0]',
    ],
    [
      'bad port',
      (s) =>
        Object.assign((instance(s, 1)['remainingResources'] as Json[])[2]!, {
          stringSetValue: ['22', '70000'],
        }),
      '$.clusters[0].containerInstances[1].remainingResources[2].stringSetValue[1]',
      /expected a port number 0\.\.65535, got "70000"/,
    ],
    [
      'duplicate resource',
      (s) =>
        (instance(s, 0)['remainingResources'] as Json[]).push({ name: 'CPU', integerValue: 5 }),
      '$.clusters[0].containerInstances[0].remainingResources[4].name',
    ],
    [
      'resource type',
      (s) => Object.assign((instance(s, 0)['registeredResources'] as Json[])[0]!, { type: 'int' }),
      '$.clusters[0].containerInstances[0].registeredResources[0].type',
    ],
    [
      'attribute name',
      (s) => (instance(s, 0)['attributes'] as Json[]).push({ value: 'x' }),
      '$.clusters[0].containerInstances[0].attributes[2].name',
    ],
    [
      'duplicate attribute',
      (s) =>
        (instance(s, 0)['attributes'] as Json[]).push({
          name: 'ecs.availability-zone',
          value: 'b',
        }),
      '$.clusters[0].containerInstances[0].attributes[2].name',
    ],
    [
      'attribute value type',
      (s) => (instance(s, 0)['attributes'] as Json[]).push({ name: 'n', value: 3 }),
      '$.clusters[0].containerInstances[0].attributes[2].value',
    ],
    [
      'attributes not a list',
      (s) => Object.assign(instance(s, 1), { attributes: { name: 'x' } }),
      '$.clusters[0].containerInstances[1].attributes',
      /expected a list, got an object/,
    ],
    [
      'attribute not an object',
      (s) => (instance(s, 2)['attributes'] as unknown[]).splice(1, 0, 'ecs.os-type'),
      '$.clusters[0].containerInstances[2].attributes[1]',
      /expected an object, got "ecs.os-type"/,
    ],
    [
      'attribute name empty',
      (s) => (instance(s, 0)['attributes'] as Json[]).unshift({ name: '' }),
      '$.clusters[0].containerInstances[0].attributes[0].name',
      /expected a non-empty string, got ""/,
    ],
    [
      'duplicate attribute, name only',
      (s) =>
        (instance(s, 3)['attributes'] as Json[]).push(
          { name: 'x' },
          { name: 'com.amazonaws.ecs.capability.privileged-container' },
        ),
      '$.clusters[0].containerInstances[3].attributes[3].name',
      /duplicate attribute "com\.amazonaws\.ecs\.capability\.privileged-container"/,
    ],
    [
      'attribute member that is not JSON data',
      (s) =>
        (instance(s, 1)['attributes'] as Json[]).push({
          name: 'n',
          targetType: 'container-instance',
          targetId: new Date(0),
        }),
      '$.clusters[0].containerInstances[1].attributes[2].targetId',
      /expected JSON data .*, got a Date/,
    ],
    [
      'duplicate GPU id',
      (s) =>
        (instance(s, 2)['remainingResources'] as Json[]).push({
          name: 'GPU',
          type: 'STRINGSET',
          stringSetValue: ['GPU-0', 'GPU-1', 'GPU-0'],
        }),
      '$.clusters[0].containerInstances[2].remainingResources[4].stringSetValue[2]',
      /duplicate GPU id "GPU-0"/,
    ],
    [
      'bad UDP port',
      (s) =>
        Object.assign((instance(s, 0)['remainingResources'] as Json[])[3]!, {
          stringSetValue: ['53', '0x35'],
        }),
      '$.clusters[0].containerInstances[0].remainingResources[3].stringSetValue[1]',
      /expected a port number 0\.\.65535, got "0x35"/,
    ],
    [
      'remaining above registered',
      (s) =>
        Object.assign((instance(s, 3)['remainingResources'] as Json[])[1]!, { integerValue: 4097 }),
      '$.clusters[0].containerInstances[3].remainingResources[1]',
      /remaining MEMORY 4097 is more than the registered 4096/,
    ],
    [
      'registeredAt',
      (s) => Object.assign(instance(s, 3), { registeredAt: 'yesterday' }),
      '$.clusters[0].containerInstances[3].registeredAt',
      /ISO 8601 date-time or epoch seconds/,
    ],
    [
      'registeredAt impossible date',
      (s) => Object.assign(instance(s, 3), { registeredAt: '2024-02-30T25:00:00Z' }),
      '$.clusters[0].containerInstances[3].registeredAt',
    ],
    [
      'runningTasksCount',
      (s) => Object.assign(instance(s, 0), { runningTasksCount: -1 }),
      '$.clusters[0].containerInstances[0].runningTasksCount',
    ],
    [
      'versionInfo',
      (s) => Object.assign(instance(s, 0), { versionInfo: '1.0' }),
      '$.clusters[0].containerInstances[0].versionInfo',
    ],
    [
      'duplicate instance ARN across clusters',
      (s) => s.clusters.push({ clusterName: 'other', containerInstances: [instanceJson('c3')] }),
      '$.clusters[1].containerInstances[0].containerInstanceArn',
      /duplicate containerInstanceArn/,
    ],
    [
      'provider not associated',
      (s) => Object.assign(instance(s, 2), { capacityProviderName: 'spot' }),
      '$.clusters[0].containerInstances[2].capacityProviderName',
      /"spot" is not one of the cluster's capacityProviders \(ondemand, FARGATE\)/,
    ],
    [
      'unknown provider',
      (s) => Object.assign(cluster(s), { capacityProviders: ['ondemand', 'spto'] }),
      '$.clusters[0].capacityProviders[1]',
      /unknown capacity provider "spto"/,
    ],
    [
      'default strategy provider',
      (s) =>
        Object.assign(cluster(s), {
          defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }],
        }),
      '$.clusters[0].defaultCapacityProviderStrategy[0].capacityProvider',
    ],
    [
      'strategy weight',
      (s) =>
        Object.assign(cluster(s), {
          defaultCapacityProviderStrategy: [{ capacityProvider: 'ondemand', weight: -1 }],
        }),
      '$.clusters[0].defaultCapacityProviderStrategy[0].weight',
    ],
    ['task ARN', (s) => delete cluster(s).tasks[0]!['taskArn'], '$.clusters[0].tasks[0].taskArn'],
    [
      'desiredStatus',
      (s) => Object.assign(cluster(s).tasks[1]!, { desiredStatus: 'running' }),
      '$.clusters[0].tasks[1].desiredStatus',
      /expected one of RUNNING, PENDING, STOPPED, got "running"/,
    ],
    [
      'task on an instance of another cluster',
      (s) =>
        Object.assign(cluster(s).tasks[0]!, {
          containerInstanceArn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/x/zz',
        }),
      '$.clusters[0].tasks[0].containerInstanceArn',
      /no container instance ".*zz" in this cluster's containerInstances/,
    ],
    [
      'EC2 task without an instance',
      (s) =>
        Object.assign(cluster(s).tasks[1]!, {
          launchType: 'EC2',
          capacityProviderName: 'ondemand',
        }),
      '$.clusters[0].tasks[1].containerInstanceArn',
      /does not run on Fargate/,
    ],
    [
      'duplicate task ARN',
      (s) => cluster(s).tasks.push({ ...cluster(s).tasks[1]! }),
      '$.clusters[0].tasks[2].taskArn',
      /duplicate taskArn/,
    ],
    [
      'task timestamp',
      (s) => Object.assign(cluster(s).tasks[0]!, { startedAt: true }),
      '$.clusters[0].tasks[0].startedAt',
    ],
    [
      'task launch type',
      (s) => Object.assign(cluster(s).tasks[0]!, { launchType: 'FARGATE_SPOT' }),
      '$.clusters[0].tasks[0].launchType',
    ],
    [
      'host port in a task',
      (s) =>
        Object.assign(cluster(s).tasks[0]!, {
          containers: [{ networkBindings: [{ hostPort: 'x' }] }],
        }),
      '$.clusters[0].tasks[0].containers[0].networkBindings[0].hostPort',
    ],
    ['taskDefinitions', (s) => Object.assign(s, { taskDefinitions: 'web' }), '$.taskDefinitions'],
    [
      'family',
      (s) => Object.assign(definition(s), { family: 'web app' }),
      '$.taskDefinitions[0].family',
    ],
    [
      'revision',
      (s) => Object.assign(definition(s), { revision: 0 }),
      '$.taskDefinitions[0].revision',
      /expected an integer >= 1, got 0/,
    ],
    ['revision missing', (s) => delete definition(s)['revision'], '$.taskDefinitions[0].revision'],
    [
      'definition status',
      (s) => Object.assign(definition(s), { status: 'active' }),
      '$.taskDefinitions[0].status',
    ],
    [
      'network mode',
      (s) => Object.assign(definition(s), { networkMode: 'nat' }),
      '$.taskDefinitions[0].networkMode',
    ],
    [
      'containerDefinitions',
      (s) => Object.assign(definition(s), { containerDefinitions: [] }),
      '$.taskDefinitions[0].containerDefinitions',
      /at least one/,
    ],
    [
      'container name',
      (s) => Object.assign(definition(s), { containerDefinitions: [{ cpu: 1 }] }),
      '$.taskDefinitions[0].containerDefinitions[0].name',
    ],
    [
      'duplicate container',
      (s) => Object.assign(definition(s), { containerDefinitions: [{ name: 'a' }, { name: 'a' }] }),
      '$.taskDefinitions[0].containerDefinitions[1].name',
    ],
    [
      'container memory',
      (s) => Object.assign(definition(s), { containerDefinitions: [{ name: 'a', memory: '512' }] }),
      '$.taskDefinitions[0].containerDefinitions[0].memory',
    ],
    [
      'host port',
      (s) =>
        Object.assign(definition(s), {
          containerDefinitions: [{ name: 'a', portMappings: [{ hostPort: 65536 }] }],
        }),
      '$.taskDefinitions[0].containerDefinitions[0].portMappings[0].hostPort',
    ],
    [
      'protocol',
      (s) =>
        Object.assign(definition(s), {
          containerDefinitions: [
            { name: 'a', portMappings: [{ containerPort: 53, protocol: 'UDP' }] },
          ],
        }),
      '$.taskDefinitions[0].containerDefinitions[0].portMappings[0].protocol',
    ],
    [
      'GPU count',
      (s) =>
        Object.assign(definition(s), {
          containerDefinitions: [
            { name: 'a', resourceRequirements: [{ type: 'GPU', value: 'two' }] },
          ],
        }),
      '$.taskDefinitions[0].containerDefinitions[0].resourceRequirements[0].value',
    ],
    [
      'distinctInstance in a task definition',
      (s) => Object.assign(definition(s), { placementConstraints: [{ type: 'distinctInstance' }] }),
      '$.taskDefinitions[0].placementConstraints[0].type',
      /expected one of memberOf/,
    ],
    [
      'compatibilities',
      (s) => Object.assign(definition(s), { requiresCompatibilities: ['EC2', 'LAMBDA'] }),
      '$.taskDefinitions[0].requiresCompatibilities[1]',
    ],
    [
      'duplicate revision',
      (s) => (s['taskDefinitions'] as Json[]).push({ ...definition(s) }),
      '$.taskDefinitions[1].revision',
      /duplicate task definition "web:1"/,
    ],
    [
      'provider name',
      (s) => Object.assign(s, { capacityProviders: [{ status: 'ACTIVE' }] }),
      '$.capacityProviders[0].name',
    ],
    [
      'duplicate provider',
      (s) => (s['capacityProviders'] as Json[]).push({ name: 'ondemand' }),
      '$.capacityProviders[1].name',
    ],
    ['subnets', (s) => Object.assign(s, { subnets: { 'subnet-1': 7 } }), '$.subnets["subnet-1"]'],
  ])('%s', (_, breaker, path, message) => {
    const error = broken(breaker);
    expect(error.path).toBe(path);
    expect(error.message.startsWith(`${path}: `)).toBe(true);
    if (message) expect(error.message).toMatch(message);
  });

  it('refuses a root that is not an object', () => {
    expect(problemOf([]).path).toBe('$');
    expect(problemOf('{}').message).toBe('$: expected an object, got "{}"');
  });
});

describe('validateSnapshot normalises into a new object', () => {
  it('turns every timestamp into an ISO string in UTC', () => {
    const json = snapshotJson();
    Object.assign(instance(json, 0), { registeredAt: 1700000000.25 });
    Object.assign(instance(json, 1), { registeredAt: '2018-06-18T22:28:28+00:00' });
    Object.assign(instance(json, 2), { registeredAt: '2018-06-18T22:28:28' });
    Object.assign(instance(json, 3), { registeredAt: '2018-06-18' });
    Object.assign(definition(json), { registeredAt: '2018-06-18T23:28:28.123456+0100' });
    const snapshot = validateSnapshot(json);
    const at = snapshot.clusters[0]!.containerInstances.map((i) => i.registeredAt);
    expect(at).toEqual([
      '2023-11-14T22:13:20.250Z',
      '2018-06-18T22:28:28.000Z',
      '2018-06-18T22:28:28.000Z',
      '2018-06-18T00:00:00.000Z',
    ]);
    expect(snapshot.clusters[0]!.tasks[0]!.createdAt).toBe('2024-05-01T10:00:00.500Z');
    expect((snapshot.taskDefinitions[0] as unknown as Json)['registeredAt']).toBe(
      '2018-06-18T22:28:28.123Z',
    );
  });

  it('fills absent lists and keeps unknown members', () => {
    const json = {
      region: 'eu-west-1',
      accountId: '000000000000',
      clusters: [
        { clusterName: 'empty', settings: [{ name: 'containerInsights', value: 'enabled' }] },
      ],
      someToolVersion: 3,
    };
    const snapshot = validateSnapshot(json);
    expect(snapshot.clusters[0]).toEqual({
      clusterName: 'empty',
      settings: [{ name: 'containerInsights', value: 'enabled' }],
      containerInstances: [],
      tasks: [],
    });
    expect(snapshot.taskDefinitions).toEqual([]);
    expect((snapshot as unknown as Json)['someToolVersion']).toBe(3);
  });

  it('never mutates its input and shares no list the engine updates', () => {
    const json = snapshotJson();
    const before = structuredClone(json);
    const snapshot = validateSnapshot(json);
    expect(json).toEqual(before);
    const remaining = snapshot.clusters[0]!.containerInstances[0]!.remainingResources!;
    remaining[0]!.integerValue = 1;
    remaining[2]!.stringSetValue!.push('443');
    snapshot.clusters[0]!.tasks.push(snapshot.clusters[0]!.tasks[0]!);
    snapshot.clusters[0]!.containerInstances[0]!.attributes!.push({ name: 'x' });
    expect(json).toEqual(before);
  });

  it('loads nothing when a late instance is broken (no partial result, no mutation)', () => {
    const json = snapshotJson();
    instance(json, 3)['status'] = 'GONE';
    const before = structuredClone(json);
    expect(() => validateSnapshot(json)).toThrow(SnapshotError);
    expect(json).toEqual(before);
  });

  it('handles a few thousand instances in one pass', () => {
    const json = snapshotJson();
    cluster(json).containerInstances = Array.from({ length: 5000 }, (_, i) =>
      instanceJson(`n${i}`),
    );
    cluster(json).tasks = [];
    expect(validateSnapshot(json).clusters[0]!.containerInstances).toHaveLength(5000);
  });
});

describe('validateSnapshot properties', () => {
  property.prop([fc.integer({ min: 0, max: 4_000_000_000 }), fc.integer({ min: 0, max: 999 })])(
    'epoch seconds and their ISO form load as the same instant',
    (seconds, millis) => {
      const epoch = seconds + millis / 1000;
      const json = snapshotJson();
      instance(json, 0)['registeredAt'] = epoch;
      instance(json, 1)['registeredAt'] = new Date(seconds * 1000 + millis).toISOString();
      const [a, b] = validateSnapshot(json).clusters[0]!.containerInstances;
      expect(a!.registeredAt).toBe(b!.registeredAt);
      expect(Date.parse(a!.registeredAt as string)).toBe(seconds * 1000 + millis);
    },
  );

  property.prop([
    fc.integer({ min: 0, max: 3 }),
    fc
      .string()
      .filter(
        (s) =>
          ![
            'ACTIVE',
            'DRAINING',
            'REGISTERING',
            'DEREGISTERING',
            'REGISTRATION_FAILED',
            'INACTIVE',
          ].includes(s),
      ),
  ])('any unknown instance status is reported at its own path', (index, status) => {
    const json = snapshotJson();
    instance(json, index)['status'] = status;
    expect(problemOf(json).path).toBe(`$.clusters[0].containerInstances[${index}].status`);
  });

  it('is idempotent: a loaded snapshot loads to itself', () => {
    const once = validateSnapshot(snapshotJson());
    expect(validateSnapshot(once)).toEqual(once);
  });
});
