import { describe, expect, it } from 'vitest';
import { recogniseDocument } from '../../src/snapshot/import/recognise-document.js';
import { example, instanceArn, taskArn } from './aws-cli-examples.js';

function kindOf(value: unknown): string | undefined {
  const recognition = recogniseDocument(value);
  if ('problem' in recognition) throw new Error(recognition.problem);
  return recognition.document.shape?.kind;
}

function problemOf(value: unknown): string {
  const recognition = recogniseDocument(value);
  if (!('problem' in recognition)) throw new Error('expected a problem');
  return recognition.problem;
}

describe('recogniseDocument', () => {
  it('recognises every bundled output by its shape', () => {
    expect(
      [
        'describe-clusters.json',
        'describe-container-instances-page-1.json',
        'describe-tasks.json',
        'describe-task-definition-web.json',
        'describe-capacity-providers.json',
        'describe-subnets.json',
        'list-container-instances-page-1.json',
        'list-tasks.json',
      ].map((file) => kindOf(example(file))),
    ).toEqual([
      'describe-clusters',
      'describe-container-instances',
      'describe-tasks',
      'describe-task-definition',
      'describe-capacity-providers',
      'describe-subnets',
      'list-container-instances',
      'list-tasks',
    ]);
  });

  it('recognises a bare task definition, bare lists of records, and lists of ARNs', () => {
    const definition = example('describe-task-definition-worker.json')['taskDefinition'];
    expect(kindOf(definition)).toBe('describe-task-definition');
    expect(kindOf(example('describe-tasks.json')['tasks'])).toBe('describe-tasks');
    expect(kindOf(example('describe-subnets.json')['Subnets'])).toBe('describe-subnets');
    expect(kindOf([instanceArn('a'), instanceArn('b')])).toBe('list-container-instances');
    expect(kindOf([taskArn('a')])).toBe('list-tasks');
    expect(kindOf(['arn:aws:ecs:eu-west-1:210987654321:cluster/shop'])).toBe('list-clusters');
    expect(kindOf([])).toBeUndefined();
  });

  it('keeps the failures a describe-* output reports', () => {
    const recognition = recogniseDocument({
      tasks: [],
      failures: [{ arn: taskArn('gone'), reason: 'MISSING' }],
    });
    expect(recognition).toEqual({
      document: expect.objectContaining({
        failures: [{ arn: taskArn('gone'), reason: 'MISSING', path: '$.failures[0]' }],
      }),
    });
  });

  it('moves the wrapper tags onto the task definition', () => {
    const recognition = recogniseDocument(example('describe-task-definition-web.json'));
    expect('document' in recognition && recognition.document.records[0]!.value['tags']).toEqual([
      { key: 'team', value: 'storefront' },
      { key: 'service', value: 'web' },
    ]);
  });

  it('explains what does not fit', () => {
    expect(problemOf('text')).toBe('not a JSON object or list');
    expect(problemOf([taskArn('a'), instanceArn('b')])).toBe(
      `$[1]: a list of ARNs of different kinds (${instanceArn('b')})`,
    );
    expect(problemOf(['subnet-1'])).toBe(
      'a list of strings that are not ECS cluster, container-instance, task or task-definition ARNs (first: "subnet-1")',
    );
    expect(problemOf([{ taskArn: taskArn('a') }, { containerInstanceArn: instanceArn('b') }])).toBe(
      '$[1] is not like $[0], a record of aws ecs describe-tasks: a task needs taskArn',
    );
    expect(problemOf({ containerInstances: {} })).toBe(
      '$.containerInstances should be a list, as aws ecs describe-container-instances prints it',
    );
    expect(problemOf({ clusters: [{ clusterName: 'shop' }] })).toBe(
      '$.clusters[0] is not what aws ecs describe-clusters prints: a cluster needs clusterArn and clusterName',
    );
    expect(problemOf({ tasks: [], failures: {} })).toBe('$.failures should be a list');
    expect(problemOf({ taskDefinition: { family: 'web' } })).toBe(
      '$.taskDefinition is not what aws ecs describe-task-definition prints: a task definition needs family and containerDefinitions',
    );
  });
});
