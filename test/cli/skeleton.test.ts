import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildRunTaskInput } from '../../src/cli/build-run-task-input.js';
import { runTaskInputShape, runTaskOutputShape } from '../../src/kernel/run-task-shape.js';
import type { Shape } from '../../src/kernel/shape.js';
import { parseSkeletonKind, renderRunTaskSkeleton } from '../../src/cli/skeleton.js';
import { UsageError } from '../../src/cli/usage-error.js';

/** Every path of a shape, lists as `[0]`: what the skeleton must contain. */
function pathsOf(shape: Shape, prefix: string): string[] {
  if (shape.kind === 'list') return pathsOf(shape.member, `${prefix}[0]`);
  if (shape.kind !== 'structure') return [prefix];
  return Object.entries(shape.members).flatMap(([key, member]) =>
    pathsOf(member, prefix === '' ? key : `${prefix}.${key}`),
  );
}

function pathsOfValue(value: unknown, prefix: string): string[] {
  if (Array.isArray(value)) {
    expect(value).toHaveLength(1);
    return pathsOfValue(value[0], `${prefix}[0]`);
  }
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, member]) =>
    pathsOfValue(member, prefix === '' ? key : `${prefix}.${key}`),
  );
}

const RUN_TASK_FIELDS = [
  'capacityProviderStrategy',
  'cluster',
  'count',
  'enableECSManagedTags',
  'enableExecuteCommand',
  'group',
  'launchType',
  'networkConfiguration',
  'overrides',
  'placementConstraints',
  'placementStrategy',
  'platformVersion',
  'propagateTags',
  'referenceId',
  'startedBy',
  'tags',
  'taskDefinition',
  // The current API's members (a current AWS CLI's skeleton has them too).
  'clientToken',
  'volumeConfigurations',
];

describe('--generate-cli-skeleton', () => {
  it('input: every RunTask input field, with AWS CLI placeholders, as 4-space JSON', () => {
    const text = renderRunTaskSkeleton('input');
    expect(text).toMatch(
      /^\{\n {4}"capacityProviderStrategy": \[\n {8}\{\n {12}"capacityProvider": ""/,
    );
    const skeleton = JSON.parse(text);
    expect(Object.keys(skeleton)).toEqual(RUN_TASK_FIELDS);
    expect(pathsOfValue(skeleton, '').sort()).toEqual(pathsOf(runTaskInputShape, '').sort());
    expect(skeleton).toMatchObject({
      cluster: '',
      count: 0,
      enableECSManagedTags: true,
      launchType: 'EC2',
      networkConfiguration: { awsvpcConfiguration: { subnets: [''], assignPublicIp: 'ENABLED' } },
      placementStrategy: [{ type: 'random', field: '' }],
      overrides: { containerOverrides: [{ cpu: 0, command: [''] }], cpu: '' },
      tags: [{ key: '', value: '' }],
      taskDefinition: '',
      clientToken: '',
      volumeConfigurations: [
        {
          name: '',
          managedEBSVolume: {
            encrypted: true,
            sizeInGiB: 0,
            tagSpecifications: [{ resourceType: 'volume', propagateTags: 'TASK_DEFINITION' }],
            roleArn: '',
            terminationPolicy: { deleteOnTermination: true },
            filesystemType: 'ext3',
          },
        },
      ],
    });
  });

  it('yaml-input: the same request as YAML, with the required field marked', () => {
    const text = renderRunTaskSkeleton('yaml-input');
    expect(parseYaml(text)).toEqual(JSON.parse(renderRunTaskSkeleton('input')));
    expect(text).toMatch(/^taskDefinition: "" # \[REQUIRED\]$/m);
    expect(text).toMatch(/^launchType: EC2 # Valid values are: EC2, FARGATE, EXTERNAL\.$/m);
  });

  it('input skeleton is accepted back by --cli-input-json', () => {
    const request = buildRunTaskInput({
      options: {},
      cliInputJson: renderRunTaskSkeleton('input'),
      cwd: '.',
    });
    expect(Object.keys(request).sort()).toEqual([...RUN_TASK_FIELDS].sort());
  });

  it('output: tasks and failures with their fields', () => {
    const skeleton = JSON.parse(renderRunTaskSkeleton('output'));
    expect(Object.keys(skeleton)).toEqual(['tasks', 'failures']);
    expect(pathsOfValue(skeleton, '').sort()).toEqual(pathsOf(runTaskOutputShape, '').sort());
    expect(skeleton.failures).toEqual([{ arn: '', reason: '', detail: '' }]);
  });

  it('takes input when given no value and rejects unknown kinds', () => {
    expect(parseSkeletonKind(true)).toBe('input');
    expect(parseSkeletonKind('yaml-input')).toBe('yaml-input');
    expect(() => parseSkeletonKind('xml')).toThrow(UsageError);
    expect(() => parseSkeletonKind('xml')).toThrow("invalid choice: 'xml'");
  });
});
