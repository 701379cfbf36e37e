/**
 * What an HTML report shows (docs/what-if.md, "HTML reports"): plain data, built by each
 * command from its answer, embedded in the page as JSON and drawn there by report-script.ts.
 * Instances are rows of a table (arrays, not objects) to keep 5,000 of them small.
 */
import type { RunTaskOutput } from '../../kernel/run-task-types.js';
import type { PlacementExplanation } from '../../placement/explanation.js';
import type { SimulationResult } from '../../simulate/simulate.js';
import type { DrainOutcome } from '../../whatif/drain.js';
import type { HeadroomResult } from '../../whatif/headroom.js';
import type { InstanceUsage } from '../../whatif/instance-inventory.js';

/** One instance: see INSTANCE_COLUMNS for the meaning of each position. */
export type InstanceRow = [
  name: string,
  zone: string,
  capacityProvider: string,
  status: string,
  registeredCpu: number,
  registeredMemory: number,
  cpuBefore: number,
  memoryBefore: number,
  cpuAfter: number,
  memoryAfter: number,
  newTasks: number,
  /** Index in `checks` of its first failing check, -1 when none is reported. */
  check: number,
  reason: string,
];

export const INSTANCE_COLUMNS = [
  'name',
  'zone',
  'capacityProvider',
  'status',
  'registeredCpu',
  'registeredMemory',
  'cpuBefore',
  'memoryBefore',
  'cpuAfter',
  'memoryAfter',
  'newTasks',
  'check',
  'reason',
] as const;

export interface Counter {
  /** `data-count` of the element that shows it (what the browser test reads). */
  key: string;
  label: string;
  value: number;
}

export interface RankingStep {
  strategy: string;
  /** The best-ranked candidates: name, key, kept. */
  rows: [string, string, boolean][];
  more: number;
}

export interface TaskRanking {
  task: number;
  chosen: string;
  summary: string;
  steps: RankingStep[];
}

export interface ChartRow {
  label: string;
  min: number;
  median: number;
  max: number;
}

export interface Chart {
  title: string;
  rows: ChartRow[];
}

export interface ReportData {
  command: 'run-task' | 'headroom' | 'simulate' | 'drain';
  title: string;
  subtitle: string;
  counters: Counter[];
  /** Check names, in order of first appearance (each gets its colour). */
  checks: string[];
  instances: InstanceRow[];
  rankings: TaskRanking[];
  charts: Chart[];
}

/** The best candidates shown per strategy rule and task; the rest are counted. */
export const RANKING_ROWS = 10;

const nameOf = (u: InstanceUsage) =>
  u.ec2InstanceId ?? u.containerInstanceArn.slice(u.containerInstanceArn.lastIndexOf('/') + 1);

class Checks {
  readonly names: string[] = [];
  index(name: string): number {
    let i = this.names.indexOf(name);
    if (i < 0) i = this.names.push(name) - 1;
    return i;
  }
}

/** The instance rows from usage before and after, new tasks and rejections per ARN. */
function instanceRows(
  before: readonly InstanceUsage[],
  after: readonly InstanceUsage[],
  newTasks: ReadonlyMap<string, number>,
  rejected: ReadonlyMap<string, { check: string; detail: string }>,
  checks: Checks,
): InstanceRow[] {
  const afterByArn = new Map(after.map((u) => [u.containerInstanceArn, u]));
  return before.map((u) => {
    const later = afterByArn.get(u.containerInstanceArn) ?? u;
    const failure = rejected.get(u.containerInstanceArn);
    return [
      nameOf(u),
      u.availabilityZone,
      u.capacityProvider,
      later.status,
      u.registeredCpu,
      u.registeredMemory,
      u.remainingCpu,
      u.remainingMemory,
      later.remainingCpu,
      later.remainingMemory,
      newTasks.get(u.containerInstanceArn) ?? 0,
      failure !== undefined ? checks.index(failure.check) : -1,
      failure !== undefined ? `${failure.check}: ${failure.detail}` : '',
    ];
  });
}

function rankingsOf(
  explanation: PlacementExplanation,
  names: ReadonlyMap<string, string>,
): TaskRanking[] {
  const name = (arn: string) => names.get(arn) ?? arn;
  return explanation.tasks.map((trace) => ({
    task: trace.taskIndex + 1,
    chosen:
      trace.chosen !== undefined
        ? name(trace.chosen)
        : trace.fargate
          ? `Fargate (${trace.fargate.availabilityZone})`
          : 'none',
    summary: trace.summary,
    steps: trace.steps.map((step) => {
      const sorted = [...step.ranking].sort((a, b) => a.score - b.score);
      return {
        strategy: `${step.strategy.type}${step.strategy.field !== undefined ? ` ${step.strategy.field}` : ''}`,
        rows: sorted
          .slice(0, RANKING_ROWS)
          .map((r): [string, string, boolean] => [name(r.containerInstanceArn), r.key, r.kept]),
        more: Math.max(0, sorted.length - RANKING_ROWS),
      };
    }),
  }));
}

/** The first failing check of each instance in the first task's trace (why it was not chosen). */
function firstTaskRejections(
  explanation: PlacementExplanation,
): Map<string, { check: string; detail: string }> {
  const rejected = new Map<string, { check: string; detail: string }>();
  const first = explanation.tasks[0];
  for (const verdict of first?.verdicts ?? []) {
    const failure = verdict.failures[0];
    if (failure !== undefined)
      rejected.set(verdict.containerInstanceArn, { check: failure.check, detail: failure.detail });
  }
  return rejected;
}

function placedPerInstance(response: RunTaskOutput): Map<string, number> {
  const placed = new Map<string, number>();
  for (const task of response.tasks) {
    const arn = task.containerInstanceArn;
    if (arn !== undefined) placed.set(arn, (placed.get(arn) ?? 0) + 1);
  }
  return placed;
}

export function runTaskReport(
  before: readonly InstanceUsage[],
  after: readonly InstanceUsage[],
  response: RunTaskOutput,
  explanation: PlacementExplanation,
  request: string,
): ReportData {
  const checks = new Checks();
  const names = new Map(before.map((u) => [u.containerInstanceArn, nameOf(u)]));
  const placed = placedPerInstance(response);
  const onInstances = [...placed.values()].reduce((a, b) => a + b, 0);
  return {
    command: 'run-task',
    title: 'run-task',
    subtitle: request,
    counters: [
      { key: 'tasks', label: 'tasks placed', value: onInstances },
      {
        key: 'other-tasks',
        label: 'tasks without an instance (Fargate, PROVISIONING)',
        value: response.tasks.length - onInstances,
      },
      { key: 'failures', label: 'failures', value: response.failures.length },
      { key: 'instances', label: 'instances', value: before.length },
      { key: 'hosts', label: 'instances given tasks', value: placed.size },
    ],
    instances: instanceRows(before, after, placed, firstTaskRejections(explanation), checks),
    checks: checks.names,
    rankings: rankingsOf(explanation, names),
    charts: [],
  };
}

export function headroomReport(
  before: readonly InstanceUsage[],
  result: HeadroomResult,
  request: string,
): ReportData {
  const checks = new Checks();
  const instances = result.instances ?? [];
  const placed = new Map(instances.map((i) => [i.containerInstanceArn, i.placed]));
  const rejected = new Map(
    instances.flatMap((i) =>
      i.rejectedBy !== undefined ? [[i.containerInstanceArn, i.rejectedBy] as const] : [],
    ),
  );
  return {
    command: 'headroom',
    title: 'headroom',
    subtitle: `${request} — ${result.reason}`,
    counters: [
      { key: 'total', label: 'more tasks fit', value: result.total },
      { key: 'calls', label: 'RunTask calls', value: result.calls },
      { key: 'instances', label: 'instances', value: before.length },
      {
        key: 'hosts',
        label: 'instances given tasks',
        value: [...placed.values()].filter((n) => n > 0).length,
      },
      ...result.binding.map((b) => ({
        key: `binding:${b.check}`,
        label: `instances stopped by ${b.check}`,
        value: b.instances,
      })),
    ],
    instances: instanceRows(before, instances, placed, rejected, checks),
    checks: checks.names,
    rankings: [],
    charts: [
      { title: 'Tasks per Availability Zone', rows: counts(result.perAvailabilityZone) },
      { title: 'Tasks per capacity provider', rows: counts(result.perCapacityProvider) },
    ],
  };
}

export function drainReport(
  before: readonly InstanceUsage[],
  after: readonly InstanceUsage[],
  outcome: DrainOutcome,
): ReportData {
  const checks = new Checks();
  const received = new Map<string, number>();
  for (const move of outcome.moves)
    if (move.to !== undefined) received.set(move.to, (received.get(move.to) ?? 0) + 1);
  const zones = Object.keys({
    ...outcome.before.perAvailabilityZone,
    ...outcome.after.perAvailabilityZone,
  }).sort();
  return {
    command: 'drain',
    title: 'drain',
    subtitle: `${outcome.ec2InstanceId ?? outcome.containerInstanceArn}; replacements: ${outcome.strategy.map((s) => `${s.type}${s.field !== undefined ? ` ${s.field}` : ''}`).join(', ')}`,
    counters: [
      { key: 'replaced', label: 'tasks replaced', value: outcome.replaced },
      { key: 'failed', label: 'tasks no instance took', value: outcome.failed },
      { key: 'instances', label: 'instances', value: before.length },
      { key: 'hosts', label: 'instances given tasks', value: received.size },
    ],
    instances: instanceRows(before, after, received, new Map(), checks),
    checks: checks.names,
    rankings: [],
    charts: [
      {
        title: 'Running tasks per Availability Zone: before | after',
        rows: zones.flatMap((z) => [
          fixed(`${z} before`, outcome.before.perAvailabilityZone[z] ?? 0),
          fixed(`${z} after`, outcome.after.perAvailabilityZone[z] ?? 0),
        ]),
      },
    ],
  };
}

export function simulateReport(result: SimulationResult, scenario: string): ReportData {
  const bins = histogram(result.perSeed.map((s) => s.placed));
  return {
    command: 'simulate',
    title: 'simulate',
    subtitle: scenario,
    counters: [
      { key: 'seeds', label: 'seeds', value: result.seeds },
      {
        key: 'seeds-with-failures',
        label: 'seeds with a task not placed',
        value: result.seedsWithFailures,
      },
      { key: 'steps', label: 'steps', value: result.steps.length },
      {
        key: 'placed-median',
        label: 'tasks placed (median per seed)',
        value: result.placed.median,
      },
    ],
    instances: [],
    checks: [],
    rankings: [],
    charts: [
      {
        title: 'Tasks placed per step (median, min to max over the seeds)',
        rows: result.steps.map((s) => ({
          label: `${s.step} ${s.name ?? s.kind}`,
          ...pick(s.placed),
        })),
      },
      {
        title: 'Tasks not placed per step',
        rows: result.steps.map((s) => ({
          label: `${s.step} ${s.name ?? s.kind}`,
          ...pick(s.failed),
        })),
      },
      {
        title: "Scenario's tasks per Availability Zone at the end",
        rows: Object.entries(result.perAvailabilityZone).map(([zone, d]) => ({
          label: zone,
          ...pick(d),
        })),
      },
      { title: 'Seeds by tasks placed', rows: bins },
    ],
  };
}

function pick(d: { min: number; median: number; max: number }) {
  return { min: d.min, median: d.median, max: d.max };
}

function fixed(label: string, value: number): ChartRow {
  return { label, min: value, median: value, max: value };
}

function counts(record: Record<string, number>): ChartRow[] {
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, n]) => fixed(label, n));
}

/** Seeds per value of `values` (one bar per distinct value, at most 30 bins). */
function histogram(values: readonly number[]): ChartRow[] {
  if (values.length === 0) return [];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const bins = Math.min(30, high - low + 1);
  const width = (high - low + 1) / bins;
  const counted = new Array<number>(bins).fill(0);
  for (const v of values) counted[Math.min(bins - 1, Math.floor((v - low) / width))]!++;
  return counted.map((n, i) => {
    const from = Math.ceil(low + i * width);
    const to = Math.ceil(low + (i + 1) * width) - 1;
    return fixed(from >= to ? `${from}` : `${from}-${to}`, n);
  });
}
