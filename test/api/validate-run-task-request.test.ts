import { describe, expect, it } from 'vitest';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import { validateRunTaskRequest } from '../../src/api/validate-run-task.js';
import type { PlacementConstraint, TaskDefinition } from '../../src/kernel/ecs-types.js';
import {
  awsvpc,
  awsvpcDefinition,
  bridgeDefinition,
  fargateOnlyDefinition,
  thrownBy,
} from './fixtures.js';

type Extra = Omit<RunTaskInput, 'taskDefinition'>;
const onEc2 =
  (extra: Extra, definition: TaskDefinition = bridgeDefinition) =>
  () =>
    validateRunTaskRequest({ taskDefinition: 'web', ...extra }, definition, 'EC2');
const onFargate = (extra: Extra) => () =>
  validateRunTaskRequest(
    { taskDefinition: 'api', networkConfiguration: awsvpc(), ...extra },
    awsvpcDefinition,
    'FARGATE',
  );
const ok = (call: () => void) => expect(call).not.toThrow();

describe('count', () => {
  it.each([1, 10])('accepts %i', (count) => ok(onEc2({ count })));
  it('defaults to 1 (no count is fine)', () => ok(onEc2({})));
  it.each([0, 11, -1])('refuses %i', (count) => {
    expect(thrownBy(onEc2({ count }))).toBe(
      `Invalid count ${count}: must be between 1 and 10 tasks per call.`,
    );
  });
});

describe('startedBy (seed: up to 36 letters, numbers, hyphens and underscores)', () => {
  it('accepts 36 characters of the allowed set', () =>
    ok(onEc2({ startedBy: `a-_Z9${'x'.repeat(31)}` })));
  it('refuses 37 characters', () => {
    expect(thrownBy(onEc2({ startedBy: 'x'.repeat(37) }))).toMatch(
      /^Invalid startedBy "x+": must be 1 to 36 characters long \(got 37\)\.$/,
    );
  });
  it('refuses an empty string', () => {
    expect(thrownBy(onEc2({ startedBy: '' }))).toContain('startedBy ""');
  });
  it.each(['job/1', 'a b', 'ünï', 'x.y', 'a:b'])('refuses the characters of %j', (startedBy) => {
    expect(thrownBy(onEc2({ startedBy }))).toContain(
      'only letters, numbers, hyphens (-) and underscores (_) are allowed',
    );
  });
});

describe('group and referenceId', () => {
  it('accepts a 255-character group, refuses 256', () => {
    ok(onEc2({ group: 'g'.repeat(255) }));
    expect(thrownBy(onEc2({ group: 'g'.repeat(256) }))).toContain('(got 256)');
  });
  it('accepts a 1-character group, refuses an empty one', () => {
    ok(onEc2({ group: 'g' }));
    expect(thrownBy(onEc2({ group: '' }))).toBe(
      'Invalid group "": a task group name must be 1 to 255 characters long (got 0).',
    );
  });
  it('accepts a 1024-character referenceId, refuses 1025', () => {
    ok(onEc2({ referenceId: 'r'.repeat(1024) }));
    expect(thrownBy(onEc2({ referenceId: 'r'.repeat(1025) }))).toMatch(
      /^Invalid referenceId .*\(got 1025\)/,
    );
  });
});

describe('propagateTags', () => {
  it.each(['TASK_DEFINITION', 'NONE'] as const)('accepts %s', (propagateTags) =>
    ok(onEc2({ propagateTags })),
  );
  it('refuses SERVICE when running a task', () => {
    expect(thrownBy(onEc2({ propagateTags: 'SERVICE' }))).toContain(
      'Invalid propagateTags "SERVICE"',
    );
  });
});

describe('tags', () => {
  const tags = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
  it('accepts 50 tags, refuses 51', () => {
    ok(onEc2({ tags: tags(50) }));
    expect(thrownBy(onEc2({ tags: tags(51) }))).toBe(
      'Invalid tags "51 tags": at most 50 tags are allowed.',
    );
  });
  it('accepts a key of 128 characters, refuses 129', () => {
    ok(onEc2({ tags: [{ key: 'k'.repeat(128) }] }));
    expect(thrownBy(onEc2({ tags: [{ key: 'k'.repeat(129) }] }))).toContain('tags[0].key');
  });
  it('counts characters, not UTF-16 units: 128 emoji-free CJK characters are fine', () => {
    ok(onEc2({ tags: [{ key: '鍵'.repeat(128), value: '値'.repeat(256) }] }));
  });
  it('accepts a value of 256 characters and an empty value, refuses 257', () => {
    ok(
      onEc2({
        tags: [
          { key: 'a', value: 'v'.repeat(256) },
          { key: 'b', value: '' },
        ],
      }),
    );
    expect(thrownBy(onEc2({ tags: [{ key: 'a', value: 'v'.repeat(257) }] }))).toContain(
      'tags[0].value',
    );
  });
  it.each(['aws:owner', 'AWS:owner', 'Aws:owner', 'aWs:x'])(
    'refuses the reserved key prefix %s',
    (key) => {
      expect(thrownBy(onEc2({ tags: [{ key: 'ok', value: 'x' }, { key }] }))).toContain(
        `Invalid tags[1].key "${key}": the prefix aws: (in any case) is reserved`,
      );
    },
  );
  it.each(['aws:x', 'AWS:x', 'Aws:x'])('refuses the reserved value prefix %s', (value) => {
    expect(thrownBy(onEc2({ tags: [{ key: 'k', value }] }))).toContain('tags[0].value');
  });
  it('accepts aws without the colon and aws: inside a key', () => {
    ok(onEc2({ tags: [{ key: 'awsome', value: 'my-aws:thing' }] }));
  });
  it('refuses duplicate keys but treats keys as case-sensitive', () => {
    ok(onEc2({ tags: [{ key: 'Team' }, { key: 'team' }] }));
    expect(thrownBy(onEc2({ tags: [{ key: 'team' }, { key: 'team' }] }))).toBe(
      'Invalid tags[1].key "team": each tag key must be unique.',
    );
  });
  it('refuses a missing or empty key and characters outside the seed list', () => {
    expect(thrownBy(onEc2({ tags: [{ value: 'v' }] }))).toContain('tags[0].key');
    expect(thrownBy(onEc2({ tags: [{ key: '' }] }))).toContain('tags[0].key');
    expect(thrownBy(onEc2({ tags: [{ key: 'a#b' }] }))).toContain('only letters, numbers, spaces');
    ok(onEc2({ tags: [{ key: 'a +-=._:/@ b', value: 'x y' }] }));
  });
});

describe('placement constraints', () => {
  const memberOf = (n: number): PlacementConstraint[] =>
    Array.from({ length: n }, () => ({ type: 'memberOf', expression: 'attribute:stack == prod' }));
  const withInherited = (n: number): TaskDefinition => ({
    ...bridgeDefinition,
    placementConstraints: memberOf(n),
  });
  it('accepts 10, refuses 11', () => {
    ok(onEc2({ placementConstraints: memberOf(10) }));
    expect(thrownBy(onEc2({ placementConstraints: memberOf(11) }))).toBe(
      'Invalid placementConstraints "11 constraints": at most 10 constraints are allowed per task.',
    );
  });
  it("counts the task definition's constraints: 7 + 3 is fine, 7 + 4 is not", () => {
    ok(onEc2({ placementConstraints: memberOf(7) }, withInherited(3)));
    expect(thrownBy(onEc2({ placementConstraints: memberOf(7) }, withInherited(4)))).toContain(
      'including the 4 of the task definition (11 in all)',
    );
  });
  it('refuses any expression on distinctInstance, even an empty one (observed ECS text)', () => {
    ok(onEc2({ placementConstraints: [{ type: 'distinctInstance' }] }));
    for (const expression of ['', 'attribute:a == b']) {
      expect(
        thrownBy(onEc2({ placementConstraints: [{ type: 'distinctInstance', expression }] })),
      ).toBe('distinctInstance expression should not be specified.');
    }
  });
  it('refuses memberOf without an expression, with an empty one, or one over 2000 characters', () => {
    expect(thrownBy(onEc2({ placementConstraints: [{ type: 'memberOf' }] }))).toContain(
      'placementConstraints[0].expression',
    );
    expect(
      thrownBy(onEc2({ placementConstraints: [{ type: 'memberOf', expression: '  ' }] })),
    ).toContain('needs a non-empty expression');
    const long = `attribute:a == ${'x'.repeat(1985)}`;
    expect(long).toHaveLength(2000);
    ok(onEc2({ placementConstraints: [{ type: 'memberOf', expression: long }] }));
    expect(
      thrownBy(onEc2({ placementConstraints: [{ type: 'memberOf', expression: `${long}x` }] })),
    ).toContain('at most 2000 characters long (got 2001)');
  });
  it('refuses a constraint without a type', () => {
    expect(thrownBy(onEc2({ placementConstraints: [{ expression: 'a' }] }))).toContain(
      'placementConstraints[0].type',
    );
  });
  it("checks the task definition's constraints under their own path", () => {
    const definition = {
      ...bridgeDefinition,
      placementConstraints: [{ type: 'memberOf' as const }],
    };
    expect(thrownBy(onEc2({}, definition))).toContain(
      'taskDefinition.placementConstraints[0].expression',
    );
  });
});

describe('placement strategies', () => {
  it('accepts 5, refuses 6', () => {
    const five = Array.from({ length: 5 }, () => ({ type: 'random' as const }));
    ok(onEc2({ placementStrategy: five }));
    expect(thrownBy(onEc2({ placementStrategy: [...five, { type: 'random' }] }))).toBe(
      'Invalid placementStrategy "6 strategies": at most 5 strategy rules are allowed per task.',
    );
  });
  it.each(['cpu', 'memory'])('binpack accepts %s', (field) =>
    ok(onEc2({ placementStrategy: [{ type: 'binpack', field }] })),
  );
  it.each([undefined, 'MEMORY', 'gpu', 'instanceId'])('binpack refuses %j', (field) => {
    const strategy =
      field === undefined ? { type: 'binpack' as const } : { type: 'binpack' as const, field };
    expect(thrownBy(onEc2({ placementStrategy: [strategy] }))).toContain(
      'placementStrategy[0].field',
    );
  });
  it.each(['instanceId', 'host', 'attribute:ecs.availability-zone', 'attribute:stack'])(
    'spread accepts %s',
    (field) => ok(onEc2({ placementStrategy: [{ type: 'spread', field }] })),
  );
  it.each(['attribute:', 'cpu', 'attribute:a b', 'instanceid'])('spread refuses %j', (field) => {
    expect(thrownBy(onEc2({ placementStrategy: [{ type: 'spread', field }] }))).toContain(
      'spread needs the field instanceId, host or attribute:NAME',
    );
  });
  it('random ignores its field, whatever it is', () => {
    ok(onEc2({ placementStrategy: [{ type: 'random', field: 'anything at all' }] }));
  });
  it('refuses a strategy without a type', () => {
    expect(thrownBy(onEc2({ placementStrategy: [{ field: 'cpu' }] }))).toContain(
      'placementStrategy[0].type',
    );
  });
});

describe('overrides', () => {
  /** Overrides whose compact JSON is exactly `size` characters. */
  const overridesOfSize = (size: number) => {
    const empty = JSON.stringify({ containerOverrides: [{ name: 'web', command: [''] }] }).length;
    return { containerOverrides: [{ name: 'web', command: ['x'.repeat(size - empty)] }] };
  };
  it('accepts 8192 characters of JSON, refuses 8193', () => {
    expect(JSON.stringify(overridesOfSize(8192))).toHaveLength(8192);
    ok(onEc2({ overrides: overridesOfSize(8192) }));
    expect(thrownBy(onEc2({ overrides: overridesOfSize(8193) }))).toBe(
      'Invalid overrides "8193 characters of JSON": overrides may total at most 8192 characters, JSON formatting included.',
    );
  });
  it('accepts an empty list of container overrides', () =>
    ok(onEc2({ overrides: { containerOverrides: [] } })));
  it('refuses an unknown container, a missing name and a second override of one container', () => {
    expect(thrownBy(onEc2({ overrides: { containerOverrides: [{ name: 'db' }] } }))).toBe(
      'Invalid overrides.containerOverrides[0].name "db": no container of that name in task definition web:3 (containers: web, log-router).',
    );
    expect(thrownBy(onEc2({ overrides: { containerOverrides: [{ command: ['x'] }] } }))).toContain(
      'overrides.containerOverrides[0].name',
    );
    expect(
      thrownBy(onEc2({ overrides: { containerOverrides: [{ name: 'web' }, { name: 'web' }] } })),
    ).toContain('overrides.containerOverrides[1].name');
  });
  it('refuses negative container cpu/memory and memory below memoryReservation', () => {
    ok(
      onEc2({
        overrides: {
          containerOverrides: [{ name: 'web', cpu: 0, memory: 512, memoryReservation: 512 }],
        },
      }),
    );
    for (const member of ['cpu', 'memory', 'memoryReservation'] as const) {
      expect(
        thrownBy(onEc2({ overrides: { containerOverrides: [{ name: 'web', [member]: -1 }] } })),
      ).toBe(
        `Invalid overrides.containerOverrides[0].${member} -1: must be a non-negative integer.`,
      );
    }
    expect(
      thrownBy(
        onEc2({
          overrides: { containerOverrides: [{ name: 'web', memory: 100, memoryReservation: 200 }] },
        }),
      ),
    ).toContain('overrides.containerOverrides[0].memory 100');
  });
  it('accepts every documented spelling of task cpu and memory overrides', () => {
    // Seed: cpu "1024", "1 vCPU or 1 vcpu"; memory "1024", "1GB or 1 GB".
    for (const overrides of [
      { cpu: '1024', memory: '2048' },
      { cpu: '1 vCPU', memory: '2GB' },
      { cpu: '1 vcpu', memory: '2 GB' },
      { cpu: '0.25 vCPU', memory: '0.5 GB' },
    ]) {
      ok(onEc2({ overrides }));
    }
  });
  it('refuses unreadable or zero task cpu/memory overrides, naming the accepted forms', () => {
    for (const cpu of ['0', '-5', '', 'lots', '1 GB', '0.3 vCPU']) {
      expect(thrownBy(onEc2({ overrides: { cpu } }))).toBe(
        `Invalid overrides.cpu ${JSON.stringify(cpu)}: the task cpu override is a positive ` +
          'amount written as CPU units ("1024") or vCPUs ("1 vCPU", "0.25 vcpu").',
      );
    }
    expect(thrownBy(onEc2({ overrides: { memory: '2 GiB' } }))).toBe(
      'Invalid overrides.memory "2 GiB": the task memory override is a positive amount ' +
        'written as MiB ("2048") or GB ("2GB", "0.5 GB").',
    );
  });
  it('refuses a GPU requirement that is not a whole number', () => {
    expect(
      thrownBy(
        onEc2({
          overrides: {
            containerOverrides: [
              { name: 'web', resourceRequirements: [{ type: 'GPU', value: 'one' }] },
            ],
          },
        }),
      ),
    ).toContain('overrides.containerOverrides[0].resourceRequirements[0].value "one"');
  });
});

describe('ephemeral storage override (Fargate only, 21..200 GiB)', () => {
  it.each([21, 200])('accepts %i GiB on Fargate', (sizeInGiB) =>
    ok(onFargate({ overrides: { ephemeralStorage: { sizeInGiB } } })),
  );
  it.each([20, 201])('refuses %i GiB on Fargate', (sizeInGiB) => {
    expect(thrownBy(onFargate({ overrides: { ephemeralStorage: { sizeInGiB } } }))).toBe(
      `Invalid overrides.ephemeralStorage.sizeInGiB ${sizeInGiB}: must be between 21 and 200 GiB.`,
    );
  });
  it('refuses it on EC2', () => {
    expect(thrownBy(onEc2({ overrides: { ephemeralStorage: { sizeInGiB: 30 } } }))).toContain(
      'only be set for the FARGATE launch type, not EC2',
    );
  });
});

describe('enableExecuteCommand needs a task role', () => {
  it('refuses it without a role anywhere', () => {
    expect(thrownBy(onEc2({ enableExecuteCommand: true }))).toContain(
      'Invalid enableExecuteCommand true: the task definition web:3 has no taskRoleArn',
    );
  });
  it('accepts a role from the task definition or from the overrides, and false without one', () => {
    ok(
      onEc2(
        { enableExecuteCommand: true },
        { ...bridgeDefinition, taskRoleArn: 'arn:aws:iam::1:role/r' },
      ),
    );
    ok(onEc2({ enableExecuteCommand: true, overrides: { taskRoleArn: 'arn:aws:iam::1:role/r' } }));
    ok(onEc2({ enableExecuteCommand: false }));
    expect(
      thrownBy(onEc2({ enableExecuteCommand: true, overrides: { taskRoleArn: '' } })),
    ).toContain('has no taskRoleArn and overrides.taskRoleArn is empty;');
  });
});

describe('networkConfiguration', () => {
  it('is required for an awsvpc task definition', () => {
    expect(
      thrownBy(() => validateRunTaskRequest({ taskDefinition: 'api' }, awsvpcDefinition, 'EC2')),
    ).toBe(
      'Invalid networkConfiguration.awsvpcConfiguration (missing): required because task definition api:1 uses the awsvpc network mode.',
    );
    expect(
      thrownBy(() =>
        validateRunTaskRequest(
          { taskDefinition: 'api', networkConfiguration: {} },
          awsvpcDefinition,
          'EC2',
        ),
      ),
    ).toContain('networkConfiguration.awsvpcConfiguration');
  });
  it('is refused for other network modes', () => {
    expect(thrownBy(onEc2({ networkConfiguration: awsvpc() }))).toBe(
      'Invalid networkConfiguration "awsvpcConfiguration with 1 subnet": only task definitions in the awsvpc network mode take a network configuration; web:3 uses bridge mode.',
    );
    expect(thrownBy(onEc2({ networkConfiguration: {} }))).toContain(
      'Invalid networkConfiguration "no awsvpcConfiguration": only task definitions',
    );
  });
  it('takes 1..16 subnets and at most 5 security groups', () => {
    ok(onFargate({ networkConfiguration: awsvpc(16, 5) }));
    expect(thrownBy(onFargate({ networkConfiguration: awsvpc(17) }))).toContain(
      'Invalid networkConfiguration.awsvpcConfiguration.subnets "17 subnets"',
    );
    expect(thrownBy(onFargate({ networkConfiguration: awsvpc(0) }))).toContain('"0 subnets"');
    expect(thrownBy(onFargate({ networkConfiguration: awsvpc(1, 6) }))).toContain(
      'Invalid networkConfiguration.awsvpcConfiguration.securityGroups "6 security groups": at most 5',
    );
  });
});

describe('launch type against the task definition', () => {
  it('refuses a FARGATE-only definition on EC2 and an EC2-only one on FARGATE', () => {
    expect(
      thrownBy(() =>
        validateRunTaskRequest(
          { taskDefinition: 'edge', networkConfiguration: awsvpc() },
          fargateOnlyDefinition,
          'EC2',
        ),
      ),
    ).toBe('Task definition does not support launch_type EC2.');
    expect(
      thrownBy(() =>
        validateRunTaskRequest({ taskDefinition: 'web' }, bridgeDefinition, 'FARGATE'),
      ),
    ).toBe('Task definition does not support launch_type FARGATE.');
  });
  it('checks the computed compatibilities too', () => {
    const definition = {
      ...bridgeDefinition,
      requiresCompatibilities: undefined,
      compatibilities: ['EC2' as const],
    };
    const { requiresCompatibilities: _, ...withoutRequired } = definition;
    ok(() => validateRunTaskRequest({ taskDefinition: 'web' }, withoutRequired, 'EC2'));
    expect(
      thrownBy(() =>
        validateRunTaskRequest({ taskDefinition: 'web' }, withoutRequired, 'EXTERNAL'),
      ),
    ).toBe('Task definition does not support launch_type EXTERNAL.');
  });
  it('accepts a definition that lists both launch types on either', () => {
    ok(onFargate({}));
    ok(() =>
      validateRunTaskRequest(
        { taskDefinition: 'api', networkConfiguration: awsvpc() },
        awsvpcDefinition,
        'EC2',
      ),
    );
  });
  it('refuses platformVersion on EC2 and EXTERNAL, accepts it on FARGATE', () => {
    ok(onFargate({ platformVersion: '1.4.0' }));
    expect(thrownBy(onEc2({ platformVersion: 'LATEST' }))).toContain(
      'Invalid platformVersion "LATEST": a platform version is only specified for tasks on Fargate, not for the EC2 launch type',
    );
    const external = { ...bridgeDefinition, requiresCompatibilities: ['EXTERNAL' as const] };
    expect(
      thrownBy(() =>
        validateRunTaskRequest(
          { taskDefinition: 'web', platformVersion: '1.4.0' },
          external,
          'EXTERNAL',
        ),
      ),
    ).toContain('not for the EXTERNAL launch type');
  });
});

describe('memberOf expressions are checked as cluster query language', () => {
  it.each([
    'attribute:ecs.instance-type =~ g4dn.*',
    'task:group == service:api',
    'not(task:group == database) and agentVersion >= 1.70.0',
    "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
  ])('accepts %s', (expression) =>
    ok(onEc2({ placementConstraints: [{ type: 'memberOf', expression }] })),
  );

  it.each([
    ['attribute:stack ==', 'placementConstraints[0].expression'],
    ['agentVersoin < 1.0.0', 'agentVersoin'],
    ['(attribute:a == b', 'column'],
  ])('refuses %j with the CQL error and its position', (expression, fragment) => {
    const message = thrownBy(onEc2({ placementConstraints: [{ type: 'memberOf', expression }] }));
    expect(message).toContain(
      `Invalid placementConstraints[0].expression ${JSON.stringify(expression)}: not a valid cluster query language expression: `,
    );
    expect(message).toContain(fragment);
    expect(message).toMatch(/at line 1, column \d+/);
  });

  it('reports the failing constraint by its index', () => {
    const message = thrownBy(
      onEc2({
        placementConstraints: [
          { type: 'distinctInstance' },
          { type: 'memberOf', expression: 'attribute:a == b' },
          { type: 'memberOf', expression: 'runningTasksCount == many' },
        ],
      }),
    );
    expect(message).toContain('placementConstraints[2].expression');
  });
});

describe('task cpu range for the EC2 launch type (seed: 128 to 10240 CPU units)', () => {
  it.each(['128', '10240', '0.125 vCPU', '10 vCPU', '4096'])('accepts an override of %s', (cpu) =>
    ok(onEc2({ overrides: { cpu } })),
  );
  it.each([
    ['127', '"127"'],
    ['10241', '"10241"'],
    ['16 vCPU', '"16 vCPU"'],
    ['0.0625 vCPU', '"0.0625 vCPU"'],
  ])('refuses an override of %s', (cpu, shown) => {
    expect(thrownBy(onEc2({ overrides: { cpu } }))).toBe(
      `Invalid overrides.cpu ${shown}: with the EC2 launch type the task cpu must be between ` +
        '128 CPU units (0.125 vCPUs) and 10240 CPU units (10 vCPUs).',
    );
  });
  it("checks the task definition's own cpu when nothing overrides it", () => {
    const big: TaskDefinition = { ...bridgeDefinition, cpu: '12 vCPU' };
    expect(thrownBy(onEc2({}, big))).toBe(
      'Invalid taskDefinition.cpu "12 vCPU": with the EC2 launch type the task cpu must be ' +
        `between 128 CPU units (0.125 vCPUs) and 10240 CPU units (10 vCPUs) (task definition ${big.family}:${big.revision}).`,
    );
    // An override within the range takes its place.
    ok(onEc2({ overrides: { cpu: '2048' } }, big));
  });
  it('no task-level cpu at all is fine on EC2 (the field is optional)', () => ok(onEc2({})));
  it('Fargate and EXTERNAL are not held to the EC2 range', () => {
    ok(onFargate({ overrides: { cpu: '16 vCPU', memory: '32 GB' } }));
    ok(() =>
      validateRunTaskRequest(
        { taskDefinition: 'web', overrides: { cpu: '64' } },
        { ...bridgeDefinition, requiresCompatibilities: ['EXTERNAL'] },
        'EXTERNAL',
      ),
    );
  });
  it('refuses a task definition cpu or memory in no documented form', () => {
    const odd: TaskDefinition = { ...bridgeDefinition, memory: '2 GiB' };
    expect(thrownBy(onEc2({}, odd))).toBe(
      `Invalid taskDefinition.memory "2 GiB": task definition ${odd.family}:${odd.revision} gives ` +
        'its memory in no form ECS accepts; it is written as MiB ("2048") or GB ("2GB", "0.5 GB").',
    );
  });
});
