import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../src/api/resolve-cluster.js';
import {
  parseTaskDefinitionReference,
  resolveTaskDefinition,
} from '../../src/api/resolve-task-definition.js';
import type { Snapshot, TaskDefinition } from '../../src/kernel/ecs-types.js';
import { thrownBy } from './fixtures.js';

const definition = (family: string, revision: number, status?: TaskDefinition['status']) => ({
  family,
  revision,
  ...(status ? { status } : {}),
  containerDefinitions: [{ name: 'c' }],
});
const definitions: TaskDefinition[] = [
  definition('web', 1, 'INACTIVE'),
  definition('web', 3),
  definition('web', 2, 'ACTIVE'),
  definition('web', 4, 'INACTIVE'),
  definition('old', 1, 'INACTIVE'),
  definition('web-canary', 7),
];
const here = { region: 'us-east-1', accountId: '123456789012' };
const resolve = (ref: string) => resolveTaskDefinition(definitions, ref, here);
const arn = (body: string, region = 'us-east-1', account = '123456789012') =>
  `arn:aws:ecs:${region}:${account}:task-definition/${body}`;

describe('resolveTaskDefinition', () => {
  it('takes a bare family as its latest ACTIVE revision (not the latest revision)', () => {
    expect(resolve('web').revision).toBe(3);
    expect(resolve('web-canary').revision).toBe(7);
  });

  it('takes family:revision and ARNs, with or without a revision', () => {
    expect(resolve('web:2').revision).toBe(2);
    expect(resolve(arn('web:2')).revision).toBe(2);
    expect(resolve(arn('web')).revision).toBe(3);
  });

  it('refuses INACTIVE revisions', () => {
    expect(thrownBy(() => resolve('web:1'), 'ClientException')).toBe('TaskDefinition is inactive');
    expect(thrownBy(() => resolve(arn('web:4')), 'ClientException')).toBe(
      'TaskDefinition is inactive',
    );
  });

  it.each(['web:9', 'nope', 'nope:1', 'old'])('refuses %s as not found', (ref) => {
    expect(thrownBy(() => resolve(ref), 'ClientException')).toBe('TaskDefinition not found.');
  });

  it('refuses an ARN of another region or account when told where we are', () => {
    expect(thrownBy(() => resolve(arn('web:2', 'eu-west-1')), 'ClientException')).toBe(
      'TaskDefinition not found.',
    );
    expect(
      thrownBy(() => resolve(arn('web:2', 'us-east-1', '999999999999')), 'ClientException'),
    ).toBe('TaskDefinition not found.');
    expect(resolveTaskDefinition(definitions, arn('web:2', 'eu-west-1')).revision).toBe(2);
  });

  it.each(['web:0', 'web:-1', 'web:x', 'web:', ':2', 'my web', 'web:1:2', 'a'.repeat(256)])(
    'refuses the malformed reference %j as an invalid parameter',
    (ref) => {
      expect(thrownBy(() => resolve(ref))).toMatch(
        /^Invalid taskDefinition ".*": expected family, family:revision or a task definition ARN/,
      );
    },
  );

  it('splits references into their parts', () => {
    expect(parseTaskDefinitionReference('web')).toEqual({ family: 'web' });
    expect(parseTaskDefinitionReference('web_2-b:12')).toEqual({ family: 'web_2-b', revision: 12 });
    expect(parseTaskDefinitionReference(arn('web:5', 'eu-west-1'))).toEqual({
      family: 'web',
      revision: 5,
      region: 'eu-west-1',
      accountId: '123456789012',
    });
  });
});

describe('resolveCluster', () => {
  const snapshot: Snapshot = {
    ...here,
    taskDefinitions: [],
    clusters: ['default', 'batch'].map((clusterName) => ({
      clusterName,
      containerInstances: [],
      tasks: [],
    })),
  };
  const clusterArn = (name: string, region = 'us-east-1', account = '123456789012') =>
    `arn:aws:ecs:${region}:${account}:cluster/${name}`;

  it('takes no name as default, a short name, or an ARN', () => {
    expect(resolveCluster(snapshot, undefined).clusterName).toBe('default');
    expect(resolveCluster(snapshot, 'batch').clusterName).toBe('batch');
    expect(resolveCluster(snapshot, clusterArn('batch')).clusterName).toBe('batch');
  });

  it.each([
    'missing',
    'Batch',
    clusterArn('missing'),
    clusterArn('batch', 'eu-west-1'),
    clusterArn('batch', 'us-east-1', '999999999999'),
    'arn:aws:ecs:us-east-1:123456789012:service/batch',
    'arn:batch',
  ])('refuses %s with ClusterNotFoundException', (ref) => {
    expect(thrownBy(() => resolveCluster(snapshot, ref), 'ClusterNotFoundException')).toBe(
      'Cluster not found.',
    );
  });
});
