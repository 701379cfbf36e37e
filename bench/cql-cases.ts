/**
 * CQL benchmarks: parsing with the warm shared parser, compiling, and evaluating a compiled
 * predicate per instance. The expression is the memberOf of the reference workload (bench/README.md): four
 * comparisons, one of them a regular expression.
 */
import type { InstanceView } from '../src/kernel/instance-view.js';
import { compileExpression, compileJavaRegex, parseExpression } from '../src/cql/index.js';
import type { BenchCase } from './bench-case.js';

export const CQL_BENCH_EXPRESSION =
  'attribute:ecs.instance-type =~ m5.* and attribute:ecs.availability-zone in [us-east-1a, us-east-1b] and runningTasksCount < 20 and agentConnected == true';

const PARSES_PER_CALL = 100;
const COMPILES_PER_CALL = 20;
const VIEW_COUNT = 5000;

const INSTANCE_TYPES = [
  'm5.large',
  'm5.xlarge',
  'c5.large',
  't3.medium',
  'r5.2xlarge',
  'm5.4xlarge',
];
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'];

/** Deterministic, varied views: about a third of them satisfy the expression. */
export function benchViews(count = VIEW_COUNT): InstanceView[] {
  const views: InstanceView[] = [];
  for (let i = 0; i < count; i++) {
    views.push({
      ec2InstanceId: `i-${i.toString(16).padStart(17, '0')}`,
      agentConnected: i % 17 !== 0,
      agentVersion: `1.${40 + (i % 50)}.0`,
      registeredAt: Date.UTC(2024, 0, 1) + i * 60_000,
      runningTasksCount: (i * 7) % 31,
      attributes: new Map<string, string | null>([
        ['ecs.instance-type', INSTANCE_TYPES[i % INSTANCE_TYPES.length]!],
        ['ecs.availability-zone', ZONES[(i >> 2) % ZONES.length]!],
        ['ecs.os-type', 'linux'],
        ['ecs.cpu-architecture', i % 5 === 0 ? 'arm64' : 'x86_64'],
        ['ecs.capability.task-eni', null],
      ]),
      taskGroups: new Map(i % 3 === 0 ? [] : [[`service:svc-${i % 40}`, 1 + (i % 3)]]),
    });
  }
  return views;
}

/** Results flow here so the engine cannot drop the measured work. */
export let cqlBenchSink = 0;

let compileCounter = 0;

/** A typical `=~` pattern, matched by the engine itself (no memo) on distinct values. */
const REGEX_BENCH_PATTERN = 'i-0.*[37]';

export function cqlCases(): BenchCase[] {
  const views = benchViews();
  const predicate = compileExpression(CQL_BENCH_EXPRESSION);
  const regex = compileJavaRegex(REGEX_BENCH_PATTERN);
  if (!regex.ok) throw new Error(regex.reason);
  const ids = views.map((view) => view.ec2InstanceId!);
  return [
    {
      name: 'cql.parse',
      opsPerCall: PARSES_PER_CALL,
      unit: 'parse',
      fn: () => {
        for (let i = 0; i < PARSES_PER_CALL; i++) {
          if (parseExpression(CQL_BENCH_EXPRESSION).ast !== undefined) cqlBenchSink++;
        }
      },
    },
    {
      name: 'cql.compile',
      opsPerCall: COMPILES_PER_CALL,
      unit: 'compile',
      // compileExpression caches by text, so each compile gets a text it has not seen:
      // the reference expression with a different trailing literal (a cache miss, a full parse).
      fn: () => {
        for (let i = 0; i < COMPILES_PER_CALL; i++) {
          const text = `${CQL_BENCH_EXPRESSION} or runningTasksCount == ${compileCounter++}`;
          if (compileExpression(text).source.length > 0) cqlBenchSink++;
        }
      },
    },
    {
      name: 'cql.predicate',
      opsPerCall: VIEW_COUNT,
      unit: 'instance',
      fn: () => {
        let matched = 0;
        for (const view of views) if (predicate.matches(view)) matched++;
        cqlBenchSink += matched;
      },
    },
    {
      // The linear-time engine's own cost per value, what a high-cardinality subject
      // (instance ids) pays once the memo is full; repeated values are memoised instead.
      name: 'cql.regex.distinct',
      opsPerCall: VIEW_COUNT,
      unit: 'value',
      fn: () => {
        let matched = 0;
        for (const id of ids) if (regex.matches(id)) matched++;
        cqlBenchSink += matched;
      },
    },
  ];
}
