// The worked custom scheduler (examples/custom-scheduler/) runs, and its decisions are those
// of `ecs-placement run-task` on the equivalent snapshot: the starting snapshot with every
// container instance and task replaced by the last version the event stream carries for it,
// one request after the other with --save. Both run the built package (`npm test` builds).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContainerInstance, Snapshot, Task } from '../../src/kernel/ecs-types.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';

const EXAMPLE = 'examples/custom-scheduler';
const read = (name: string) => readFileSync(join(EXAMPLE, name), 'utf8');
const B = '7d2e1f0a9b8c4d3e2f1a0b9c8d7e6f5a';
const C = '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6';
const D = '9e8d7c6b5a4f43e2d1c0b9a8f7e6d5c4';

interface StartTaskCall {
  taskDefinition: string;
  containerInstances: string[];
}

function runScheduler(): { output: string; calls: StartTaskCall[] } {
  const output = execFileSync(process.execPath, [join(EXAMPLE, 'scheduler.mjs')], {
    encoding: 'utf8',
  });
  const calls = output
    .split('\n')
    .filter((line) => line.startsWith('StartTask '))
    .map((line) => JSON.parse(line.slice('StartTask '.length)) as StartTaskCall);
  return { output, calls };
}

/** The snapshot the stream describes, built here without the library's event code. */
function equivalentSnapshot(): Snapshot {
  const snapshot = JSON.parse(read('cluster.json')) as Snapshot;
  const cluster = snapshot.clusters[0]!;
  const instances = new Map(cluster.containerInstances.map((i) => [i.containerInstanceArn, i]));
  const tasks = new Map(cluster.tasks.map((t) => [t.taskArn, t]));
  for (const line of read('events.jsonl').split('\n')) {
    if (line === '') continue;
    const event = JSON.parse(line);
    if (event.detail.clusterArn !== cluster.clusterArn) continue;
    if (event['detail-type'] === 'ECS Container Instance State Change') {
      const known = instances.get(event.detail.containerInstanceArn);
      if (!known || (known.version ?? -1) < event.detail.version) {
        instances.set(event.detail.containerInstanceArn, event.detail as ContainerInstance);
      }
    } else if (event['detail-type'] === 'ECS Task State Change') {
      const known = tasks.get(event.detail.taskArn);
      if (!known || (known.version ?? -1) < event.detail.version) {
        tasks.set(event.detail.taskArn, event.detail as Task);
      }
    }
  }
  cluster.containerInstances = [...instances.values()];
  cluster.tasks = [...tasks.values()];
  return snapshot;
}

/** Container instance ids chosen by the CLI for each request, in turn, with --save. */
function cliDecisions(requests: RunTaskInput[]): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'custom-scheduler-'));
  const state = join(dir, 'cluster.json');
  writeFileSync(state, JSON.stringify(equivalentSnapshot()));
  return requests.map((request, i) => {
    const input = join(dir, `request-${i}.json`);
    writeFileSync(input, JSON.stringify(request));
    const args = ['--cluster-state', state, '--save', '--seed', 'custom-scheduler'];
    const out = execFileSync(
      process.execPath,
      ['dist/bundle/cli.js', 'run-task', ...args, '--cli-input-json', `file://${input}`],
      { encoding: 'utf8' },
    );
    const tasks = (JSON.parse(out) as { tasks: Task[] }).tasks;
    return tasks
      .map((t) => t.containerInstanceArn!.slice(t.containerInstanceArn!.lastIndexOf('/') + 1))
      .sort();
  });
}

describe('examples/custom-scheduler', () => {
  const requests = read('requests.jsonl')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RunTaskInput);
  const { output, calls } = runScheduler();
  const byDefinition = (family: string) =>
    calls
      .filter((c) => c.taskDefinition === family)
      .flatMap((c) => c.containerInstances)
      .sort();

  it('reports what it did with each event', () => {
    expect(output).toMatch(/^events: 14 applied, 3 ignored, 1 rejected$/m);
    expect(output).toMatch(/line 4: ignored \(duplicate\)/);
    expect(output).toMatch(/line 13: ignored \(stale\)/);
    expect(output).toMatch(/line 15: ignored \(unsupported\)/);
    expect(output).toMatch(/line 18: rejected \(unknown-cluster\)/);
  });

  it('binpacks the queue on the instances the stream left usable', () => {
    // a is DRAINING, c's agent is disconnected, e is deregistered: b and d remain. web
    // binpacks on memory (b has less left), worker on CPU (b until it is full, then d).
    expect(byDefinition('web:1')).toEqual([B, B, B]);
    expect(byDefinition('worker:1')).toEqual([B, B, D]);
    // StartTask starts one task per instance it names: never the same instance twice.
    for (const call of calls)
      expect(new Set(call.containerInstances).size).toBe(call.containerInstances.length);
    expect(output).toContain(`request 3: 0 of 1 placed;`);
    expect(output).toContain(`AGENT (${C})`);
  });

  it('decides as run-task does on the equivalent snapshot', () => {
    const cli = cliDecisions(requests);
    expect(cli).toEqual([[B, B, B], [B, B, D], []]);
    expect([byDefinition('web:1'), byDefinition('worker:1'), []]).toEqual(cli);
  });
});
