// awsCliOutputHint / awsCliOutputsHint: which AWS CLI output a document given as a snapshot
// looks like, and what to do; nothing for snapshots and for documents that are no AWS output.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awsCliOutputHint, awsCliOutputsHint } from '../../src/snapshot/cli-output-hint.js';
import { ACCOUNT, example, REGION } from './aws-cli-examples.js';

const IMPORT = 'build a snapshot with `ecs-placement snapshot import FILE...` (docs/snapshot.md)';
const arn = (resource: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:${resource}`;

describe('awsCliOutputHint', () => {
  it.each<[string, unknown, string]>([
    [
      'list-clusters',
      { clusterArns: [arn('cluster/shop')] },
      'it looks like the output of `aws ecs list-clusters`, which lists ARNs only; describe them with `aws ecs describe-clusters` and ',
    ],
    [
      'list-task-definitions',
      { taskDefinitionArns: [arn('task-definition/web:3')] },
      'it looks like the output of `aws ecs list-task-definitions`, which lists ARNs only; describe them with `aws ecs describe-task-definition` and ',
    ],
    [
      'list-container-instances --query containerInstanceArns',
      [arn('container-instance/shop/a1')],
      'it looks like the output of `aws ecs list-container-instances --query containerInstanceArns`, which lists ARNs only; describe them with `aws ecs describe-container-instances` and ',
    ],
    [
      'a list of task definitions',
      [example('describe-task-definition-web.json')['taskDefinition']],
      'it looks like a list of task definitions (of `aws ecs describe-task-definition`); ',
    ],
    [
      'describe-subnets --query Subnets',
      example('describe-subnets.json')['Subnets'],
      'it looks like a list of subnets, as `aws ec2 describe-subnets --query Subnets` prints it; ',
    ],
  ])('%s', (_what, value, start) => {
    expect(awsCliOutputHint(value)).toBe(`${start}${IMPORT}`);
  });

  it.each<[string, unknown]>([
    ['the bundled example snapshot', JSON.parse(readFileSync('examples/cluster.json', 'utf8'))],
    ['a snapshot missing its clusters', { region: REGION, accountId: ACCOUNT }],
    ['a snapshot missing region and account', { clusters: [{ clusterName: 'shop', tasks: [] }] }],
    ['an empty list', []],
    ['an unknown document', { services: [] }],
    ['a half-recognised output', { tasks: [{ name: 'no taskArn' }] }],
    ['text', 'describe-tasks'],
    ['null', null],
  ])('nothing for %s', (_what, value) => {
    expect(awsCliOutputHint(value)).toBeUndefined();
  });
});

describe('awsCliOutputsHint', () => {
  it('names the outputs of a text holding several, once each', () => {
    const page = JSON.stringify(example('describe-tasks.json'));
    expect(awsCliOutputsHint(`${page}\n${page}\n[]`)).toBeUndefined();
    expect(awsCliOutputsHint(`${page}\n${page}`)).toBe(
      `it holds 2 JSON documents one after another, outputs of \`aws ecs describe-tasks\`; ${IMPORT}`,
    );
  });

  it('nothing for one document, broken JSON, or documents that are no AWS output', () => {
    expect(awsCliOutputsHint(JSON.stringify(example('describe-tasks.json')))).toBeUndefined();
    expect(awsCliOutputsHint('{"tasks": [')).toBeUndefined();
    expect(awsCliOutputsHint('{"a": 1} {"b": 2}')).toBeUndefined();
    expect(awsCliOutputsHint('')).toBeUndefined();
  });
});
