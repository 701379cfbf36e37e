// Bad input at the protocol level: each gets the protocol's error, never a crash, and the
// server keeps serving; concurrent RunTask calls never double-book a resource.
import { DescribeTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { ECS_TARGET_PREFIX } from '../../src/serve/ecs-endpoint.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { type RunningEndpoint, startEndpoint } from './endpoint-fixture.js';

const web = taskDefinition('web', [
  {
    name: 'web',
    cpu: 100,
    memory: 100,
    portMappings: [
      { containerPort: 80, hostPort: 0 },
      { containerPort: 9000, hostPort: 9000 },
    ],
  },
]);

/** 40 instances with room for 8 tasks each (CPU), one host port 9000 each: at most 40 tasks. */
function cluster(): Cluster {
  return Cluster.fromSnapshot(
    snapshotOf({
      instances: Array.from({ length: 40 }, (_, n) =>
        containerInstance({ id: `ci${n}`, cpu: 800, memory: 8000 }),
      ),
      taskDefinitions: [web],
    }),
  );
}

let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint(cluster(), { maxBodyBytes: 4096, seed: 'protocol' });
});
afterAll(() => endpoint.close());

async function post(
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> | undefined; text: string }> {
  const response = await fetch(endpoint.url, { method: 'POST', headers, body });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

const JSON_TYPE = { 'content-type': 'application/x-amz-json-1.1' };
const target = (op: string) => ({ ...JSON_TYPE, 'x-amz-target': `${ECS_TARGET_PREFIX}${op}` });

describe('protocol errors', () => {
  test('each bad request gets its protocol error', async () => {
    expect(await post('{}', JSON_TYPE)).toMatchObject({
      status: 400,
      json: { __type: 'UnknownOperationException' },
    });
    expect(await post('{}', { ...JSON_TYPE, 'x-amz-target': 'Other_20120810.Scan' })).toMatchObject(
      {
        status: 400,
        json: { __type: 'UnknownOperationException' },
      },
    );
    expect(await post('{}', target('CreateService'))).toMatchObject({
      status: 400,
      json: { __type: 'UnknownOperationException' },
    });
    expect(await post('{"taskDefinition":', target('RunTask'))).toMatchObject({
      status: 400,
      json: { __type: 'SerializationException' },
    });
    expect(await post('[1,2]', target('RunTask'))).toMatchObject({
      status: 400,
      json: { __type: 'SerializationException' },
    });
    expect(
      await post('{}', {
        'content-type': 'text/plain',
        'x-amz-target': `${ECS_TARGET_PREFIX}RunTask`,
      }),
    ).toMatchObject({ status: 415, json: { __type: 'UnsupportedMediaTypeException' } });
    expect(
      await post(JSON.stringify({ taskDefinition: 'x'.repeat(5000) }), target('RunTask')),
    ).toMatchObject({
      status: 413,
      json: { __type: 'RequestEntityTooLargeException' },
    });
    const unknown = await post(
      JSON.stringify({ taskDefinition: 'web', placementStrategies: [] }),
      target('RunTask'),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json?.['__type']).toBe('InvalidParameterException');
    expect(String(unknown.json?.['message'])).toContain('placementStrategies');
    const proto = await post('{"__proto__":{"x":1},"taskDefinition":"web"}', target('RunTask'));
    expect(proto.json?.['__type']).toBe('InvalidParameterException');
    const deep = await post(`${'['.repeat(1500)}${']'.repeat(1500)}`, target('RunTask'));
    expect(deep.json?.['__type']).toBe('SerializationException');
    // The EC2 query protocol: an action other than DescribeSubnets.
    const ec2 = await post('Action=RunInstances&Version=2016-11-15', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(ec2.status).toBe(400);
    expect(ec2.text).toContain('<Code>InvalidAction</Code>');
    // Still serving.
    const ok = await post(JSON.stringify({ taskDefinition: 'web' }), target('RunTask'));
    expect(ok.status).toBe(200);
    expect(ok.json?.['tasks']).toHaveLength(1);
  });

  test('a body larger than the limit sent in chunks is refused without reading it all', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        endpoint.url,
        { method: 'POST', headers: { ...target('RunTask'), 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(1000));
      req.end();
    });
    expect(status).toBe(413);
  });

  test('GET /health answers for scripts that wait', async () => {
    const response = await fetch(`${endpoint.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('concurrency', () => {
  // A server of its own: what the other tests placed does not count here.
  let own: RunningEndpoint;
  beforeAll(async () => {
    own = await startEndpoint(cluster(), { seed: 'concurrency' });
  });
  afterAll(() => own.close());

  test('200 concurrent RunTask calls: no port or CPU taken twice, every task described', async () => {
    const calls = await Promise.all(
      Array.from({ length: 200 }, () =>
        own.client.send(new RunTaskCommand({ taskDefinition: 'web' })),
      ),
    );
    const tasks = calls.flatMap((c) => c.tasks ?? []);
    // One fixed host port 9000 per instance: one task per instance, then failures.
    expect(tasks.length).toBe(40);
    expect(calls.filter((c) => (c.failures ?? []).length > 0)).toHaveLength(160);
    const perInstance = new Map<string, number>();
    for (const task of tasks) {
      const on = task.containerInstanceArn!;
      perInstance.set(on, (perInstance.get(on) ?? 0) + 1);
    }
    expect([...perInstance.values()].every((n) => n === 1)).toBe(true);
    const dynamic = tasks.map((t) =>
      t.containers?.[0]?.networkBindings?.map((b) => `${t.containerInstanceArn}:${b.hostPort}`),
    );
    expect(new Set(dynamic.flat()).size).toBe(dynamic.flat().length);
    const arns = tasks.map((t) => t.taskArn!);
    expect(new Set(arns).size).toBe(arns.length);
    for (let i = 0; i < arns.length; i += 100) {
      const described = await own.client.send(
        new DescribeTasksCommand({ tasks: arns.slice(i, i + 100) }),
      );
      expect(described.failures).toEqual([]);
      expect(described.tasks?.map((t) => t.taskArn)).toEqual(arns.slice(i, i + 100));
    }
    // The model agrees: every instance's CPU went down by exactly its tasks.
    const snapshot = own.cluster.toSnapshot();
    for (const instance of snapshot.clusters[0]!.containerInstances) {
      const cpu = instance.remainingResources!.find((r) => r.name === 'CPU')!.integerValue;
      expect(cpu).toBe(800 - 100);
    }
  });
});
