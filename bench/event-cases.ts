/**
 * ECS events on the 5,000-instance reference cluster (docs/embedding.md, "Costs"). The
 * stream is roughly what ECS emits while tasks start: for every two container instance
 * events (remaining CPU and memory moved) three task events (lastStatus PENDING <-> RUNNING),
 * each instance event on another instance.
 * - `events.apply.5k`: events applied per second, in batches of 100;
 * - `runTask.after-1000-events.5k`: the reference RunTask right after a burst of 1,000 such
 *   events (the burst is not timed: tinybench's overriddenDuration), to set beside
 *   `runTask.reference.5k` (steady) and `runTask.first-call.5k` (nothing memoised);
 * - `runTask.after-1000-instance-events.5k`: the same after 1,000 instance events on 1,000
 *   different instances, the worst burst of that size;
 * - `runTask.after-1000-duplicates.5k`: the same after 1,000 duplicate instance events,
 *   ignored: what merely handling a burst costs the next call (garbage, cold caches);
 * - `runTask.after-drain-event.5k`: the same after one instance goes DRAINING (or back to
 *   ACTIVE), the kind of event that rebuilds the candidate lists;
 * - `runTask.first-call-after-1000-events.5k`: after the same burst, a call of a kind never
 *   seen (nothing kept across the burst), and `runTask.after-busy-wait.5k`: after keeping
 *   the CPU busy as long as a burst takes with nothing applied (the gap alone).
 */
import { Cluster } from '../src/api/cluster.js';
import type { ContainerInstance, Task } from '../src/kernel/ecs-types.js';
import type { BenchCase } from './bench-case.js';
import { benchSnapshot } from './bench-snapshot.js';
import { firstCallRequest, referenceRequest } from './reference-request.js';

interface Template<Detail> {
  source: 'aws.ecs';
  'detail-type': string;
  detail: Detail & { clusterArn: string; version: number };
  /** For instances: whether the last event took the resources its next one gives back. */
  taken?: boolean;
}

/** An event stream over the cluster: each call of `next` bumps one resource's version. */
class EventSource {
  private readonly instances: Template<ContainerInstance>[];
  private readonly tasks: Template<Task>[];
  private n = 0;
  private k = 0;
  private t = 0;

  constructor(instances: readonly ContainerInstance[], tasks: readonly Task[], clusterArn: string) {
    this.instances = instances.map((i) => ({
      source: 'aws.ecs',
      'detail-type': 'ECS Container Instance State Change',
      detail: { ...structuredClone(i), clusterArn, version: i.version ?? 0 },
    }));
    this.tasks = tasks.map((t) => ({
      source: 'aws.ecs',
      'detail-type': 'ECS Task State Change',
      detail: { ...structuredClone(t), clusterArn, version: t.version ?? 0 },
    }));
  }

  /** The next event: two instance events (in a stride over the cluster), three task events. */
  next(): object {
    const n = this.n++;
    return n % 5 >= 2 && this.tasks.length > 0 ? this.nextTask() : this.nextInstance();
  }

  /** An instance event: 256 CPU units and 512 MiB taken (a task started), or given back. */
  nextInstance(): object {
    const template = this.instances[(this.k++ * 104_729) % this.instances.length]!;
    const detail = template.detail;
    detail.version++;
    template.taken = !template.taken;
    const sign = template.taken ? -1 : 1;
    for (const resource of detail.remainingResources ?? []) {
      if (resource.name === 'CPU')
        resource.integerValue = (resource.integerValue ?? 0) + sign * 256;
      if (resource.name === 'MEMORY')
        resource.integerValue = (resource.integerValue ?? 0) + sign * 512;
    }
    return template;
  }

  /** A task event: lastStatus PENDING, then RUNNING, then PENDING again. */
  nextTask(): object {
    const template = this.tasks[(this.t++ * 7919) % this.tasks.length]!;
    template.detail.version++;
    template.detail.lastStatus = template.detail.lastStatus === 'PENDING' ? 'RUNNING' : 'PENDING';
    return template;
  }

  /** An instance event already applied: a duplicate. */
  duplicate(): object {
    return this.instances[(this.k++ * 104_729) % this.instances.length]!;
  }

  /** An instance template, for status changes. */
  instance(k: number): Template<ContainerInstance> {
    return this.instances[k % this.instances.length]!;
  }
}

function setUp(): { cluster: Cluster; events: EventSource } {
  const snapshot = benchSnapshot(5000);
  const cluster = Cluster.fromSnapshot(snapshot);
  const source = snapshot.clusters[0]!;
  const arn =
    source.clusterArn ??
    `arn:aws:ecs:${snapshot.region}:${snapshot.accountId}:cluster/${source.clusterName}`;
  return { cluster, events: new EventSource(source.containerInstances, source.tasks, arn) };
}

function applyOrThrow(cluster: Cluster, event: object): void {
  const result = cluster.apply(event);
  if (result.result !== 'applied') throw new Error(`event not applied: ${JSON.stringify(result)}`);
}

function applyCase(): BenchCase {
  let state: ReturnType<typeof setUp> | undefined;
  return {
    name: 'events.apply.5k',
    opsPerCall: 100,
    unit: 'event',
    beforeAll: () => {
      state ??= setUp();
    },
    fn: () => {
      for (let i = 0; i < 100; i++) applyOrThrow(state!.cluster, state!.events.next());
    },
  };
}

/**
 * The reference RunTask, timed alone (tinybench's overriddenDuration), after `before` ran.
 * The whole iteration, `before` included, counts against the time budget
 * (overriddenIterationCost): otherwise a case whose untimed burst takes 30 ms would run
 * thousands of bursts to fill a budget of timed calls of a fraction of a millisecond.
 * `newKind`: each call has a memberOf never seen (as runTask.first-call.5k), the cost
 * a call would have if the engine kept nothing across the burst.
 */
function runTaskAfter(
  name: string,
  before: (state: ReturnType<typeof setUp>) => void,
  newKind = false,
): BenchCase {
  let state: ReturnType<typeof setUp> | undefined;
  let calls = 0;
  const reference = referenceRequest();
  return {
    name,
    opsPerCall: 1,
    unit: 'RunTask',
    timeMs: 3000,
    beforeAll: () => {
      state ??= setUp();
    },
    fn: () => {
      const iterationStart = performance.now();
      before(state!);
      const request = newKind ? firstCallRequest(calls) : reference;
      const start = performance.now();
      const placed = state!.cluster.whatIf(
        (c) => c.runTask(request, { seed: `call-${calls++}`, now: 0 }).tasks.length,
      );
      const end = performance.now();
      if (placed !== 10) throw new Error(`placed ${placed} of 10 after events`);
      return { overriddenDuration: end - start, overriddenIterationCost: end - iterationStart };
    },
  };
}

/** Keeps the CPU busy for `ms` milliseconds with arithmetic alone: no memory, no cluster. */
let spinSink = 0;
function busyWait(ms: number): void {
  const end = performance.now() + ms;
  let x = spinSink;
  while (performance.now() < end) for (let i = 0; i < 1000; i++) x = (x * 1.000001 + 1) % 1e9;
  spinSink = x;
}

export function eventCases(): BenchCase[] {
  let drains = 0;
  /** The last burst's duration (ms), for the busy-wait control. */
  let burstMs = 20;
  const burst = ({ cluster, events }: ReturnType<typeof setUp>) => {
    const start = performance.now();
    for (let i = 0; i < 1000; i++) applyOrThrow(cluster, events.next());
    burstMs = performance.now() - start;
  };
  return [
    applyCase(),
    runTaskAfter('runTask.after-1000-events.5k', burst),
    runTaskAfter('runTask.first-call-after-1000-events.5k', burst, true),
    // The control: the same wait as a burst, with nothing applied. What a call costs after
    // any such gap (on a shared virtual machine, caches others have used meanwhile) is not
    // the engine's doing.
    runTaskAfter('runTask.after-busy-wait.5k', () => busyWait(burstMs)),
    runTaskAfter('runTask.after-1000-instance-events.5k', ({ cluster, events }) => {
      for (let i = 0; i < 1000; i++) applyOrThrow(cluster, events.nextInstance());
    }),
    runTaskAfter('runTask.after-1000-duplicates.5k', ({ cluster, events }) => {
      for (let i = 0; i < 1000; i++) {
        const result = cluster.apply(events.duplicate());
        if (result.result !== 'ignored') throw new Error(`not a duplicate: ${result.result}`);
      }
    }),
    runTaskAfter('runTask.after-drain-event.5k', ({ cluster, events }) => {
      // Each instance goes DRAINING, then back to ACTIVE on the next call: at most one is
      // draining at a time, so a long run does not drain the whole cluster.
      const template = events.instance(Math.floor(drains++ / 2) * 31);
      template.detail.version++;
      template.detail.status = template.detail.status === 'DRAINING' ? 'ACTIVE' : 'DRAINING';
      applyOrThrow(cluster, template);
    }),
  ];
}
