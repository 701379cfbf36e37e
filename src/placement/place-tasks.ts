/**
 * The placement engine for EC2 and EXTERNAL targets: candidates -> checks -> ranking ->
 * seeded tie-break -> commit, for each task of the call (docs/placement.md).
 *
 * Cost: every check runs at most once per candidate per call (and not at all for an
 * instance unchanged since a call with the same needs and expressions, see
 * feasibility-memo.ts; the call's pass visits only the candidates the memo leaves open);
 * after a placement only the instance that received the task is checked again (nothing
 * about the others changed). The ranking: for the usual strategies, groups by spread
 * bucket that keep their best candidates up to date (ranked-groups.ts), so a task does not
 * rescan every feasible candidate; otherwise, and in plan mode, one pass over the feasible
 * candidates per task; spread counts are kept incrementally either way.
 */
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { PlacementStrategy, Task } from '../kernel/ecs-types.js';
import { CHANGE_LOG, type InstanceColumns, type InstanceState } from '../cluster/instance-state.js';
import type { TaskFootprint } from '../cluster/task-footprint.js';
import {
  buildCheckChain,
  type CheckChain,
  type CheckList,
  type CompiledConstraints,
  verdictOf,
} from './checks/check-chain.js';
import { distinctInstanceCheck, type GroupHosts } from './checks/distinct-instance-check.js';
import { FEASIBLE, firstFailing } from './checks/first-failing.js';
import type { CheckContext } from './checks/placement-check.js';
import type { TaskTrace } from './explanation.js';
import { type FeasibilityMemo, feasibilityMemo } from './feasibility-memo.js';
import { buildRankRules } from './rank-rules.js';
import { rankedGroupsFit } from './ranked-groups.js';
import { buildRuleColumns, refreshRuleColumns } from './rule-columns.js';
import { selectBestInOnePass, selectBestTraced } from './select-best.js';
import type { TaskNeeds } from './task-needs.js';
import { summarizeVerdicts } from './trace-summary.js';
import { type PlacementWorkspace, workspaceOf } from './workspace.js';

export interface PlacementCall {
  model: ClusterModel;
  /** ACTIVE instances of the target, in snapshot order. */
  candidates: readonly InstanceState[];
  needs: TaskNeeds;
  group: string;
  constraints: CompiledConstraints;
  strategies: readonly PlacementStrategy[];
  count: number;
  /** Uniform [0, 1) generator; exactly one draw per placed task. */
  random: () => number;
  /** Builds the task record for a placement; `gpuIds[k]` are the ids given to container k. */
  buildTask(instance: InstanceState, gpuIds: readonly string[][]): Task;
  /** Present in plan/explain mode only: receives one trace per task attempted. */
  trace?: { tasks: TaskTrace[]; capacityProvider?: string; firstTaskIndex: number };
  /**
   * Managed scaling is on for the share's capacity provider: a task no candidate can take
   * waits in PROVISIONING (with the rest of the share) when an empty copy of one of
   * `groupInstances()` could host it, or when the group has no instance to tell.
   */
  scaleOut?: { capacityProvider: string; groupInstances(): readonly InstanceState[] };
  /**
   * False when the candidates are a list made for this call alone (StartTask's named
   * instance): their check results are not kept for later calls (see feasibilityMemo).
   */
  keepMemo?: boolean;
}

export interface PlacementFailure {
  arn: string;
  reason: string;
}

export interface PlacementOutcome {
  tasks: Task[];
  /** One per candidate when a task could not be placed; empty otherwise. */
  failures: PlacementFailure[];
  /** Tasks of the share that wait for managed scaling (PROVISIONING), after the placed ones. */
  waiting?: number;
}

/**
 * Managed scaling: the instance of the group whose empty copy passes every check (so a new
 * instance like it could take the task); `null` when the group has no instance to tell from
 * (the task waits all the same); undefined when no new instance could ever take it.
 */
function freshHost(
  group: readonly InstanceState[],
  chain: CheckList,
  needs: TaskNeeds,
  ctx: CheckContext,
): InstanceState | null | undefined {
  if (group.length === 0) return null;
  return group.find((copy) => firstFailing(chain, copy, needs, ctx) === FEASIBLE);
}

function markWaiting(trace: TaskTrace, capacityProvider: string, host: InstanceState | null): void {
  trace.provisioning = { capacityProvider };
  if (host) trace.provisioning.fitsLike = host.arn;
  const like = host ? ` (a new instance like ${host.ec2InstanceId ?? host.arn} could take it)` : '';
  trace.summary = `${trace.summary}; waits in PROVISIONING for capacity provider ${capacityProvider} to scale out${like}`;
}

const NO_GPU_IDS: readonly string[] = [];

/**
 * Every container's GPU ids in one list, for the footprint. A plain loop rather than
 * `flat()`: the call site stays monomorphic (`flat` on these arrays deoptimised the whole
 * placement loop in a fresh process, which then ran unoptimised for hundreds of calls).
 */
function allGpuIds(
  perContainer: readonly (readonly string[])[],
  needs: TaskNeeds,
): readonly string[] {
  if (needs.gpus === 0) return NO_GPU_IDS;
  const ids: string[] = [];
  for (const container of perContainer) for (const id of container) ids.push(id);
  return ids;
}

/** GPU ids for each container, taken in order from the front of the instance's free list. */
function assignGpus(instance: InstanceState, needs: TaskNeeds): string[][] {
  let next = 0;
  return needs.containers.map((container) => {
    const ids = instance.freeGpus.slice(next, next + container.gpus);
    next += container.gpus;
    return ids;
  });
}

/**
 * The verdict of candidate `c` (instance index `index`) after the per-call checks that come
 * before its memoised `verdict`. distinctInstance, the usual one, is decided from the index
 * alone: no visit to the instance object, and a call site V8 can inline.
 */
function perCallVerdict(
  perCall: CheckChain['perCall'],
  candidates: readonly InstanceState[],
  c: number,
  index: number,
  needs: TaskNeeds,
  ctx: CheckContext,
  verdict: number,
): number {
  const { checks, states, at } = perCall;
  for (let p = 0; p < checks.length && at[p]! < verdict; p++) {
    const check = checks[p]!;
    const passes =
      check === distinctInstanceCheck
        ? !(states[p] as GroupHosts).hostsAt(index)
        : check.passes(candidates[c]!, needs, ctx, states[p]);
    if (!passes) return at[p]!;
  }
  return verdict;
}

/**
 * Brings the memo up to date: the memoised checks again for each candidate whose version
 * changed since its entry was computed, and the list of open candidates (memoised verdict
 * at or past `firstPerCall`) when one changed sides. Follows the model's change log when
 * the memo is not too far behind it (only the changed instances are looked at), else
 * compares every candidate's version; a few changed candidates are decided one by one,
 * more together (decideRows).
 */
function refreshMemo(
  memo: FeasibilityMemo,
  model: ClusterModel,
  memoChecks: CheckChain['memoised'],
  firstPerCall: number,
  needs: TaskNeeds,
  ctx: CheckContext,
  workspace: PlacementWorkspace,
): void {
  const columns = model.instanceColumns;
  const { candidates } = memo;
  const seen = memo.seenChanges;
  const { rows } = workspace;
  const count =
    seen >= 0 && columns.changes - seen <= CHANGE_LOG
      ? loggedRows(memo, columns, seen, rows)
      : changedRows(memo, columns.versions, rows);
  try {
    if (count <= FEW_ROWS) {
      for (let i = 0; i < count; i++) {
        decideEntry(memo, memo.positions[rows[i]!]!, memoChecks, firstPerCall, needs, ctx);
      }
    } else {
      decideRows(memo, model, count, memoChecks, needs, ctx, workspace);
    }
  } catch (error) {
    // A check threw (one registered by a user, say): the listed entries already carry their
    // instance's new version, so mark them never computed rather than keep an old verdict.
    for (let i = 0; i < count; i++) memo.versions[memo.positions[rows[i]!]!] = 0;
    throw error;
  }
  memo.seenChanges = columns.changes;
  if (!memo.openStale) return;
  const { open, firstFail } = memo;
  let openCount = 0;
  for (let c = 0; c < candidates.length; c++)
    if (firstFail[c]! >= firstPerCall) open[openCount++] = c;
  memo.openCount = openCount;
  memo.openStale = false;
}

/**
 * Up to this many changed candidates are decided one instance at a time (decideEntry);
 * more, check by check over the columns (decideRows), which costs a few passes whatever
 * the count but visits no instance object: a burst of ECS events changes hundreds.
 */
const FEW_ROWS = 16;

/**
 * The changed candidates `rows[0 .. count)` (instance indexes), decided check by check
 * rather than instance by instance: each memoised check in chain order narrows the list of
 * instances that passed the ones before it (PlacementCheck.filter, which reads the model's
 * columns), and an instance's verdict is the first check that dropped it. The same verdicts
 * as firstFailing on each instance (checks are pure), without visiting the instance objects
 * (the first call of its kind decides every candidate this way).
 */
function decideRows(
  memo: FeasibilityMemo,
  model: ClusterModel,
  rowCount: number,
  memoChecks: CheckChain['memoised'],
  needs: TaskNeeds,
  ctx: CheckContext,
  workspace: PlacementWorkspace,
): void {
  const { rows, rowsBefore } = workspace;
  let count = rowCount;
  memo.openStale = true;
  const { checks, states, at } = memoChecks;
  const { positions, firstFail } = memo;
  for (let k = 0; k < checks.length && count > 0; k++) {
    rowsBefore.set(rows.subarray(0, count));
    const kept = checks[k]!.filter(model, rows, count, needs, ctx, states[k]);
    // Most checks drop nobody: then there is no verdict to write.
    if (kept < count) setDropped(firstFail, positions, rowsBefore, count, rows, kept, at[k]!);
    count = kept;
  }
  for (let i = 0; i < count; i++) firstFail[positions[rows[i]!]!] = FEASIBLE;
}

/**
 * Lists in `rows` the instance index of each candidate the model's change log names since
 * change `seen` whose version is not its entry's (each once, in the order of their first
 * change), and gives the entry that version (its verdict follows); returns how many.
 */
function loggedRows(
  memo: FeasibilityMemo,
  columns: InstanceColumns,
  seen: number,
  rows: Int32Array,
): number {
  const { positions, versions } = memo;
  const { changed, versions: current } = columns;
  let count = 0;
  for (let n = seen; n < columns.changes; n++) {
    const row = changed[n % CHANGE_LOG]!;
    const c = row < positions.length ? positions[row]! : -1;
    if (c < 0) continue;
    const version = current[row]!;
    if (versions[c] !== version) {
      versions[c] = version;
      rows[count++] = row;
    }
  }
  return count;
}

/**
 * Lists in `rows` the instance index of each candidate whose version is not its entry's,
 * and gives the entry that version (its verdict follows); returns how many there are.
 */
function changedRows(memo: FeasibilityMemo, current: Float64Array, rows: Int32Array): number {
  const { indexes, versions } = memo;
  let count = 0;
  for (let c = 0; c < indexes.length; c++) {
    const row = indexes[c]!;
    const version = current[row]!;
    if (versions[c] !== version) {
      versions[c] = version;
      rows[count++] = row;
    }
  }
  return count;
}

/**
 * The verdict of the rows a check dropped: those of `before[0 .. count)` missing from
 * `kept[0 .. keptCount)`, which keeps their order (so one walk over both finds them).
 */
function setDropped(
  firstFail: Uint8Array,
  positions: Int32Array,
  before: Int32Array,
  count: number,
  kept: Int32Array,
  keptCount: number,
  verdict: number,
): void {
  let j = 0;
  for (let i = 0; i < count; i++) {
    const row = before[i]!;
    if (j < keptCount && kept[j] === row) j++;
    else firstFail[positions[row]!] = verdict;
  }
}

/** Candidate c's memo entry computed again (its version is already the entry's). */
function decideEntry(
  memo: FeasibilityMemo,
  c: number,
  memoChecks: CheckChain['memoised'],
  firstPerCall: number,
  needs: TaskNeeds,
  ctx: CheckContext,
): void {
  const { firstFail } = memo;
  const k = firstFailing(memoChecks, memo.candidates[c]!, needs, ctx);
  const verdict = k === FEASIBLE ? FEASIBLE : memoChecks.at[k]!;
  if (verdict >= firstPerCall !== firstFail[c]! >= firstPerCall) memo.openStale = true;
  firstFail[c] = verdict;
}

/**
 * The verdict of each open candidate for the call (the workspace's firstFail and alive),
 * from its memoised verdict and the per-call checks before it; lists the feasible
 * candidates in `workspace.feasible` and returns how many there are. A candidate that is not
 * open has its memoised verdict (see verdictAt).
 */
function passCandidates(
  memo: FeasibilityMemo,
  perCall: CheckChain['perCall'],
  firstPerCall: number,
  needs: TaskNeeds,
  ctx: CheckContext,
  workspace: PlacementWorkspace,
): number {
  const { candidates, indexes, firstFail: memoised, open, openCount } = memo;
  const { firstFail, alive, feasible } = workspace;
  // The usual per-call check alone (distinctInstance): decided inline, from the index.
  const onlyHosts =
    perCall.checks.length === 1 && perCall.checks[0] === distinctInstanceCheck
      ? (perCall.states[0] as GroupHosts)
      : undefined;
  let feasibleCount = 0;
  for (let o = 0; o < openCount; o++) {
    const c = open[o]!;
    let verdict = memoised[c]!;
    if (firstPerCall < verdict) {
      if (onlyHosts === undefined) {
        verdict = perCallVerdict(perCall, candidates, c, indexes[c]!, needs, ctx, verdict);
      } else if (onlyHosts.hostsAt(indexes[c]!)) {
        verdict = firstPerCall;
      }
    }
    firstFail[c] = verdict;
    if (verdict === FEASIBLE) {
      alive[c] = 1;
      feasible[feasibleCount++] = c;
    } else {
      alive[c] = 0;
    }
  }
  return feasibleCount;
}

/** Candidate c's first failing check in this call (for the failures of a task that fits nowhere). */
function verdictAt(
  memo: FeasibilityMemo,
  firstFail: Uint8Array,
  firstPerCall: number,
  c: number,
): number {
  const memoised = memo.firstFail[c]!;
  return memoised >= firstPerCall ? firstFail[c]! : memoised;
}

export function placeTasks(call: PlacementCall): PlacementOutcome {
  const workspace = workspaceOf(call.model);
  workspace.enter();
  try {
    return placeInWorkspace(call, workspace);
  } finally {
    workspace.leave();
  }
}

function placeInWorkspace(call: PlacementCall, workspace: PlacementWorkspace): PlacementOutcome {
  const { model, candidates, needs, count } = call;
  const ctx: CheckContext = { group: call.group };
  const chain = buildCheckChain({
    model,
    needs,
    group: call.group,
    constraints: call.constraints,
    workspace,
  });
  const rules = buildRankRules(call.strategies, model, call.group);
  const memo = feasibilityMemo(workspace, chain.memoKey, candidates, call.keepMemo ?? true);

  workspace.reserve(candidates.length);
  const { firstFail, alive, feasible, ties } = workspace;

  // The memoised checks, recomputed for changed instances only, then one pass over the
  // candidates for the checks made on every call that come before the memoised verdict.
  const { perCall } = chain;
  // Most candidates fail a memoised check before the first per-call one: they are not open.
  const firstPerCall = perCall.checks.length > 0 ? perCall.at[0]! : FEASIBLE;
  refreshMemo(memo, model, chain.memoised, firstPerCall, needs, ctx, workspace);
  const { indexes } = memo;
  const feasibleCount = passCandidates(memo, perCall, firstPerCall, needs, ctx, workspace);
  const columns = buildRuleColumns(workspace, rules, candidates, indexes, feasible, feasibleCount);
  // Without a trace, the usual strategies select from groups kept up to date (ranked-groups.ts).
  const ranked = !call.trace && rankedGroupsFit(columns) ? workspace.ranked : undefined;
  ranked?.build(columns, feasible, feasibleCount, alive);

  const tasks: Task[] = [];
  const best = new Float64Array(rules.length);
  for (let t = 0; t < count; t++) {
    let tied: number;
    let traced: TaskTrace | undefined;
    if (call.trace) {
      const verdicts = candidates.map((i) => verdictOf(chain, i, needs, ctx));
      traced = {
        taskIndex: call.trace.firstTaskIndex + t,
        candidates: candidates.length,
        feasible: verdicts.filter((v) => v.failures.length === 0).length,
        verdicts,
        steps: [],
        summary: summarizeVerdicts(verdicts),
      };
      if (call.trace.capacityProvider !== undefined) {
        traced.capacityProvider = call.trace.capacityProvider;
      }
      call.trace.tasks.push(traced);
      const survivors = selectBestTraced(
        candidates,
        feasible,
        feasibleCount,
        alive,
        rules,
        traced.steps,
      );
      tied = survivors.length;
      for (let n = 0; n < tied; n++) ties[n] = survivors[n]!;
    } else if (ranked) {
      tied = ranked.select();
    } else {
      tied = selectBestInOnePass(feasible, feasibleCount, alive, columns, ties, best);
    }
    if (tied === 0) {
      const host = call.scaleOut
        ? freshHost(call.scaleOut.groupInstances(), chain, needs, ctx)
        : undefined;
      if (call.scaleOut && host !== undefined) {
        // Nothing changed, so no later task of the share fits either: they all wait.
        if (traced) markWaiting(traced, call.scaleOut.capacityProvider, host);
        for (let w = t + 1; call.trace && w < count; w++) {
          const verdicts = candidates.map((i) => verdictOf(chain, i, needs, ctx));
          const waiting: TaskTrace = {
            taskIndex: call.trace.firstTaskIndex + w,
            capacityProvider: call.scaleOut.capacityProvider,
            candidates: candidates.length,
            feasible: 0,
            verdicts,
            steps: [],
            summary: summarizeVerdicts(verdicts),
          };
          markWaiting(waiting, call.scaleOut.capacityProvider, host);
          call.trace.tasks.push(waiting);
        }
        return { tasks, failures: [], waiting: count - t };
      }
      return {
        tasks,
        failures: candidates.map((instance, c) => ({
          arn: instance.arn,
          reason: chain.checks[verdictAt(memo, firstFail, firstPerCall, c)]!.reason,
        })),
      };
    }
    const pick = Math.floor(call.random() * tied);
    const k = ranked ? ranked.tieAt(pick) : ties[pick]!;
    const c = feasible[k]!;
    const chosen = candidates[c]!;
    if (traced) {
      traced.tieBreak = { among: tied, chosen: pick };
      traced.chosen = chosen.arn;
    }

    const gpuIds = assignGpus(chosen, needs);
    const task = call.buildTask(chosen, gpuIds);
    const footprint: TaskFootprint = {
      cpu: needs.cpu,
      memory: needs.memory,
      tcpPorts: needs.tcpPorts,
      udpPorts: needs.udpPorts,
      gpuIds: allGpuIds(gpuIds, needs),
      eni: needs.networkMode === 'awsvpc' ? 1 : 0,
    };
    model.commit(chosen, task, footprint);
    tasks.push(task);
    for (const rule of rules) rule.onPlaced(chosen);
    ranked?.beforePlacing(k);
    refreshRuleColumns(columns, rules, k, chosen);
    for (let p = 0; p < chain.placed.checks.length; p++) {
      chain.placed.checks[p]!.placed!(chosen, chain.placed.states[p]);
    }

    // Only the chosen instance changed: re-check it alone.
    const verdict = firstFailing(chain, chosen, needs, ctx);
    firstFail[c] = verdict;
    if (verdict !== FEASIBLE) alive[c] = 0;
    ranked?.afterPlacing(k);
  }
  return { tasks, failures: [] };
}
