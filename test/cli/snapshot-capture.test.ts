// `ecs-placement snapshot capture` against a local HTTP endpoint that speaks the ECS JSON 1.1
// and EC2 query protocols (test/support/ecs-json-server.ts): the real AWS SDK clients make
// real requests with dummy credentials, through paging, batching, retries and refusals.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotCapture } from '../../src/cli/snapshot-command.js';
import {
  ACCOUNT,
  EXAMPLES,
  example,
  FILES,
  instanceArn,
  REGION,
  taskArn,
} from '../snapshot/aws-cli-examples.js';
import {
  type EcsJsonServer,
  type EcsJsonServerOptions,
  startEcsJsonServer,
} from '../support/ecs-json-server.js';
import { runCli } from './run-cli.js';

const ACCESS_KEY = 'AKIDCAPTURETEST00001';
/** Variables that would let the developer's own AWS setup leak into a test. */
const CLEARED = [
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_ECS',
  'AWS_ENDPOINT_URL_EC2',
  'AWS_MAX_ATTEMPTS',
  'AWS_RETRY_MODE',
];

type Json = Record<string, unknown>;

let dir: string;
let saved: Record<string, string | undefined>;
let server: EcsJsonServer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snapshot-capture-'));
  const env: Record<string, string | undefined> = {
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: 'capture-test-secret',
    // Never ask an instance metadata endpoint for credentials.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
  };
  for (const name of CLEARED) env[name] = undefined;
  saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  setEnv(env);
});

afterEach(async () => {
  setEnv(saved);
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

function setEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

function recorded(): Json[] {
  return FILES.map((file) => example(file));
}

async function serve(options: Partial<EcsJsonServerOptions> = {}): Promise<EcsJsonServer> {
  server = await startEcsJsonServer({
    documents: recorded(),
    region: REGION,
    accountId: ACCOUNT,
    accessKeyId: ACCESS_KEY,
    ...options,
  });
  return server;
}

function capture(url: string, ...more: string[]) {
  return runCli(
    [
      'snapshot',
      'capture',
      '--cluster',
      'shop',
      '--region',
      REGION,
      '--endpoint-url',
      url,
      ...more,
    ],
    { cwd: dir },
  );
}

function operations(endpoint: EcsJsonServer): string[] {
  return endpoint.calls.map((c) => c.operation);
}

/** A run-task response without its creation times (the clock, not the placement). */
function placement(stdout: string): unknown {
  return JSON.parse(stdout, (key, value) => (key === 'createdAt' ? undefined : value));
}

describe('snapshot capture against an ECS endpoint', () => {
  it('gives the snapshot import gives for the same payloads, through every page', async () => {
    const endpoint = await serve({ pageSize: 2 });
    const captured = await capture(endpoint.url, '--out', 'captured.json');
    expect(captured.stderr).toContain(
      'wrote captured.json: cluster shop (5 container instances, 4 tasks), 2 task definitions, 3 capacity providers, 4 subnets; region eu-west-1, account 210987654321',
    );
    expect(captured.code).toBe(0);
    expect(captured.stdout).toBe('');
    const imported = await runCli(['snapshot', 'import', EXAMPLES, '--out', 'imported.json'], {
      cwd: dir,
    });
    expect(imported.code).toBe(0);
    const [a, b] = await Promise.all(
      ['captured.json', 'imported.json'].map(async (f) =>
        JSON.parse(await readFile(join(dir, f), 'utf8')),
      ),
    );
    expect(a).toEqual(b);

    // Paging: two or three pages of each list, capacity providers and subnets.
    const ops = operations(endpoint);
    expect(ops.filter((o) => o === 'ListContainerInstances')).toHaveLength(3);
    expect(ops.filter((o) => o === 'ListTasks')).toHaveLength(2);
    expect(ops.filter((o) => o === 'DescribeCapacityProviders')).toHaveLength(2);
    expect(ops.filter((o) => o === 'DescribeSubnets').length).toBeGreaterThanOrEqual(3);
    expect(
      endpoint.calls.find((c) => c.operation === 'DescribeTaskDefinition')!.input,
    ).toMatchObject({
      include: ['TAGS'],
    });

    // run-task on the capture answers as run-task on the import.
    const request = [
      '--cluster',
      'shop',
      '--task-definition',
      'web',
      '--count',
      '2',
      '--placement-strategy',
      'type=spread,field=attribute:ecs.availability-zone',
    ];
    const onCapture = await runCli(['run-task', '--cluster-state', 'captured.json', ...request], {
      cwd: dir,
    });
    const onImport = await runCli(['run-task', '--cluster-state', 'imported.json', ...request], {
      cwd: dir,
    });
    expect(onCapture.code).toBe(0);
    expect(placement(onCapture.stdout)).toEqual(placement(onImport.stdout));
    expect(
      (placement(onCapture.stdout) as { tasks: { containerInstanceArn: string }[] }).tasks
        .map((t) => t.containerInstanceArn)
        .sort(),
    ).toEqual([
      instanceArn('b41d9e7c2a6f4b03c8e5a1d0f7296e2c'),
      instanceArn('e15b8c4d6a2f4e97d3a0b9c8e7f6d512'),
    ]);
  });

  it('prints the snapshot on stdout without --out, progress lines on stderr', async () => {
    const endpoint = await serve();
    const run = await capture(endpoint.url);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).clusters[0].clusterName).toBe('shop');
    expect(run.stderr.split('\n').slice(0, 8)).toEqual([
      'ecs-placement snapshot capture: describing cluster shop',
      'ecs-placement snapshot capture: listing container instances of shop',
      'ecs-placement snapshot capture: describing 5 container instances of shop',
      'ecs-placement snapshot capture: listing tasks of shop',
      'ecs-placement snapshot capture: describing 4 tasks of shop',
      'ecs-placement snapshot capture: describing 2 task definitions',
      'ecs-placement snapshot capture: describing 3 capacity providers',
      'ecs-placement snapshot capture: describing subnets',
    ]);
  });

  it('rewrites one progress line on a terminal and clears it', async () => {
    const endpoint = await serve();
    const run = await runCli(
      [
        'snapshot',
        'capture',
        '--cluster',
        'shop',
        '--region',
        REGION,
        '--endpoint-url',
        endpoint.url,
        '--out',
        'c.json',
      ],
      { cwd: dir, tty: true },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      '\r\x1b[Kecs-placement snapshot capture: describing 5 container instances of shop 5/5',
    );
    expect(run.stderr).toContain('\r\x1b[Kecs-placement snapshot capture: wrote c.json');
  });

  it('describes in batches of 100 and follows every page of a large cluster', async () => {
    const documents = largeCluster(230, 150);
    const endpoint = await serve({ documents });
    const run = await capture(endpoint.url, '--out', 'large.json');
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    const batches = endpoint.calls
      .filter((c) => c.operation === 'DescribeContainerInstances')
      .map((c) => (c.input['containerInstances'] as string[]).length);
    expect(batches.sort((x, y) => y - x)).toEqual([100, 100, 30]);
    const taskBatches = endpoint.calls
      .filter((c) => c.operation === 'DescribeTasks')
      .map((c) => (c.input['tasks'] as string[]).length);
    expect(taskBatches.sort((x, y) => y - x)).toEqual([100, 50]);
    expect(operations(endpoint).filter((o) => o === 'ListContainerInstances')).toHaveLength(3);
    const snapshot = JSON.parse(await readFile(join(dir, 'large.json'), 'utf8'));
    expect(snapshot.clusters[0].containerInstances).toHaveLength(230);
    expect(snapshot.clusters[0].tasks).toHaveLength(150);
  });

  it('also describes the instance of a task that registered after the listing', async () => {
    const late = instanceArn('e15b8c4d6a2f4e97d3a0b9c8e7f6d512');
    const endpoint = await serve({ unlisted: [late] });
    const run = await capture(endpoint.url);
    expect(run.code).toBe(0);
    const arns = JSON.parse(run.stdout).clusters[0].containerInstances.map(
      (i: Json) => i['containerInstanceArn'],
    );
    expect(arns).toContain(late);
    const described = endpoint.calls.filter((c) => c.operation === 'DescribeContainerInstances');
    expect(described.map((c) => c.input['containerInstances'])).toEqual([
      [
        instanceArn('3f6c2a9e8b1d4c7fa05e6b2d9c8a7f41'),
        instanceArn('7a0e4d2c9b3f4e18a6c5d7e2f1b0a953'),
        instanceArn('b41d9e7c2a6f4b03c8e5a1d0f7296e2c'),
        instanceArn('d92a7f3e5c1b4a86b0e4c3d2a1f5e678'),
      ],
      [late],
    ]);
  });

  it('describes task definitions named with --task-definition too', async () => {
    const documents = recorded();
    const older = example('describe-task-definition-web.json');
    const definition = older['taskDefinition'] as Json;
    definition['revision'] = 2;
    definition['taskDefinitionArn'] = (definition['taskDefinitionArn'] as string).replace(
      ':3',
      ':2',
    );
    documents.push(older);
    const endpoint = await serve({ documents });
    const run = await capture(endpoint.url, '--task-definition', 'web:2');
    expect(run.code).toBe(0);
    expect(
      JSON.parse(run.stdout).taskDefinitions.map((d: Json) => `${d['family']}:${d['revision']}`),
    ).toEqual(['web:2', 'web:3', 'worker:7']);
  });

  it('lets the SDK retry a throttled call', async () => {
    const endpoint = await serve({
      faults: {
        DescribeTasks: { error: 'ThrottlingException', message: 'Rate exceeded', times: 1 },
      },
    });
    const run = await capture(endpoint.url);
    expect(run.code).toBe(0);
    expect(operations(endpoint).filter((o) => o === 'DescribeTasks')).toHaveLength(2);
  });

  it('uses the credentials and region of --profile', async () => {
    await writeFile(join(dir, 'config'), `[profile capture-test]\nregion = ${REGION}\n`);
    await writeFile(
      join(dir, 'credentials'),
      '[capture-test]\naws_access_key_id = AKIDPROFILE000000001\naws_secret_access_key = profile-secret\n',
    );
    setEnv({
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
    });
    const endpoint = await serve({ accessKeyId: 'AKIDPROFILE000000001' });
    const run = await runCli(
      [
        'snapshot',
        'capture',
        '--cluster',
        'shop',
        '--profile',
        'capture-test',
        '--endpoint-url',
        endpoint.url,
      ],
      { cwd: dir },
    );
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).region).toBe(REGION);
  });

  it('runs as the installed command (the bundle), loading the SDK from node_modules', async () => {
    const endpoint = await serve();
    const bin = join(process.cwd(), 'dist/bundle/cli.js');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        bin,
        'snapshot',
        'capture',
        '--cluster',
        'shop',
        '--region',
        REGION,
        '--endpoint-url',
        endpoint.url,
      ],
      { cwd: dir, env: { ...process.env } },
    );
    expect(JSON.parse(stdout).clusters[0].tasks).toHaveLength(4);
    // The SDK's Node version notice is kept off a capture's stderr.
    expect(stderr).not.toContain('NodeVersionSupportWarning');
  });
});

describe('snapshot capture: refusals write nothing', () => {
  async function fails(url: string, ...more: string[]) {
    await writeFile(join(dir, 'existing.json'), 'old content');
    const run = await capture(url, '--out', 'existing.json', ...more);
    const fresh = await capture(url, '--out', 'fresh.json', ...more);
    expect(fresh.code).toBe(run.code);
    expect(await readFile(join(dir, 'existing.json'), 'utf8')).toBe('old content');
    expect((await readdir(dir)).filter((f) => f !== 'no-config' && f !== 'no-credentials')).toEqual(
      ['existing.json'],
    );
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('No snapshot was written.\n')).toBe(true);
    return run;
  }

  it('AccessDeniedException: names the call and the permission it needs, exit 254', async () => {
    const message =
      'User: arn:aws:iam::210987654321:user/dev is not authorized to perform: ecs:DescribeTasks on resource: arn:aws:ecs:eu-west-1:210987654321:container-instance/shop/* because no identity-based policy allows the ecs:DescribeTasks action';
    const endpoint = await serve({
      faults: { DescribeTasks: { error: 'AccessDeniedException', message } },
    });
    const run = await fails(endpoint.url);
    expect(run.code).toBe(254);
    expect(run.stderr).toContain(
      `\nAn error occurred (AccessDeniedException) when calling the DescribeTasks operation: ${message}\n` +
        'ecs-placement snapshot capture: error: access denied to ECS DescribeTasks: the credentials in use need the IAM permission ecs:DescribeTasks. A capture calls ecs:DescribeClusters, ecs:ListContainerInstances, ecs:DescribeContainerInstances, ecs:ListTasks, ecs:DescribeTasks, ecs:DescribeTaskDefinition, ecs:DescribeCapacityProviders, ec2:DescribeSubnets (ec2:DescribeSubnets is skipped with --no-subnets).\n',
    );
  });

  it('an EC2 UnauthorizedOperation names ec2:DescribeSubnets; --no-subnets does without it', async () => {
    const endpoint = await serve({
      faults: {
        DescribeSubnets: {
          error: 'UnauthorizedOperation',
          message: 'You are not authorized to perform this operation.',
        },
      },
    });
    const run = await fails(endpoint.url);
    expect(run.code).toBe(254);
    expect(run.stderr).toContain(
      'access denied to EC2 DescribeSubnets: the credentials in use need the IAM permission ec2:DescribeSubnets.',
    );
    const without = await capture(endpoint.url, '--no-subnets');
    expect(without.code).toBe(0);
    expect(JSON.parse(without.stdout).subnets).toBeUndefined();
    expect(without.stderr).toContain(
      'note: the subnets subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002, subnet-0a1b2c3d4e5f60003 used by instances or tasks are not described',
    );
  });

  it('a cluster that does not exist, exit 254', async () => {
    const endpoint = await serve();
    await writeFile(join(dir, 'existing.json'), 'old content');
    const run = await runCli(
      [
        'snapshot',
        'capture',
        '--cluster',
        'nope',
        '--region',
        REGION,
        '--endpoint-url',
        endpoint.url,
        '--out',
        'existing.json',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(254);
    expect(run.stderr).toBe(
      'ecs-placement snapshot capture: describing cluster nope\n' +
        `ecs-placement snapshot capture: error: DescribeClusters found no cluster arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/nope (MISSING) in ${REGION}: check --cluster, --region and --profile.\n` +
        'No snapshot was written.\n',
    );
    expect(await readFile(join(dir, 'existing.json'), 'utf8')).toBe('old content');
  });

  it('a --task-definition that does not exist: the service error and which one, exit 254', async () => {
    const endpoint = await serve();
    const run = await fails(endpoint.url, '--task-definition', 'web:9');
    expect(run.code).toBe(254);
    expect(run.stderr).toContain(
      '\nAn error occurred (ClientException) when calling the DescribeTaskDefinition operation: Unable to describe task definition.\n' +
        'ecs-placement snapshot capture: error: DescribeTaskDefinition failed for task definition web:9\n',
    );
  });

  it('credentials the service refuses, exit 254', async () => {
    const endpoint = await serve({ accessKeyId: 'AKIDSOMEONEELSE00001' });
    const run = await fails(endpoint.url);
    expect(run.code).toBe(254);
    expect(run.stderr).toContain(
      'An error occurred (UnrecognizedClientException) when calling the DescribeClusters operation',
    );
    expect(run.stderr).toContain('ECS refused the credentials in use');
  });

  it('no credentials at all, exit 253', async () => {
    setEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const endpoint = await serve();
    const run = await fails(endpoint.url);
    expect(run.code).toBe(253);
    expect(run.stderr).toContain('ecs-placement snapshot capture: error: no AWS credentials found');
    expect(endpoint.calls).toEqual([]);
  });

  it('no region, exit 253', async () => {
    const endpoint = await serve();
    const run = await runCli(
      ['snapshot', 'capture', '--cluster', 'shop', '--endpoint-url', endpoint.url],
      { cwd: dir },
    );
    expect(run.code).toBe(253);
    expect(run.stderr).toBe(
      'ecs-placement snapshot capture: error: no AWS region: give --region, set AWS_REGION, or set a region in the profile (~/.aws/config)\nNo snapshot was written.\n',
    );
  });

  it('an endpoint that does not answer, exit 255', async () => {
    const endpoint = await serve();
    const url = endpoint.url;
    await endpoint.close();
    server = undefined;
    const run = await fails(url);
    expect(run.code).toBe(255);
    expect(run.stderr).toContain(
      'ecs-placement snapshot capture: error: could not connect to ECS for DescribeClusters',
    );
  });

  it('records the region disagrees with: the import check names the ARN', async () => {
    const endpoint = await serve();
    const run = await runCli(
      [
        'snapshot',
        'capture',
        '--cluster',
        'shop',
        '--region',
        'us-east-1',
        '--endpoint-url',
        endpoint.url,
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(255);
    expect(run.stderr).toContain('is in region eu-west-1, but --region says us-east-1.');
  });

  it('the SDK is not installed: says how to install it, exit 255', async () => {
    let stderr = '';
    const missing = () =>
      Promise.reject(
        Object.assign(new Error("Cannot find package '@aws-sdk/client-ecs'"), {
          code: 'ERR_MODULE_NOT_FOUND',
        }),
      );
    const code = await snapshotCapture(
      { cluster: ['shop'], region: REGION },
      {
        stdout: { write: () => true },
        stderr: { write: (text: string) => (stderr += text) },
        stdin: process.stdin,
        env: {},
        cwd: dir,
      },
      { importers: { ecs: missing, ec2: missing } },
    );
    expect(code).toBe(255);
    expect(stderr).toContain(
      'snapshot capture needs the AWS SDK for JavaScript v3 package @aws-sdk/client-ecs, which is not installed.',
    );
    expect(stderr).toContain('`npm install @aws-sdk/client-ecs @aws-sdk/client-ec2`');
  });

  it('refuses a bad command line before any call, exit 252', async () => {
    const endpoint = await serve();
    const noCluster = await runCli(['snapshot', 'capture', '--region', REGION], { cwd: dir });
    expect(noCluster.code).toBe(252);
    expect(noCluster.stderr).toContain('error: the following arguments are required: --cluster');
    const badUrl = await runCli(
      ['snapshot', 'capture', '--cluster', 'shop', '--endpoint-url', 'localhost:4566'],
      { cwd: dir },
    );
    expect(badUrl.code).toBe(252);
    expect(badUrl.stderr).toContain(
      "argument --endpoint-url: expected an http:// or https:// URL, got 'localhost:4566'",
    );
    expect(endpoint.calls).toEqual([]);
  });
});

/** Recorded outputs of a cluster with `instanceCount` instances and `taskCount` web tasks. */
function largeCluster(instanceCount: number, taskCount: number): Json[] {
  const template = (
    example('describe-container-instances-page-1.json')['containerInstances'] as Json[]
  )[2]!;
  const taskTemplate = (example('describe-tasks.json')['tasks'] as Json[])[0]!;
  const id = (n: number, salt: string) => `${salt}${n.toString(16).padStart(31, '0')}`;
  const instances = Array.from({ length: instanceCount }, (_, n) => ({
    ...template,
    containerInstanceArn: instanceArn(id(n, 'a')),
    ec2InstanceId: `i-${n.toString(16).padStart(17, '0')}`,
  }));
  const tasks = Array.from({ length: taskCount }, (_, n) => ({
    ...taskTemplate,
    taskArn: taskArn(id(n, 'b')),
    containerInstanceArn: instanceArn(id(n % instanceCount, 'a')),
    containers: [],
  }));
  return [
    example('describe-clusters.json'),
    { containerInstances: instances, failures: [] },
    { tasks, failures: [] },
    example('describe-task-definition-web.json'),
    example('describe-capacity-providers.json'),
    example('describe-subnets.json'),
  ];
}
