/**
 * Acceptance for the Fargate sizes and request fields, through `ecs-placement run-task`
 * on test/acceptance/fixtures/fargate-cluster.json: the 8 and 16 vCPU Fargate sizes, the
 * Windows rules, the "1 vCPU" / "2 GB" spellings, and clientToken replay. Expectations are
 * written from the seed's task-size table and the ECS documentation cited in docs/.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { command, REPOSITORY } from './run-example.js';

const STATE = 'test/acceptance/fixtures/fargate-cluster.json';
const NETWORK = 'awsvpcConfiguration={subnets=[subnet-0aaa0000000000001,subnet-0bbb0000000000002]}';

interface Task {
  taskArn: string;
  cpu?: string;
  memory?: string;
  launchType?: string;
  lastStatus?: string;
  platformVersion?: string;
  platformFamily?: string;
  availabilityZone?: string;
  containerInstanceArn?: string;
  attributes?: { name: string; value: string }[];
}

async function run(argv: string[], state = STATE) {
  return command(['run-task', '--cluster-state', state, '--cluster', 'fargate-lab', ...argv]);
}

async function placed(argv: string[], state = STATE): Promise<Task[]> {
  const result = await run(argv, state);
  if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { tasks: Task[] }).tasks;
}

async function refused(argv: string[], exception: string): Promise<string> {
  const result = await run(argv);
  expect(result.code).toBe(254);
  expect(result.stdout).toBe('');
  const prefix = `An error occurred (${exception}) when calling the RunTask operation: `;
  expect(result.stderr).toContain(prefix);
  return result.stderr.slice(result.stderr.indexOf(prefix) + prefix.length).trim();
}

const fargate = (taskDefinition: string, ...extra: string[]) => [
  '--task-definition',
  taskDefinition,
  '--launch-type',
  'FARGATE',
  '--network-configuration',
  NETWORK,
  ...extra,
];

describe('a Fargate 8 vCPU/32 GB and a 16 vCPU/120 GB task place', () => {
  it('8 vCPU with 32 GB: on Linux platform 1.4.0 (LATEST), in PROVISIONING', async () => {
    const [task] = await placed(fargate('render-8x32'));
    expect(task).toMatchObject({
      launchType: 'FARGATE',
      lastStatus: 'PROVISIONING',
      cpu: '8192',
      memory: '32768',
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
    });
    expect(task).not.toHaveProperty('containerInstanceArn');
  });

  it('16 vCPU with 120 GB, written "16 vCPU" / "120 GB" in the task definition', async () => {
    const tasks = await placed(fargate('render-16x120', '--count', '2'));
    expect(tasks.map((t) => [t.cpu, t.memory, t.availabilityZone])).toEqual([
      ['16384', '122880', 'us-east-1a'],
      ['16384', '122880', 'us-east-1b'],
    ]);
  });

  it('every memory step of the 8 and 16 vCPU rows, and nothing between', async () => {
    expect(await placed(fargate('render-8x32', '--overrides', 'memory=61440'))).toHaveLength(1);
    expect(await placed(fargate('render-16x120', '--overrides', 'memory="32 GB"'))).toHaveLength(1);
    const between = await refused(
      fargate('render-8x32', '--overrides', 'memory=34816'),
      'InvalidParameterException',
    );
    expect(between).toBe(
      'No Fargate configuration exists for cpu 8192 with memory "34816"; valid memory values ' +
        'for cpu 8192: 16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, ' +
        '57344, 61440.',
    );
  });

  it('they need Linux platform 1.4.0: refused on 1.3.0', async () => {
    const message = await refused(
      fargate('render-16x120', '--platform-version', '1.3.0'),
      'InvalidParameterException',
    );
    expect(message).toBe(
      'Fargate cpu 16384 requires Linux platform 1.4.0 or later (1.4.0 is LATEST); the request uses 1.3.0.',
    );
  });
});

describe('Windows rules hold', () => {
  it('a Windows task runs on Windows platform 1.0.0 and reports its family', async () => {
    for (const version of [[], ['--platform-version', 'LATEST'], ['--platform-version', '1.0.0']]) {
      const [task] = await placed(fargate('report-win', ...version));
      expect(task).toMatchObject({
        platformVersion: '1.0.0',
        platformFamily: 'WINDOWS_SERVER_2019_CORE',
        cpu: '1024',
        memory: '2048',
        attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
      });
    }
  });

  it('a Linux platform version is refused for it', async () => {
    const message = await refused(
      fargate('report-win', '--platform-version', '1.4.0'),
      'PlatformTaskDefinitionIncompatibilityException',
    );
    expect(message).toContain("Platform version '1.4.0' is a Linux platform version");
  });

  it('less than 1 vCPU is refused, in the task definition or an override', async () => {
    const fromDefinition = await refused(fargate('report-win-small'), 'InvalidParameterException');
    expect(fromDefinition).toMatch(
      /^The CPU units cannot be less than 1 vCPU \(1024\) when you use Windows containers on Fargate/,
    );
    const fromOverride = await refused(
      fargate('report-win', '--overrides', '{"cpu":"0.5 vCPU","memory":"1 GB"}'),
      'InvalidParameterException',
    );
    expect(fromOverride).toContain('the task asks for cpu "0.5 vCPU"');
  });

  it('8 vCPU is a Linux-only size', async () => {
    const message = await refused(
      fargate('report-win', '--overrides', '{"cpu":"8 vCPU","memory":"16 GB"}'),
      'InvalidParameterException',
    );
    expect(message).toContain('Fargate cpu 8192 requires Linux platform 1.4.0 or later');
  });

  it('FARGATE_SPOT does not take Windows tasks; FARGATE does', async () => {
    const spot = [
      '--task-definition',
      'report-win',
      '--network-configuration',
      NETWORK,
      '--capacity-provider-strategy',
    ];
    const message = await refused(
      [
        ...spot,
        'capacityProvider=FARGATE,weight=1',
        'capacityProvider=FARGATE_SPOT,weight=1',
        '--count',
        '2',
      ],
      'InvalidParameterException',
    );
    expect(message).toBe(
      "Windows containers on Fargate don't support the Fargate Spot capacity provider; the task " +
        'definition runs WINDOWS_SERVER_2019_CORE and the capacity provider strategy gives 1 ' +
        'task(s) to FARGATE_SPOT.',
    );
    expect(
      await placed([...spot, 'capacityProvider=FARGATE,weight=1', '--count', '2']),
    ).toHaveLength(2);
  });
});

describe('`1 vCPU` / `2 GB` strings work', () => {
  it('in a Fargate override', async () => {
    const [task] = await placed(fargate('api', '--overrides', '{"cpu":"1 vCPU","memory":"2 GB"}'));
    expect(task).toMatchObject({ cpu: '1024', memory: '2048' });
  });

  it('in a task definition ("0.25 vCPU" / "0.5 GB") on Fargate and on EC2', async () => {
    const [onFargate] = await placed(fargate('api'));
    expect(onFargate).toMatchObject({ cpu: '256', memory: '512' });
    const [onEc2] = await placed([
      '--task-definition',
      'api',
      '--launch-type',
      'EC2',
      '--network-configuration',
      NETWORK,
    ]);
    expect(onEc2).toMatchObject({ cpu: '256', memory: '512', launchType: 'EC2' });
    // On EC2 the architecture is the instance's.
    expect(onEc2!.attributes).toEqual([{ name: 'ecs.cpu-architecture', value: 'arm64' }]);
  });

  it('"1GB" without a space, and "1 vcpu" in lower case', async () => {
    const [task] = await placed(fargate('api', '--overrides', 'cpu="1 vcpu",memory=3GB'));
    expect(task).toMatchObject({ cpu: '1024', memory: '3072' });
  });

  it('the EC2 range of 128 to 10240 units holds', async () => {
    const message = await refused(
      [
        '--task-definition',
        'api',
        '--launch-type',
        'EC2',
        '--network-configuration',
        NETWORK,
        '--overrides',
        '{"cpu":"0.0625 vCPU"}',
      ],
      'InvalidParameterException',
    );
    expect(message).toBe(
      'Invalid overrides.cpu "0.0625 vCPU": with the EC2 launch type the task cpu must be ' +
        'between 128 CPU units (0.125 vCPUs) and 10240 CPU units (10 vCPUs).',
    );
  });
});

describe('clientToken replays', () => {
  it('a retry with --save returns the first response; a changed request conflicts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fargate-token-'));
    try {
      const state = join(dir, 'cluster.json');
      await copyFile(join(REPOSITORY, STATE), state);
      const argv = [
        ...fargate('api', '--count', '3'),
        '--client-token',
        'etl-2025-06-01',
        '--save',
      ];
      const first = await run(argv, state);
      expect(first.code).toBe(0);
      const retry = await run([...argv, '--seed', 'another-seed'], state);
      expect(retry.code).toBe(0);
      expect(retry.stdout).toBe(first.stdout);
      const saved = JSON.parse(await readFile(state, 'utf8'));
      expect(saved.clusters[0].tasks).toHaveLength(3);

      const changed = await run(
        [...fargate('api', '--count', '1'), '--client-token', 'etl-2025-06-01'],
        state,
      );
      expect(changed.code).toBe(254);
      expect(changed.stderr).toContain('An error occurred (ConflictException)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
