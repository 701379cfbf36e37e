/**
 * The endpoint's figures (`npm run bench:endpoint`, docs/endpoint.md "Figures"): RunTask
 * requests per second over loopback with keep-alive, count 1 and count 10, on the
 * 5,000-instance bench cluster, and what HTTP adds per request over the in-process call.
 *
 * The server is `ecs-placement serve` (the bundle) in a process of its own; the client is
 * node:http with a keep-alive agent. Both sides run the same sequence of requests (the
 * reference workload, its group cycling over 50 values so distinctInstance never runs out)
 * from the same state with the same seed, so they make the same placements: the in-process
 * sequence on a fresh Cluster gives the library's time per call, the sequential HTTP run the
 * round trip, and their medians' difference is the HTTP layer (client included, so it is an
 * upper bound for the server's share). Then the same requests with 8 in flight give the
 * throughput. Last, the server's own share: the endpoint in this process, the time from its
 * `request` event to the response's `finish` less the time of the Cluster call inside it
 * (body read, JSON, shape check, timestamps, the answer). Figures on a shared machine are
 * rough.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from '../src/api/cluster.js';
import { createEcsEndpoint } from '../src/serve/ecs-endpoint.js';
import type { RunTaskInput } from '../src/kernel/run-task-types.js';
import { benchSnapshot } from './bench-snapshot.js';
import { repoRoot } from './paths.js';
import { referenceRequest } from './reference-request.js';

const INSTANCES = 5000;
const SEED = 'endpoint-bench';
const TARGET = 'AmazonEC2ContainerServiceV20141113.RunTask';

function requests(count: number, calls: number): RunTaskInput[] {
  return Array.from({ length: calls }, (_, i) => ({
    ...referenceRequest(`family:bench-${i % 50}`),
    count,
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function inProcess(list: RunTaskInput[]): number[] {
  const cluster = Cluster.fromSnapshot(benchSnapshot(INSTANCES));
  return list.map((input) => {
    const start = process.hrtime.bigint();
    cluster.runTask(input, { seed: SEED });
    return Number(process.hrtime.bigint() - start) / 1000;
  });
}

async function startServer(file: string): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'dist/bundle/cli.js'), 'serve', '--cluster-state', file, '--seed', SEED],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(new URL(match[1]!));
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, url };
}

function post(agent: Agent, url: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': TARGET,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function overHttp(
  list: RunTaskInput[],
  inFlight: number,
  file: string,
): Promise<{ latencies: number[]; perSecond: number }> {
  const { child, url } = await startServer(file);
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const bodies = list.map((input) => JSON.stringify(input));
  const latencies: number[] = [];
  let next = 0;
  const began = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const start = process.hrtime.bigint();
        await post(agent, url, body);
        latencies.push(Number(process.hrtime.bigint() - start) / 1000);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  agent.destroy();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  return { latencies, perSecond: list.length / seconds };
}

/** The server's time per request beyond the Cluster call, p50 (endpoint in this process). */
async function serverShare(list: RunTaskInput[]): Promise<number> {
  const cluster = Cluster.fromSnapshot(benchSnapshot(INSTANCES));
  const call = cluster.runTask.bind(cluster);
  const inCall: number[] = [];
  cluster.runTask = (input, options) => {
    const start = process.hrtime.bigint();
    const output = call(input, options);
    inCall.push(Number(process.hrtime.bigint() - start) / 1000);
    return output;
  };
  const endpoint = createEcsEndpoint({ cluster, seed: SEED });
  const handled: number[] = [];
  endpoint.server.prependListener('request', (_request, response) => {
    const start = process.hrtime.bigint();
    response.on('finish', () => handled.push(Number(process.hrtime.bigint() - start) / 1000));
  });
  const url = new URL(await endpoint.listen(0, '127.0.0.1'));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (const input of list) await post(agent, url, JSON.stringify(input));
  agent.destroy();
  await endpoint.close();
  return median(handled.map((h, i) => h - inCall[i]!));
}

async function main(): Promise<void> {
  const file = join(tmpdir(), `endpoint-bench-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(benchSnapshot(INSTANCES)));
  const rows: string[] = [];
  for (const [count, calls] of [
    [1, 2000],
    [10, 500],
  ] as const) {
    const list = requests(count, calls);
    const library = median(inProcess(list));
    const sequential = await overHttp(list, 1, file);
    const parallel = await overHttp(list, 8, file);
    const http = median(sequential.latencies);
    const server = await serverShare(list);
    rows.push(
      `RunTask count ${count} (${calls} calls, ${INSTANCES} instances): in-process p50 ${library.toFixed(0)} µs; ` +
        `HTTP p50 ${http.toFixed(0)} µs (HTTP layer +${(http - library).toFixed(0)} µs); ` +
        `${sequential.perSecond.toFixed(0)} requests/s one at a time, ${parallel.perSecond.toFixed(0)} requests/s with 8 in flight; ` +
        `server's own share p50 ${server.toFixed(0)} µs`,
    );
  }
  for (const row of rows) console.log(row);
}

await main();
