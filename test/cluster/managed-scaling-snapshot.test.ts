/**
 * Snapshot validation of what managed scaling reads: a provider's `managedScaling` (bounded
 * as the ECS API reference bounds it) and tasks waiting in PROVISIONING without an instance.
 */
import { describe, expect, it } from 'vitest';
import { SnapshotError, validateSnapshot } from '../../src/cluster/validate-snapshot.js';
import { snapshotJson } from './snapshot-fixture.js';

type Json = Record<string, unknown>;

function withScaling(managedScaling: unknown) {
  const json = snapshotJson();
  json['capacityProviders'] = [
    { name: 'ondemand', status: 'ACTIVE', autoScalingGroupProvider: { managedScaling } },
  ];
  return json;
}

function problem(json: unknown): SnapshotError {
  try {
    validateSnapshot(json);
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error('expected a SnapshotError');
}

const path = '$.capacityProviders[0].autoScalingGroupProvider.managedScaling';

describe('managedScaling in the snapshot', () => {
  it('accepts the DescribeCapacityProviders shape and copies it', () => {
    const scaling = {
      status: 'ENABLED',
      targetCapacity: 90,
      minimumScalingStepSize: 1,
      maximumScalingStepSize: 10000,
      instanceWarmupPeriod: 0,
    };
    const json = withScaling(scaling);
    const loaded = validateSnapshot(json);
    const copy = loaded.capacityProviders?.[0]?.autoScalingGroupProvider?.managedScaling;
    expect(copy).toEqual(scaling);
    expect(copy).not.toBe(scaling);
  });

  it.each([
    [{ status: 'ON' }, `${path}.status`, /expected one of ENABLED, DISABLED/],
    [{ targetCapacity: 0 }, `${path}.targetCapacity`, /from 1 to 100, got 0/],
    [{ targetCapacity: 100.5 }, `${path}.targetCapacity`, /from 1 to 100/],
    [{ minimumScalingStepSize: 0 }, `${path}.minimumScalingStepSize`, /from 1 to 10000/],
    [{ maximumScalingStepSize: 10001 }, `${path}.maximumScalingStepSize`, /from 1 to 10000/],
    [{ instanceWarmupPeriod: -1 }, `${path}.instanceWarmupPeriod`, /from 0 to 10000/],
    ['ENABLED', path, /expected an object/],
  ])('refuses %j', (scaling, where, message) => {
    const error = problem(withScaling(scaling));
    expect(error.path).toBe(where);
    expect(error.message).toMatch(message);
  });
});

describe('tasks without an instance', () => {
  const task = (extra: Json): Json => ({
    taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/waiting',
    desiredStatus: 'RUNNING',
    capacityProviderName: 'ondemand',
    launchType: 'EC2',
    ...extra,
  });

  it('accepts a task waiting in PROVISIONING', () => {
    const json = snapshotJson();
    (json.clusters[0]!['tasks'] as Json[]).push(task({ lastStatus: 'PROVISIONING' }));
    expect(() => validateSnapshot(json)).not.toThrow();
  });

  it('still refuses an EC2 task without an instance in any other state', () => {
    const json = snapshotJson();
    (json.clusters[0]!['tasks'] as Json[]).push(task({ lastStatus: 'PENDING' }));
    expect(problem(json).path).toBe('$.clusters[0].tasks[2].containerInstanceArn');
  });
});
