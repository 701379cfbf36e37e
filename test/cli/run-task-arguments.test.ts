import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildRunTaskInput } from '../../src/cli/build-run-task-input.js';
import { defineRunTaskArguments } from '../../src/cli/run-task-arguments.js';
import { RUN_TASK_OPTIONS } from '../../src/cli/run-task-options.js';
import { runTaskInputShape } from '../../src/kernel/run-task-shape.js';
import { UsageError } from '../../src/cli/usage-error.js';

const fixtures = fileURLToPath(new URL('./fixtures/params/', import.meta.url));

/** Parses a run-task command line with the real option definitions. */
function parse(argv: string[]) {
  const command = new Command('run-task').exitOverride().configureOutput({
    writeErr: () => undefined,
    writeOut: () => undefined,
  });
  const read = defineRunTaskArguments(command);
  command.parse(argv, { from: 'user' });
  return read(command.opts());
}

/** The request a command line builds (file:// relative to the fixtures). */
function request(argv: string[]) {
  const { options, tool } = parse(argv);
  return buildRunTaskInput({
    options,
    cliInputJson: tool.cliInputJson,
    cliInputYaml: tool.cliInputYaml,
    cwd: fixtures,
  });
}

function usageErrorOf(argv: string[]): string {
  try {
    request(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

const TD = ['--task-definition', 'web:1'];

describe('run-task options -> RunTask request', () => {
  it('has one option per request field of the RunTask input', () => {
    expect(RUN_TASK_OPTIONS.map((o) => o.field).sort()).toEqual(
      Object.keys(runTaskInputShape.members).sort(),
    );
  });

  it.each<[string, string[], Record<string, unknown>]>([
    [
      '--capacity-provider-strategy',
      [
        '--capacity-provider-strategy',
        'capacityProvider=a,weight=1,base=2',
        'capacityProvider=b,weight=4',
      ],
      {
        capacityProviderStrategy: [
          { capacityProvider: 'a', weight: 1, base: 2 },
          { capacityProvider: 'b', weight: 4 },
        ],
      },
    ],
    ['--cluster', ['--cluster', 'prod'], { cluster: 'prod' }],
    ['--count', ['--count', '7'], { count: 7 }],
    ['--enable-ecs-managed-tags', ['--enable-ecs-managed-tags'], { enableECSManagedTags: true }],
    [
      '--no-enable-ecs-managed-tags',
      ['--no-enable-ecs-managed-tags'],
      { enableECSManagedTags: false },
    ],
    ['--enable-execute-command', ['--enable-execute-command'], { enableExecuteCommand: true }],
    [
      '--no-enable-execute-command',
      ['--no-enable-execute-command'],
      { enableExecuteCommand: false },
    ],
    ['--group', ['--group', 'family:web'], { group: 'family:web' }],
    ['--launch-type', ['--launch-type', 'EC2'], { launchType: 'EC2' }],
    [
      '--network-configuration',
      [
        '--network-configuration',
        'awsvpcConfiguration={subnets=[subnet-0a,subnet-0b],assignPublicIp=DISABLED}',
      ],
      {
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ['subnet-0a', 'subnet-0b'], assignPublicIp: 'DISABLED' },
        },
      },
    ],
    [
      '--overrides (shorthand, typed)',
      ['--overrides', 'containerOverrides=[{name=app,cpu=256,memoryReservation=128}],cpu=512'],
      {
        overrides: {
          containerOverrides: [{ name: 'app', cpu: 256, memoryReservation: 128 }],
          cpu: '512',
        },
      },
    ],
    [
      '--placement-constraints',
      [
        '--placement-constraints',
        'type=memberOf,expression="attribute:ecs.instance-type == t2.small"',
        'type=distinctInstance',
      ],
      {
        placementConstraints: [
          { type: 'memberOf', expression: 'attribute:ecs.instance-type == t2.small' },
          { type: 'distinctInstance' },
        ],
      },
    ],
    [
      '--placement-strategy',
      [
        '--placement-strategy',
        'type=spread,field=attribute:ecs.availability-zone',
        'type=binpack,field=memory',
      ],
      {
        placementStrategy: [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'binpack', field: 'memory' },
        ],
      },
    ],
    ['--platform-version', ['--platform-version', 'LATEST'], { platformVersion: 'LATEST' }],
    [
      '--propagate-tags',
      ['--propagate-tags', 'TASK_DEFINITION'],
      { propagateTags: 'TASK_DEFINITION' },
    ],
    ['--reference-id', ['--reference-id', 'ref-1'], { referenceId: 'ref-1' }],
    ['--started-by', ['--started-by', 'me'], { startedBy: 'me' }],
    [
      '--tags',
      ['--tags', 'key=a,value=b', 'key=c,value=d'],
      {
        tags: [
          { key: 'a', value: 'b' },
          { key: 'c', value: 'd' },
        ],
      },
    ],
  ])('%s', (_name, argv, expected) => {
    expect(request([...TD, ...argv])).toEqual({ taskDefinition: 'web:1', ...expected });
  });

  it('--task-definition alone is a complete request', () => {
    expect(request(TD)).toEqual({ taskDefinition: 'web:1' });
  });

  it('takes a list option as one JSON array', () => {
    expect(
      request([
        ...TD,
        '--placement-strategy',
        '[{"type":"random"},{"type":"binpack","field":"cpu"}]',
      ]),
    ).toMatchObject({ placementStrategy: [{ type: 'random' }, { type: 'binpack', field: 'cpu' }] });
  });

  it('takes list items as separate JSON objects', () => {
    expect(request([...TD, '--tags', '{"key":"a"}', '{"key":"b","value":"c"}'])).toMatchObject({
      tags: [{ key: 'a' }, { key: 'b', value: 'c' }],
    });
  });

  it('takes a structure option as JSON', () => {
    expect(
      request([...TD, '--network-configuration', '{"awsvpcConfiguration":{"subnets":["s-1"]}}']),
    ).toMatchObject({ networkConfiguration: { awsvpcConfiguration: { subnets: ['s-1'] } } });
  });

  it('reads file:// values relative to the working directory', () => {
    expect(request([...TD, '--overrides', 'file://overrides.json'])).toMatchObject({
      overrides: {
        containerOverrides: [{ name: 'app', cpu: 512, memory: 1024, command: ['sleep', '60'] }],
        memory: '2048',
      },
    });
  });

  it('writes a one-item list in shorthand as its item', () => {
    expect(
      request([...TD, '--network-configuration', 'awsvpcConfiguration={subnets=subnet-1}']),
    ).toMatchObject({ networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } });
  });

  it('collects repeated list options', () => {
    expect(request([...TD, '--tags', 'key=a', '--tags', 'key=b'])).toMatchObject({
      tags: [{ key: 'a' }, { key: 'b' }],
    });
  });
});

describe('run-task command-line errors', () => {
  it.each<[string[], string]>([
    [['--count', 'abc'], 'Invalid value for parameter count: expected an integer, got "abc"'],
    [
      ['--capacity-provider-strategy', 'capacityProvider=a,weight=heavy'],
      'capacityProviderStrategy[0].weight: expected an integer, got "heavy"',
    ],
    [['--placement-strategy', 'type=spread,field'], 'expected a single value'],
    [
      ['--placement-strategy', 'typ=spread'],
      'Unknown parameter in placementStrategy[0]: "typ", must be one of: type, field',
    ],
    [
      ['--capacity-provider-strategy', 'weight=1'],
      'Missing required parameter in capacityProviderStrategy[0]: "capacityProvider"',
    ],
    [
      ['--placement-constraints', 'type=memberOf,expression="open'],
      "Error parsing parameter '--placement-constraints': unterminated double-quoted string at position 25",
    ],
    [
      ['--overrides', '{"cpu": 512}'],
      'Invalid type for parameter overrides.cpu, value: 512, type: integer, valid types: string',
    ],
    [['--overrides', '{"cpu": '], "Error parsing parameter '--overrides': Invalid JSON"],
    [['--overrides', 'file://missing.json'], 'Unable to load paramfile file://missing.json'],
    [
      ['--placement-strategy', '__proto__={type=spread}'],
      'Unknown parameter in placementStrategy[0]: "__proto__"',
    ],
    [['--overrides', '{"__proto__": {}}'], 'Unknown parameter in overrides: "__proto__"'],
  ])('%j', (argv, message) => {
    expect(usageErrorOf([...TD, ...argv])).toContain(message);
  });

  it('requires --task-definition', () => {
    expect(usageErrorOf(['--count', '2'])).toBe(
      'the following arguments are required: --task-definition',
    );
  });
});

describe('--cli-input-json / --cli-input-yaml', () => {
  it('fills the request from JSON text', () => {
    expect(request(['--cli-input-json', '{"taskDefinition":"web:1","count":2}'])).toEqual({
      taskDefinition: 'web:1',
      count: 2,
    });
  });

  it('fills the request from a JSON file, and options override its fields', () => {
    expect(
      request([
        '--cli-input-json',
        'file://request.json',
        '--count',
        '5',
        '--placement-strategy',
        'type=random',
      ]),
    ).toEqual({
      taskDefinition: 'web:1',
      cluster: 'default',
      count: 5,
      group: 'from-file',
      placementStrategy: [{ type: 'random' }],
    });
  });

  it('fills the request from a YAML file, and options override its fields', () => {
    expect(request(['--cli-input-yaml', 'file://request.yaml', '--started-by', 'cli'])).toEqual({
      taskDefinition: 'web:1',
      count: 2,
      startedBy: 'cli',
      placementConstraints: [{ type: 'distinctInstance' }],
    });
  });

  it('rejects both at once, unknown fields and wrong types', () => {
    expect(usageErrorOf(['--cli-input-json', '{}', '--cli-input-yaml', 'a: 1'])).toContain(
      'cannot be used together',
    );
    expect(usageErrorOf(['--cli-input-json', '{"taskDefinition":"x","color":"red"}'])).toContain(
      'Unknown parameter in input: "color"',
    );
    expect(usageErrorOf(['--cli-input-json', '{"taskDefinition":"x","count":"2"}'])).toContain(
      'Invalid type for parameter count',
    );
    expect(usageErrorOf(['--cli-input-yaml', '[1, 2]'])).toContain('must be a mapping');
  });
});

describe('tool options', () => {
  it('reads --cluster-state, --seed, --explain, --save and the skeleton kind', () => {
    expect(
      parse([
        '--cluster-state',
        'c.json',
        '--seed',
        's1',
        '--explain',
        '--save',
        '--generate-cli-skeleton',
      ]).tool,
    ).toEqual({
      clusterState: 'c.json',
      seed: 's1',
      explain: true,
      save: true,
      generateCliSkeleton: true,
    });
    expect(parse(['--generate-cli-skeleton', 'output']).tool).toEqual({
      generateCliSkeleton: 'output',
    });
  });

  it('leaves absent booleans undefined so --cli-input-json values are not overridden', () => {
    expect(parse(['--cli-input-json', '{}']).options).toEqual({});
  });
});
