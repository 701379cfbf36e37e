import { describe, expect, it } from 'vitest';
import { InvalidParameterException, PlatformUnknownException } from '../../src/kernel/errors.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import { validateFargateRequest } from '../../src/capacity/validate-fargate-request.js';
import type { TaskDefinition } from '../../src/kernel/ecs-types.js';
import { fargateTaskDefinition } from './fixtures.js';

const request = (extra: Partial<RunTaskInput> = {}): RunTaskInput => ({
  taskDefinition: 'web',
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
  ...extra,
});

const sized = (cpu: string | number | undefined, memory: string | number | undefined) => {
  const definition: TaskDefinition = fargateTaskDefinition();
  delete definition.cpu;
  delete definition.memory;
  if (cpu !== undefined) definition.cpu = cpu;
  if (memory !== undefined) definition.memory = memory;
  return definition;
};

const gib = (n: number) => n * 1024;
const range = (from: number, to: number) =>
  Array.from({ length: (to - from) / 1024 + 1 }, (_, i) => from + i * 1024);

/** The seed's table, written out independently of the implementation's constant. */
const SEED_TABLE: [number, number[]][] = [
  [256, [512, 1024, 2048]],
  [512, [1024, 2048, 3072, 4096]],
  [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
  [2048, range(gib(4), gib(16))],
  [4096, range(gib(8), gib(30))],
  // "16 GB and 60 GB in 4 GB increments" (Linux platform 1.4.0 or later)
  [8192, [16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60].map(gib)],
  // "32GB and 120 GB in 8 GB increments" (Linux platform 1.4.0 or later)
  [16384, [32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120].map(gib)],
];
const ALL_CPU = 'valid cpu values: 256, 512, 1024, 2048, 4096, 8192, 16384.';

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('accepted');
}

describe('validateFargateRequest: task sizes', () => {
  it('the rows have the lengths the seed implies', () => {
    expect(SEED_TABLE[4]![1]).toHaveLength(23); // 8 GB..30 GB by 1 GB
    expect(SEED_TABLE[3]![1]).toHaveLength(13); // 4 GB..16 GB by 1 GB
    expect(SEED_TABLE[5]![1]).toHaveLength(12); // 16 GB..60 GB by 4 GB
    expect(SEED_TABLE[6]![1]).toHaveLength(12); // 32 GB..120 GB by 8 GB
  });

  for (const [cpu, memories] of SEED_TABLE) {
    describe(`cpu ${cpu}`, () => {
      it.each(memories)(`accepts memory %i`, (memory) => {
        const settings = validateFargateRequest(request(), sized(String(cpu), String(memory)));
        expect(settings.cpu).toBe(cpu);
        expect(settings.memory).toBe(memory);
      });

      const lowest = memories[0]!;
      const highest = memories[memories.length - 1]!;
      it.each([lowest - 512, lowest - 1024, highest + 1024, lowest + 256, 0, highest + 4096])(
        'refuses memory %i naming the valid memory values',
        (memory) => {
          const error = refusal(() =>
            validateFargateRequest(request(), sized(String(cpu), String(memory))),
          );
          expect(error).toBeInstanceOf(InvalidParameterException);
          expect(error.message).toContain(
            `valid memory values for cpu ${cpu}: ${memories.join(', ')}.`,
          );
          expect(error.message).toContain(String(memory));
        },
      );
    });
  }

  it.each(['128', '768', '10240', '32768', 'lots', '0', '0.3 vCPU'])(
    'refuses cpu %s naming the valid cpu values',
    (cpu) => {
      const error = refusal(() => validateFargateRequest(request(), sized(cpu, '2048')));
      expect(error).toBeInstanceOf(InvalidParameterException);
      expect(error.message).toContain(cpu);
      expect(error.message).toContain(ALL_CPU);
    },
  );

  it('an unreadable cpu or memory names the accepted spellings', () => {
    expect(() => validateFargateRequest(request(), sized('lots', '2048'))).toThrow(
      /cpu is written as CPU units \("1024"\) or vCPUs/,
    );
    expect(() => validateFargateRequest(request(), sized('512', '1 GiB'))).toThrow(
      /memory is written as MiB \("2048"\) or GB/,
    );
  });

  it.each([
    ['8192', '32768'],
    ['8 vCPU', '60 GB'],
    ['16384', '122880'],
    ['16 vcpu', '120GB'],
  ])(
    'cpu %s with memory %s needs Linux platform 1.4.0: accepted on LATEST and 1.4.0',
    (cpu, memory) => {
      for (const platformVersion of [undefined, 'LATEST', '1.4.0']) {
        const input = request(platformVersion === undefined ? {} : { platformVersion });
        expect(() => validateFargateRequest(input, sized(cpu, memory))).not.toThrow();
      }
    },
  );

  it.each(['8192', '16384'])('cpu %s is refused on platform 1.3.0', (cpu) => {
    const memory = cpu === '8192' ? '16384' : '32768';
    const error = refusal(() =>
      validateFargateRequest(request({ platformVersion: '1.3.0' }), sized(cpu, memory)),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(
      `Fargate cpu ${cpu} requires Linux platform 1.4.0 or later (1.4.0 is LATEST); the request uses 1.3.0.`,
    );
  });

  it('refuses a missing cpu and a missing memory', () => {
    expect(() => validateFargateRequest(request(), sized(undefined, '512'))).toThrow(
      /need a task-level cpu; valid cpu values: 256, 512, 1024, 2048, 4096, 8192, 16384/,
    );
    expect(() => validateFargateRequest(request(), sized('512', undefined))).toThrow(
      /need a task-level memory; valid memory values for cpu 512: 1024, 2048, 3072, 4096/,
    );
  });

  it('reads numbers and the vCPU / GB spellings', () => {
    expect(validateFargateRequest(request(), sized(1024, 3072))).toMatchObject({
      cpu: 1024,
      memory: 3072,
    });
    expect(validateFargateRequest(request(), sized('0.25 vCPU', '0.5 GB'))).toMatchObject({
      cpu: 256,
      memory: 512,
    });
    expect(validateFargateRequest(request(), sized('2 vcpu', '16gb'))).toMatchObject({
      cpu: 2048,
      memory: 16384,
    });
  });

  it('uses overrides.cpu and overrides.memory before the task definition', () => {
    const input = request({ overrides: { cpu: '4096', memory: '30720' } });
    expect(validateFargateRequest(input, sized('256', '512'))).toMatchObject({
      cpu: 4096,
      memory: 30720,
    });
  });

  it('checks the overridden cpu against the task definition memory', () => {
    const input = request({ overrides: { cpu: '4096' } });
    expect(() => validateFargateRequest(input, sized('256', '512'))).toThrow(
      /cpu 4096 with memory "512"; valid memory values for cpu 4096: 8192, 9216/,
    );
  });

  it('an override can repair an invalid task-definition size', () => {
    const input = request({ overrides: { memory: '1024' } });
    expect(validateFargateRequest(input, sized('256', '4096')).memory).toBe(1024);
  });
});

describe('validateFargateRequest: placement and network', () => {
  it('refuses placement constraints in the request', () => {
    const input = request({ placementConstraints: [{ type: 'distinctInstance' }] });
    expect(() => validateFargateRequest(input, fargateTaskDefinition())).toThrow(
      /placement constraints are not supported for tasks on Fargate.*request/,
    );
  });

  it('refuses placement constraints in the task definition', () => {
    const definition = fargateTaskDefinition({
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:x == y' }],
    });
    expect(() => validateFargateRequest(request(), definition)).toThrow(
      /placement constraints are not supported for tasks on Fargate; task definition 'web:3'/,
    );
  });

  it('refuses placement strategies', () => {
    const input = request({ placementStrategy: [{ type: 'spread', field: 'instanceId' }] });
    const error = refusal(() => validateFargateRequest(input, fargateTaskDefinition()));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toMatch(/placement strategies are not supported for tasks on Fargate/);
  });

  it('accepts empty constraint and strategy lists', () => {
    const input = request({ placementConstraints: [], placementStrategy: [] });
    expect(() =>
      validateFargateRequest(input, fargateTaskDefinition({ placementConstraints: [] })),
    ).not.toThrow();
  });

  it.each([
    ['no networkConfiguration', {}],
    ['no awsvpcConfiguration', { networkConfiguration: {} }],
    ['no subnets', { networkConfiguration: { awsvpcConfiguration: { subnets: [] } } }],
  ])('requires a subnet: %s', (_name, extra) => {
    const input = { ...request(), networkConfiguration: undefined, ...extra } as RunTaskInput;
    expect(() => validateFargateRequest(input, fargateTaskDefinition())).toThrow(
      /require networkConfiguration.awsvpcConfiguration with at least one subnet/,
    );
  });

  it('refuses more than 16 subnets', () => {
    const subnets = Array.from({ length: 17 }, (_, i) => `subnet-${i}`);
    const input = request({ networkConfiguration: { awsvpcConfiguration: { subnets } } });
    expect(() => validateFargateRequest(input, fargateTaskDefinition())).toThrow(/17 subnets/);
  });

  it('returns the subnets once each, in request order', () => {
    const input = request({
      networkConfiguration: { awsvpcConfiguration: { subnets: ['s-b', 's-a', 's-b'] } },
    });
    expect(validateFargateRequest(input, fargateTaskDefinition()).subnets).toEqual(['s-b', 's-a']);
  });

  it.each(['bridge', 'host', 'none', undefined] as const)('refuses the %s network mode', (mode) => {
    const definition = fargateTaskDefinition();
    if (mode === undefined) delete definition.networkMode;
    else definition.networkMode = mode;
    expect(() => validateFargateRequest(request(), definition)).toThrow(
      new RegExp(
        `require the awsvpc network mode; task definition 'web:3' uses ${mode ?? 'bridge'}`,
      ),
    );
  });
});

describe('validateFargateRequest: platform version and ephemeral storage', () => {
  it('defaults to LATEST, reported as 1.4.0', () => {
    expect(validateFargateRequest(request(), fargateTaskDefinition()).platformVersion).toBe(
      '1.4.0',
    );
    expect(
      validateFargateRequest(request({ platformVersion: 'LATEST' }), fargateTaskDefinition())
        .platformVersion,
    ).toBe('1.4.0');
  });

  it.each(['1.3.0', '1.4.0'])('accepts platform version %s', (version) => {
    expect(
      validateFargateRequest(request({ platformVersion: version }), fargateTaskDefinition())
        .platformVersion,
    ).toBe(version);
  });

  it.each(['1.2.0', '1.5.0', 'latest', ''])('refuses platform version %j', (version) => {
    const error = refusal(() =>
      validateFargateRequest(request({ platformVersion: version }), fargateTaskDefinition()),
    );
    expect(error).toBeInstanceOf(PlatformUnknownException);
    expect(error.name).toBe('PlatformUnknownException');
    expect(error.message).toContain(`'${version}'`);
  });

  it('defaults ephemeral storage to 20 GiB', () => {
    expect(validateFargateRequest(request(), fargateTaskDefinition()).ephemeralStorage).toEqual({
      sizeInGiB: 20,
    });
  });

  it('takes the task definition ephemeral storage when there is no override', () => {
    const definition = { ...fargateTaskDefinition(), ephemeralStorage: { sizeInGiB: 50 } };
    expect(validateFargateRequest(request(), definition).ephemeralStorage).toEqual({
      sizeInGiB: 50,
    });
  });

  it.each([21, 100, 200])('honours an ephemeral storage override of %i GiB', (size) => {
    const input = request({ overrides: { ephemeralStorage: { sizeInGiB: size } } });
    expect(validateFargateRequest(input, fargateTaskDefinition()).ephemeralStorage).toEqual({
      sizeInGiB: size,
    });
  });

  it.each([20, 201, 0, 21.5])('refuses an ephemeral storage override of %s GiB', (size) => {
    const input = request({ overrides: { ephemeralStorage: { sizeInGiB: size } } });
    expect(() => validateFargateRequest(input, fargateTaskDefinition())).toThrow(
      /sizeInGiB .* is not valid; it must be an integer from 21 to 200/,
    );
  });

  it('refuses an ephemeral storage override on platform version 1.3.0', () => {
    const input = request({
      platformVersion: '1.3.0',
      overrides: { ephemeralStorage: { sizeInGiB: 30 } },
    });
    expect(() => validateFargateRequest(input, fargateTaskDefinition())).toThrow(
      /needs platform version 1.4.0 or later.*uses 1.3.0/,
    );
  });
});
