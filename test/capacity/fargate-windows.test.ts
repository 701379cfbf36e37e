// Windows containers and CPU architectures on Fargate: expectations written from the seed
// ("The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate",
// the 8 and 16 vCPU rows need "Linux platform 1.4.0 or later", ephemeral storage needs
// "Windows platform version 1.0.0 or later") and the developer guide (LATEST Windows platform
// version 1.0.0; Windows containers on Fargate don't support Fargate Spot; FARGATE_SPOT runs
// ARM64 Linux tasks on platform version 1.4.0 or later).
import { describe, expect, it } from 'vitest';
import {
  InvalidParameterException,
  PlatformTaskDefinitionIncompatibilityException,
  PlatformUnknownException,
} from '../../src/kernel/errors.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import { validateFargateRequest } from '../../src/capacity/validate-fargate-request.js';
import type { RuntimePlatform, TaskDefinition } from '../../src/kernel/ecs-types.js';
import { fargateTaskDefinition } from './fixtures.js';

const request = (extra: Partial<RunTaskInput> = {}): RunTaskInput => ({
  taskDefinition: 'web',
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
  ...extra,
});

const windows = (
  cpu: string,
  memory: string,
  platform: RuntimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE' },
): TaskDefinition => fargateTaskDefinition({ cpu, memory, runtimePlatform: platform });

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('accepted');
}

const WINDOWS_CPU = 'valid cpu values for Windows containers: 1024, 2048, 4096.';

describe('Windows containers on Fargate', () => {
  it.each([
    'WINDOWS_SERVER_2019_FULL',
    'WINDOWS_SERVER_2019_CORE',
    'WINDOWS_SERVER_2022_FULL',
    'WINDOWS_SERVER_2022_CORE',
  ] as const)('%s runs on Windows platform 1.0.0 and reports its family', (family) => {
    const settings = validateFargateRequest(
      request(),
      windows('1024', '2048', { operatingSystemFamily: family }),
    );
    expect(settings).toMatchObject({
      cpu: 1024,
      memory: 2048,
      platformVersion: '1.0.0',
      platformFamily: family,
      operatingSystemFamily: family,
      cpuArchitecture: 'X86_64',
    });
  });

  it.each(['LATEST', '1.0.0'])('accepts platform version %s, run as 1.0.0', (version) => {
    expect(
      validateFargateRequest(request({ platformVersion: version }), windows('2048', '4096'))
        .platformVersion,
    ).toBe('1.0.0');
  });

  it.each(['1.4.0', '1.3.0'])(
    'refuses the Linux platform version %s as incompatible with the task definition',
    (version) => {
      const error = refusal(() =>
        validateFargateRequest(request({ platformVersion: version }), windows('1024', '2048')),
      );
      expect(error).toBeInstanceOf(PlatformTaskDefinitionIncompatibilityException);
      expect(error.message).toBe(
        `Platform version '${version}' is a Linux platform version; the task definition runs ` +
          'Windows containers, whose platform versions are: LATEST, 1.0.0.',
      );
    },
  );

  it('refuses a version that exists for no operating system as unknown', () => {
    const error = refusal(() =>
      validateFargateRequest(request({ platformVersion: '2.0.0' }), windows('1024', '2048')),
    );
    expect(error).toBeInstanceOf(PlatformUnknownException);
    expect(error.message).toContain('accepted values for Windows tasks: LATEST, 1.0.0.');
  });

  it('a Linux task refuses the Windows platform version 1.0.0', () => {
    const error = refusal(() =>
      validateFargateRequest(request({ platformVersion: '1.0.0' }), fargateTaskDefinition()),
    );
    expect(error).toBeInstanceOf(PlatformTaskDefinitionIncompatibilityException);
    expect(error.message).toContain('whose platform versions are: LATEST, 1.4.0, 1.3.0.');
  });

  it.each([
    ['256', '512'],
    ['512', '1024'],
    ['0.5 vCPU', '2 GB'],
  ])('refuses cpu %s: not less than 1 vCPU for Windows', (cpu, memory) => {
    const error = refusal(() => validateFargateRequest(request(), windows(cpu, memory)));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(
      'The CPU units cannot be less than 1 vCPU (1024) when you use Windows containers on ' +
        `Fargate; the task asks for cpu ${JSON.stringify(cpu)}; ${WINDOWS_CPU}`,
    );
  });

  it.each([
    ['8192', '16384'],
    ['16384', '32768'],
  ])('refuses cpu %s, a Linux-only size', (cpu, memory) => {
    const error = refusal(() => validateFargateRequest(request(), windows(cpu, memory)));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(
      `Fargate cpu ${cpu} requires Linux platform 1.4.0 or later; the task definition runs ` +
        `WINDOWS_SERVER_2019_CORE; ${WINDOWS_CPU}`,
    );
  });

  it('accepts the 1 vCPU floor and the 4 vCPU / 30 GB top', () => {
    expect(validateFargateRequest(request(), windows('1 vCPU', '8 GB'))).toMatchObject({
      cpu: 1024,
      memory: 8192,
    });
    expect(validateFargateRequest(request(), windows('4096', '30720'))).toMatchObject({
      cpu: 4096,
      memory: 30720,
    });
  });

  it('an ephemeral storage override is fine on Windows platform 1.0.0', () => {
    const input = request({ overrides: { ephemeralStorage: { sizeInGiB: 40 } } });
    expect(validateFargateRequest(input, windows('1024', '2048')).ephemeralStorage).toEqual({
      sizeInGiB: 40,
    });
  });

  it.each([
    'WINDOWS_SERVER_2016_FULL',
    'WINDOWS_SERVER_2004_CORE',
    'WINDOWS_SERVER_20H2_CORE',
    'WINDOWS_SERVER_2025_CORE',
  ] as const)('refuses %s, which Fargate does not offer', (family) => {
    const error = refusal(() =>
      validateFargateRequest(request(), windows('1024', '2048', { operatingSystemFamily: family })),
    );
    expect(error).toBeInstanceOf(PlatformTaskDefinitionIncompatibilityException);
    expect(error.message).toContain(`runs ${family}, which Fargate does not offer`);
  });

  it('refuses Windows on ARM64', () => {
    const error = refusal(() =>
      validateFargateRequest(
        request(),
        windows('1024', '2048', {
          operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE',
          cpuArchitecture: 'ARM64',
        }),
      ),
    );
    expect(error).toBeInstanceOf(PlatformTaskDefinitionIncompatibilityException);
    expect(error.message).toContain('ARM64 architecture is available for Linux tasks only');
  });

  it('refuses Windows tasks on FARGATE_SPOT, and takes them on FARGATE', () => {
    const error = refusal(() =>
      validateFargateRequest(request(), windows('1024', '2048'), {
        capacityProvider: 'FARGATE_SPOT',
        count: 2,
      }),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe(
      "Windows containers on Fargate don't support the Fargate Spot capacity provider; the " +
        'task definition runs WINDOWS_SERVER_2019_CORE and the capacity provider strategy gives ' +
        '2 task(s) to FARGATE_SPOT.',
    );
    expect(() =>
      validateFargateRequest(request(), windows('1024', '2048'), {
        capacityProvider: 'FARGATE',
        count: 2,
      }),
    ).not.toThrow();
  });
});

describe('runtimePlatform on Linux', () => {
  it('no runtimePlatform means Linux on X86_64', () => {
    expect(validateFargateRequest(request(), fargateTaskDefinition())).toMatchObject({
      platformFamily: 'Linux',
      operatingSystemFamily: 'LINUX',
      cpuArchitecture: 'X86_64',
    });
  });

  it('carries ARM64 through', () => {
    const definition = fargateTaskDefinition({
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
    });
    expect(validateFargateRequest(request(), definition)).toMatchObject({
      platformFamily: 'Linux',
      cpuArchitecture: 'ARM64',
    });
  });

  it('FARGATE_SPOT takes ARM64 on platform 1.4.0 but not on 1.3.0', () => {
    const definition = fargateTaskDefinition({ runtimePlatform: { cpuArchitecture: 'ARM64' } });
    const spot = { capacityProvider: 'FARGATE_SPOT', count: 1 };
    expect(() => validateFargateRequest(request(), definition, spot)).not.toThrow();
    expect(() =>
      validateFargateRequest(request({ platformVersion: '1.3.0' }), definition, spot),
    ).toThrow(
      'FARGATE_SPOT supports Linux tasks with the ARM64 architecture on platform version 1.4.0 ' +
        'or later; the request uses 1.3.0 and the capacity provider strategy gives 1 task(s) to ' +
        'FARGATE_SPOT.',
    );
  });

  it('FARGATE_SPOT takes X86_64 Linux tasks on 1.3.0', () => {
    expect(() =>
      validateFargateRequest(request({ platformVersion: '1.3.0' }), fargateTaskDefinition(), {
        capacityProvider: 'FARGATE_SPOT',
        count: 1,
      }),
    ).not.toThrow();
  });

  it.each([
    [{ operatingSystemFamily: 'WINDOWS' }, 'runtimePlatform.operatingSystemFamily "WINDOWS"'],
    [{ cpuArchitecture: 'arm64' }, 'runtimePlatform.cpuArchitecture "arm64"'],
  ])('refuses a runtimePlatform value ECS does not have: %j', (platform, shown) => {
    const definition = fargateTaskDefinition({
      runtimePlatform: platform as unknown as RuntimePlatform,
    });
    const error = refusal(() => validateFargateRequest(request(), definition));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toContain(`Task definition 'web:3' has ${shown}; valid values:`);
  });
});
