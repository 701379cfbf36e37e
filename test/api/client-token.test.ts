// RunTask clientToken, expectations from the API reference ("Ensuring idempotency"): tokens
// are per cluster; the same token and request within 24 hours returns the original result;
// another request with the token is a ConflictException listing the first call's task ARNs;
// up to 64 ASCII characters in the range 33-126.
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { ConflictException } from '../../src/kernel/errors.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import type { Snapshot } from '../../src/kernel/ecs-types.js';
import { SnapshotError } from '../../src/cluster/validate-snapshot.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

function state(): Snapshot {
  const snapshot = snapshotOf({
    instances: [containerInstance({ id: 'ci0', cpu: 4096, memory: 8192 })],
    taskDefinitions: [taskDefinition('sleep', [{ name: 'sleep', cpu: 256, memory: 512 }])],
  });
  // A second cluster with a like instance, to show tokens are per cluster (an EC2 instance is
  // registered in one cluster at a time, so it has an EC2 id of its own).
  const other = structuredClone(snapshot.clusters[0]!);
  other.clusterName = 'other';
  other.clusterArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/other';
  other.containerInstances[0]!.containerInstanceArn =
    'arn:aws:ecs:us-east-1:123456789012:container-instance/other/ci0';
  other.containerInstances[0]!.ec2InstanceId = 'i-other0';
  snapshot.clusters.push(other);
  return snapshot;
}

const request = (extra: Partial<RunTaskInput> = {}): RunTaskInput => ({
  taskDefinition: 'sleep',
  count: 2,
  clientToken: 'retry-me-1',
  ...extra,
});

const taskCount = (cluster: Cluster, name = 'default') =>
  cluster.toSnapshot().clusters.find((c) => c.clusterName === name)!.tasks.length;

function conflict(run: () => unknown): ConflictException {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConflictException);
    return error as ConflictException;
  }
  throw new Error('no ConflictException');
}

describe('clientToken replay', () => {
  test('the same token and request returns the first response and places nothing new', () => {
    const cluster = Cluster.fromSnapshot(state());
    const first = cluster.runTask(request(), { now: T0, seed: 'a' });
    expect(first.tasks).toHaveLength(2);
    expect(taskCount(cluster)).toBe(2);
    // Another seed and a later time: still the first response.
    const again = cluster.runTask(request(), { now: T0 + HOUR, seed: 'b' });
    expect(again).toEqual(first);
    expect(Object.keys(again)).toEqual(['tasks', 'failures']);
    expect(taskCount(cluster)).toBe(2);
  });

  test('the replayed response is a fresh copy each time', () => {
    const cluster = Cluster.fromSnapshot(state());
    const first = cluster.runTask(request(), { now: T0 });
    const arn = first.tasks[0]!.taskArn;
    first.tasks[0]!.taskArn = 'changed by the caller';
    const again = cluster.runTask(request(), { now: T0 });
    expect(again.tasks[0]!.taskArn).toBe(arn);
    again.tasks.pop();
    expect(cluster.runTask(request(), { now: T0 }).tasks).toHaveLength(2);
  });

  test('the same token with another request is a ConflictException naming the first tasks', () => {
    const cluster = Cluster.fromSnapshot(state());
    const first = cluster.runTask(request(), { now: T0 });
    const error = conflict(() => cluster.runTask(request({ count: 1 }), { now: T0 + 1 }));
    expect(error.name).toBe('ConflictException');
    expect(error.resourceIds).toEqual(first.tasks.map((t) => t.taskArn));
    expect(error.message).toContain(
      "The clientToken 'retry-me-1' was used at 2025-06-01T12:00:00.000Z",
    );
    expect(taskCount(cluster)).toBe(2);
  });

  test('member order does not matter, every other member does', () => {
    const cluster = Cluster.fromSnapshot(state());
    cluster.runTask(request({ startedBy: 'job', group: 'g' }), { now: T0 });
    const reordered = {
      group: 'g',
      startedBy: 'job',
      clientToken: 'retry-me-1',
      count: 2,
      taskDefinition: 'sleep',
    };
    expect(() => cluster.runTask(reordered, { now: T0 })).not.toThrow();
    conflict(() => cluster.runTask(request({ startedBy: 'job', group: 'h' }), { now: T0 }));
  });

  test('the cluster named by name or by ARN is the same request', () => {
    const cluster = Cluster.fromSnapshot(state());
    const first = cluster.runTask(request({ cluster: 'default' }), { now: T0 });
    const again = cluster.runTask(
      request({ cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/default' }),
      { now: T0 },
    );
    expect(again).toEqual(first);
  });

  test('tokens are per cluster: the same token runs anew in another cluster', () => {
    const cluster = Cluster.fromSnapshot(state());
    cluster.runTask(request(), { now: T0 });
    const elsewhere = cluster.runTask(request({ cluster: 'other', count: 1 }), { now: T0 });
    expect(elsewhere.tasks).toHaveLength(1);
    expect(taskCount(cluster, 'other')).toBe(1);
  });

  test('the window is 24 hours: just before, a replay; at 24 hours, a new call', () => {
    const cluster = Cluster.fromSnapshot(state());
    const first = cluster.runTask(request(), { now: T0 });
    expect(cluster.runTask(request(), { now: T0 + 24 * HOUR - 1 })).toEqual(first);
    expect(taskCount(cluster)).toBe(2);
    const later = cluster.runTask(request({ count: 1 }), { now: T0 + 24 * HOUR });
    expect(later.tasks).toHaveLength(1);
    expect(taskCount(cluster)).toBe(3);
    // ...and from then on the token belongs to the new request.
    conflict(() => cluster.runTask(request(), { now: T0 + 25 * HOUR }));
  });

  test('a response with failures only is replayed as well', () => {
    const cluster = Cluster.fromSnapshot(state());
    const big = request({ overrides: { cpu: '8 vCPU' }, count: 1 });
    const first = cluster.runTask(big, { now: T0 });
    expect(first.tasks).toEqual([]);
    expect(first.failures).not.toEqual([]);
    expect(cluster.runTask(big, { now: T0 })).toEqual(first);
  });

  test('a call that throws records nothing', () => {
    const cluster = Cluster.fromSnapshot(state());
    expect(() => cluster.runTask(request({ count: 11 }), { now: T0 })).toThrow(/count/);
    expect(cluster.runTask(request({ count: 1 }), { now: T0 }).tasks).toHaveLength(1);
  });

  test('without a token every call places', () => {
    const cluster = Cluster.fromSnapshot(state());
    const { clientToken: _t, ...plain } = request();
    cluster.runTask(plain, { now: T0 });
    cluster.runTask(plain, { now: T0 });
    expect(taskCount(cluster)).toBe(4);
  });
});

describe('clientToken and planRunTask / whatIf', () => {
  test('a plan never records a token', () => {
    const cluster = Cluster.fromSnapshot(state());
    expect(cluster.planRunTask(request(), { now: T0 })).not.toHaveProperty('replayOf');
    const run = cluster.runTask(request({ count: 1 }), { now: T0 });
    expect(run.tasks).toHaveLength(1);
  });

  test('a plan with a known token shows the replay, and says so', () => {
    const cluster = Cluster.fromSnapshot(state());
    const first = cluster.runTask(request(), { now: T0 });
    const plan = cluster.planRunTask(request(), { now: T0 });
    expect(plan.tasks).toEqual(first.tasks);
    expect(plan.replayOf).toEqual({
      clientToken: 'retry-me-1',
      recordedAt: '2025-06-01T12:00:00.000Z',
    });
    expect(plan.explanation.tasks).toEqual([]);
    expect(plan.explanation.summary).toBe(
      "clientToken 'retry-me-1' repeats an earlier call in cluster default: its response is returned again and nothing is placed",
    );
    conflict(() => cluster.planRunTask(request({ count: 1 }), { now: T0 }));
  });

  test('whatIf forgets the tokens its calls used', () => {
    const cluster = Cluster.fromSnapshot(state());
    cluster.whatIf((c) => c.runTask(request(), { now: T0 }));
    expect(taskCount(cluster)).toBe(0);
    expect(cluster.runTask(request({ count: 1 }), { now: T0 }).tasks).toHaveLength(1);
  });
});

describe('clientToken in the snapshot', () => {
  test('toSnapshot keeps the tokens, and a new Cluster from it replays', () => {
    const first = Cluster.fromSnapshot(state());
    const response = first.runTask(request(), { now: T0 });
    const saved = first.toSnapshot();
    const records = saved.clusters[0]!.clientTokens!;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      clientToken: 'retry-me-1',
      recordedAt: '2025-06-01T12:00:00.000Z',
      request: '{"count":2,"taskDefinition":"sleep"}',
    });
    expect(saved.clusters[1]).not.toHaveProperty('clientTokens');
    const reloaded = Cluster.fromSnapshot(JSON.parse(JSON.stringify(saved)));
    expect(reloaded.runTask(request(), { now: T0 + HOUR })).toEqual(response);
    expect(taskCount(reloaded)).toBe(2);
  });

  test('tokens older than 24 hours are dropped when the next call records', () => {
    const cluster = Cluster.fromSnapshot(state());
    cluster.runTask(request(), { now: T0 });
    cluster.runTask(request({ clientToken: 'second', count: 1 }), { now: T0 + 24 * HOUR });
    const tokens = cluster.toSnapshot().clusters[0]!.clientTokens!.map((r) => r.clientToken);
    expect(tokens).toEqual(['second']);
  });

  test.each([
    [[{ clientToken: 'x' }], '$.clusters[0].clientTokens[0].recordedAt'],
    [{}, '$.clusters[0].clientTokens'],
    [
      [
        {
          clientToken: 'x',
          recordedAt: 'yesterday',
          request: '{}',
          response: { tasks: [], failures: [] },
        },
      ],
      '$.clusters[0].clientTokens[0].recordedAt',
    ],
    [
      [{ clientToken: 'x', recordedAt: '2025-01-01T00:00:00Z', request: '{}', response: {} }],
      '$.clusters[0].clientTokens[0].response',
    ],
  ])('a malformed record %j is a SnapshotError at %s', (records, path) => {
    const snapshot = state() as unknown as { clusters: Record<string, unknown>[] };
    snapshot.clusters[0]!['clientTokens'] = records;
    try {
      Cluster.fromSnapshot(snapshot);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(SnapshotError);
      expect((error as SnapshotError).path).toBe(path);
    }
  });
});

describe('clientToken format (up to 64 ASCII characters 33-126)', () => {
  test.each(['a', 'x'.repeat(64), '550e8400-e29b-41d4-a716-446655440000', '!~{}[]:"'])(
    'accepts %j',
    (clientToken) => {
      const cluster = Cluster.fromSnapshot(state());
      expect(() => cluster.runTask(request({ clientToken, count: 1 }))).not.toThrow();
    },
  );

  test.each([
    ['x'.repeat(65), 'must be 1 to 64 characters long (got 65)'],
    ['', 'must be 1 to 64 characters long (got 0)'],
    ['has space', 'only the ASCII characters 33 to 126 are allowed'],
    ['tab\there', 'only the ASCII characters 33 to 126 are allowed'],
    ['naïve', 'only the ASCII characters 33 to 126 are allowed'],
    ['del\u007f', 'only the ASCII characters 33 to 126 are allowed'],
  ])('refuses %j', (clientToken, rule) => {
    const cluster = Cluster.fromSnapshot(state());
    expect(() => cluster.runTask(request({ clientToken }))).toThrow(rule);
  });
});
