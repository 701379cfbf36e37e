/**
 * The ranking keys of one call's feasible candidates as typed arrays, so the per-task scan
 * reads numbers instead of calling closures: value rules (binpack, spread by instance) keep
 * one key per candidate, refreshed only for the instance that got the task; bucket rules
 * (spread by attribute) keep the candidate's bucket and read the live bucket load.
 * Buffers are reused between calls: they belong to the cluster's placement workspace.
 */
import type { InstanceState } from '../cluster/instance-state.js';
import type { RankRule } from './rank-rules.js';
import type { PlacementWorkspace } from './workspace.js';

export interface RuleColumns {
  count: number;
  isBucket: Uint8Array;
  values: Float64Array[];
  buckets: Int32Array[];
  loads: Int32Array[];
}

/** The most rules a call can have: ECS allows 5 placement strategies per task. */
export const MAX_RULES = 5;
const empty = new Int32Array(0);

/** Rule `r`'s buffer from `buffers`, replaced by a larger one when it holds fewer than `size`. */
function grown<T extends Float64Array | Int32Array>(
  buffers: T[],
  r: number,
  size: number,
  make: (length: number) => T,
): T {
  const existing = buffers[r];
  if (existing && existing.length >= size) return existing;
  const buffer = make(Math.max(size, (existing?.length ?? 0) * 2, 1024));
  buffers[r] = buffer;
  return buffer;
}

export function buildRuleColumns(
  workspace: PlacementWorkspace,
  rules: readonly RankRule[],
  candidates: readonly InstanceState[],
  /** Per candidate: its instance index. */
  indexes: Int32Array,
  feasible: Int32Array,
  feasibleCount: number,
): RuleColumns {
  const valueBuffer = (r: number, size: number): Float64Array =>
    grown(workspace.valueBuffers, r, size, (length) => new Float64Array(length));
  const bucketBuffer = (r: number, size: number): Int32Array =>
    grown(workspace.bucketBuffers, r, size, (length) => new Int32Array(length));
  const count = rules.length;
  if (count > MAX_RULES) {
    // Never reached through RunTask (request validation allows 5 strategies); a direct
    // caller with more would otherwise see the extra rules silently ignored.
    throw new RangeError(
      `A placement call can rank by at most ${MAX_RULES} strategy rules; it was given ${count}.`,
    );
  }
  const columns: RuleColumns = {
    count,
    isBucket: new Uint8Array(count),
    values: [],
    buckets: [],
    loads: [],
  };
  for (let r = 0; r < count; r++) {
    const rule = rules[r]!;
    if (rule.buckets) {
      const ids = bucketBuffer(r, feasibleCount);
      const byIndex = rule.buckets.ids;
      if (byIndex) {
        for (let k = 0; k < feasibleCount; k++) ids[k] = byIndex[indexes[feasible[k]!]!]!;
      } else {
        for (let k = 0; k < feasibleCount; k++) ids[k] = rule.buckets.of(candidates[feasible[k]!]!);
      }
      columns.isBucket[r] = 1;
      columns.buckets.push(ids);
      columns.loads.push(rule.buckets.load);
      columns.values.push(valueBuffer(r, 0));
    } else {
      const values = valueBuffer(r, feasibleCount);
      const byIndex = rule.keys;
      if (byIndex) {
        for (let k = 0; k < feasibleCount; k++) values[k] = byIndex[indexes[feasible[k]!]!]!;
      } else {
        for (let k = 0; k < feasibleCount; k++) values[k] = rule.key(candidates[feasible[k]!]!);
      }
      columns.values.push(values);
      columns.buckets.push(empty);
      columns.loads.push(empty);
    }
  }
  return columns;
}

/** After a task landed on the candidate at feasible index `k`: refresh its value keys. */
export function refreshRuleColumns(
  columns: RuleColumns,
  rules: readonly RankRule[],
  k: number,
  instance: InstanceState,
): void {
  for (let r = 0; r < columns.count; r++) {
    if (columns.isBucket[r] === 0) columns.values[r]![k] = rules[r]!.key(instance);
  }
}
