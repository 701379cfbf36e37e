import { fc, test as property } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseRunTaskInput } from '../../src/api/validate-run-task.js';
import { thrownBy } from './fixtures.js';

const parse = (input: unknown) => () => parseRunTaskInput(input);

describe('parseRunTaskInput: shape of an untyped request', () => {
  it('accepts a full request of the seed and returns an equal copy, not the same objects', () => {
    const request = {
      taskDefinition: 'web:3',
      cluster: 'default',
      count: 2,
      capacityProviderStrategy: [{ capacityProvider: 'spot', weight: 1, base: 0 }],
      enableECSManagedTags: true,
      enableExecuteCommand: false,
      group: 'family:web',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-1'],
          securityGroups: ['sg-1'],
          assignPublicIp: 'ENABLED',
        },
      },
      overrides: {
        containerOverrides: [
          {
            name: 'web',
            command: ['nginx'],
            environment: [{ name: 'A', value: '1' }],
            environmentFiles: [{ value: 'arn:aws:s3:::b/x.env', type: 's3' }],
            cpu: 128,
            memory: 256,
            memoryReservation: 128,
            resourceRequirements: [{ value: '1', type: 'GPU' }],
          },
        ],
        cpu: '512',
        inferenceAcceleratorOverrides: [{ deviceName: 'd', deviceType: 'eia2.medium' }],
        executionRoleArn: 'arn:aws:iam::123456789012:role/x',
        memory: '1024',
        taskRoleArn: 'arn:aws:iam::123456789012:role/y',
        ephemeralStorage: { sizeInGiB: 30 },
      },
      placementConstraints: [
        { type: 'memberOf', expression: 'attribute:a == b' },
        { type: 'distinctInstance' },
      ],
      placementStrategy: [
        { type: 'spread', field: 'host' },
        { type: 'binpack', field: 'cpu' },
        { type: 'random' },
      ],
      platformVersion: 'LATEST',
      propagateTags: 'TASK_DEFINITION',
      referenceId: 'ref',
      startedBy: 'me',
      tags: [{ key: 'k', value: 'v' }],
      launchType: 'EC2',
    };
    const parsed = parseRunTaskInput(request);
    expect(parsed).toEqual(request);
    expect(parsed).not.toBe(request);
    expect(parsed.overrides?.containerOverrides).not.toBe(request.overrides.containerOverrides);
    expect(parsed.tags?.[0]).not.toBe(request.tags[0]);
  });

  it('drops members set to undefined, as the AWS SDK does', () => {
    expect(parseRunTaskInput({ taskDefinition: 'web', count: undefined })).toEqual({
      taskDefinition: 'web',
    });
  });

  it.each([
    [null, 'input, value: null, expected an object'],
    [[], 'input, value: a list, expected an object'],
    ['web', 'input, value: "web", expected an object'],
  ])('refuses a request that is not an object: %j', (input, message) => {
    expect(thrownBy(parse(input))).toContain(message);
  });

  it('requires a non-empty taskDefinition', () => {
    expect(thrownBy(parse({}))).toBe('Missing required parameter in input: "taskDefinition".');
    expect(thrownBy(parse({ taskDefinition: '' }))).toContain('taskDefinition ""');
    expect(thrownBy(parse({ taskDefinition: 3 }))).toBe(
      'Invalid type for parameter taskDefinition, value: 3, expected a string.',
    );
  });

  it('refuses unknown top-level members and lists the accepted ones', () => {
    const message = thrownBy(parse({ taskDefinition: 'web', placementStrategies: [] }));
    expect(message).toMatch(/^Unknown parameter in input: "placementStrategies", must be one of: /);
    expect(message).toContain('placementStrategy');
    expect(message).toContain('taskDefinition');
  });

  it('refuses unknown nested members with their path', () => {
    expect(
      thrownBy(
        parse({ taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expr: 'x' }] }),
      ),
    ).toBe(
      'Unknown parameter in placementConstraints[0]: "expr", must be one of: type, expression.',
    );
    expect(
      thrownBy(
        parse({ taskDefinition: 'web', overrides: { containerOverrides: [{ nam: 'web' }] } }),
      ),
    ).toContain('Unknown parameter in overrides.containerOverrides[0]: "nam"');
  });

  it("reports the first problem in the request's own member order, a missing member last", () => {
    expect(thrownBy(parse({ count: 'x', cluster: 5, taskDefinition: 'web' }))).toBe(
      'Invalid type for parameter count, value: "x", expected an integer.',
    );
    expect(thrownBy(parse({ cluster: 5, count: 'x', taskDefinition: 'web' }))).toBe(
      'Invalid type for parameter cluster, value: 5, expected a string.',
    );
    // Everything inside a member before the next member; a member is refused before its
    // required members are missed.
    expect(
      thrownBy(parse({ overrides: { bogus: 1 }, count: 'x', placementConstraints: [{ t: 1 }] })),
    ).toMatch(/^Unknown parameter in overrides: "bogus"/);
    expect(thrownBy(parse({ count: 'x' }))).toContain('parameter count');
  });

  it.each([
    [{ count: 1.5 }, 'count, value: 1.5, expected an integer'],
    [{ count: '2' }, 'count, value: "2", expected an integer'],
    [
      { enableExecuteCommand: 'true' },
      'enableExecuteCommand, value: "true", expected true or false',
    ],
    [
      { launchType: 'FARGATE_SPOT' },
      'launchType, value: "FARGATE_SPOT", expected one of EC2 | FARGATE | EXTERNAL',
    ],
    [{ launchType: 'ec2' }, 'launchType, value: "ec2"'],
    [
      { propagateTags: 'ALL' },
      'propagateTags, value: "ALL", expected one of TASK_DEFINITION | SERVICE | NONE',
    ],
    [
      { placementConstraints: [{ type: 'memberOf' }, { type: 'distinct' }] },
      'placementConstraints[1].type, value: "distinct", expected one of distinctInstance | memberOf',
    ],
    [
      { placementStrategy: [{ type: 'pack', field: 'cpu' }] },
      'placementStrategy[0].type, value: "pack", expected one of random | spread | binpack',
    ],
    [
      { networkConfiguration: { awsvpcConfiguration: { subnets: ['a'], assignPublicIp: 'YES' } } },
      'networkConfiguration.awsvpcConfiguration.assignPublicIp, value: "YES", expected one of ENABLED | DISABLED',
    ],
    [
      { networkConfiguration: { awsvpcConfiguration: {} } },
      'Missing required parameter in networkConfiguration.awsvpcConfiguration: "subnets"',
    ],
    [
      { placementConstraints: { type: 'memberOf' } },
      'placementConstraints, value: an object, expected a list',
    ],
    [{ tags: [{ key: 1 }] }, 'tags[0].key, value: 1, expected a string'],
    [
      { capacityProviderStrategy: [{ weight: 1 }] },
      'Missing required parameter in capacityProviderStrategy[0]: "capacityProvider"',
    ],
    [
      { capacityProviderStrategy: [{ capacityProvider: 'a', weight: '1' }] },
      'capacityProviderStrategy[0].weight, value: "1", expected an integer',
    ],
    [
      { overrides: { containerOverrides: [{ name: 'web', cpu: '1' }] } },
      'overrides.containerOverrides[0].cpu, value: "1", expected an integer',
    ],
    [{ overrides: { cpu: 512 } }, 'overrides.cpu, value: 512, expected a string'],
    [
      { overrides: { ephemeralStorage: {} } },
      'Missing required parameter in overrides.ephemeralStorage: "sizeInGiB"',
    ],
    [
      {
        overrides: {
          containerOverrides: [{ name: 'w', resourceRequirements: [{ value: '1', type: 'gpu' }] }],
        },
      },
      'resourceRequirements[0].type, value: "gpu"',
    ],
  ])('refuses a member of the wrong type or value: %j', (member, message) => {
    expect(thrownBy(parse({ taskDefinition: 'web', ...member }))).toContain(message);
  });

  property.prop([
    fc.record(
      {
        count: fc.integer(),
        group: fc.string(),
        startedBy: fc.string(),
        launchType: fc.constantFrom('EC2', 'FARGATE', 'EXTERNAL'),
        enableExecuteCommand: fc.boolean(),
        placementStrategy: fc.array(
          fc.record(
            { type: fc.constantFrom('random', 'spread', 'binpack'), field: fc.string() },
            { requiredKeys: ['type'] },
          ),
        ),
        tags: fc.array(fc.record({ key: fc.string(), value: fc.string() }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    ),
  ])('any well-typed request parses to an equal copy, without touching its input', (members) => {
    const request = { taskDefinition: 'web', ...members };
    const before = structuredClone(request);
    expect(parseRunTaskInput(request)).toEqual(before);
    expect(request).toEqual(before);
  });
});
