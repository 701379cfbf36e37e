/**
 * A feasibility check, as one file defines it and the registry (registry.ts) lists it. The
 * check says everything about itself in one place: its name and ECS failure reason, its
 * position in the ECS order, when it belongs in a call's chain, what its verdicts depend on
 * (its part of the feasibility memo's key), the fast `passes` that decides, and `explain`,
 * which only describes a failure. The failure a trace shows is derived: `check` asks
 * `passes` first and calls `explain` only when it said no, so a decision and its
 * explanation cannot disagree.
 */
import type { ClusterModel } from '../../cluster/cluster-model.js';
import type { InstanceState } from '../../cluster/instance-state.js';
import type { CheckFailure } from '../explanation.js';
import type { TaskNeeds } from '../task-needs.js';
import type { PlacementWorkspace } from '../workspace.js';
import type { InstancePredicate } from './member-of-check.js';

/** The constraints of a call, already compiled (task definition's first, then the request's). */
export interface CompiledConstraints {
  memberOf: readonly { expression: string; predicate: InstancePredicate }[];
  distinctInstance: boolean;
}

/** What a check may know about the call when the chain is built (appliesTo, prepare, memoKey). */
export interface CheckCall {
  readonly model: ClusterModel;
  readonly needs: TaskNeeds;
  readonly group: string;
  readonly constraints: CompiledConstraints;
  /** The cluster's placement workspace, where a check keeps buffers between calls. */
  readonly workspace: PlacementWorkspace;
}

/** What a check may read besides the instance, the task's needs and its own state. */
export interface CheckContext {
  /** The task group of the call (distinctInstance is per group). */
  readonly group: string;
}

/** A failure's description: everything but `check` and `reason`, which the check adds itself. */
export type FailureDetail = Omit<CheckFailure, 'check' | 'reason'>;

/**
 * What one check file writes. `S` is the check's per-call state (undefined for most):
 * built by `prepare` (or one per item by `each`) and passed to every method as `state`.
 */
export interface CheckSpec<S = undefined> {
  /** The name traces and summaries use. */
  readonly name: string;
  /** The ECS `failures[].reason` string; the name when absent. */
  readonly reason?: string;
  /** Position in the ECS order (lower first): an instance's reason is its first failing check. */
  readonly order: number;
  /**
   * Whether the check is in a call's chain (default: always). Leave a check out only when it
   * cannot fail for the call (no ports, zero reservation): the first failing check, and the
   * list of failing checks, are then the same without it.
   */
  appliesTo?(call: CheckCall): boolean;
  /** Builds the check's fast per-call state (an index, columns), once per call it applies to. */
  prepare?(call: CheckCall): S;
  /**
   * For a check with one chain entry per item of the call (memberOf: one per constraint):
   * the items, each an entry's state. Used instead of appliesTo and prepare.
   */
  each?(call: CheckCall): readonly S[];
  /**
   * What the check's verdict depends on besides the instance, as text: its part of the
   * feasibility memo's key (feasibility-memo.ts), so a verdict is reused only for calls with
   * the same text, on an instance that has not changed since. Absent when the verdict also
   * depends on what else is in the cluster (distinctInstance: the group's tasks): the check
   * is then made on every call.
   */
  memoKey?(call: CheckCall): string;
  /** The decision, on the hot path: allocation-free. */
  passes(instance: InstanceState, needs: TaskNeeds, ctx: CheckContext, state: S): boolean;
  /**
   * Optional, for speed: the decision for many instances of the model at once (a first
   * call of its kind decides every candidate), reading the model's columns instead of
   * visiting each instance. See PlacementCheck.filter; must agree with `passes` on every
   * instance. Without it, `passes` decides each instance.
   */
  filter?(
    model: ClusterModel,
    rows: Int32Array,
    count: number,
    needs: TaskNeeds,
    ctx: CheckContext,
    state: S,
  ): number;
  /** Why the instance fails: only called when `passes` said no. */
  explain(instance: InstanceState, needs: TaskNeeds, ctx: CheckContext, state: S): FailureDetail;
  /**
   * Something the explanation should say although the check passed, e.g. that it could not
   * be made (an unknown ENI limit). Explain mode only.
   */
  note?(instance: InstanceState, needs: TaskNeeds, ctx: CheckContext, state: S): string | undefined;
  /** Keeps the per-call state right after a task of the call lands on `instance`. */
  placed?(instance: InstanceState, state: S): void;
  /** How the one-line summary names a failure of this check (default: the name). */
  label?(failure: CheckFailure): string;
}

type Method<S, K extends keyof CheckSpec<S>> = NonNullable<CheckSpec<S>[K]>;

/**
 * A check as the registry holds it and the engine runs it. Every check has the same members
 * (absent ones undefined), so the engine's property reads see one object shape.
 */
export interface PlacementCheck<S = unknown> {
  readonly name: string;
  readonly reason: string;
  readonly order: number;
  readonly memoKey: Method<S, 'memoKey'> | undefined;
  readonly passes: CheckSpec<S>['passes'];
  readonly explain: CheckSpec<S>['explain'];
  readonly note: Method<S, 'note'> | undefined;
  readonly placed: Method<S, 'placed'> | undefined;
  readonly label: Method<S, 'label'> | undefined;
  /** The states of this check's entries in the call's chain: none when it is left out. */
  entries(call: CheckCall): readonly S[];
  /**
   * `passes` over many instances of `model`: narrows `rows[0 .. count)` (instance indexes
   * of the model) to the instances that pass, keeping their order, and returns how many
   * those are.
   */
  filter(
    model: ClusterModel,
    rows: Int32Array,
    count: number,
    needs: TaskNeeds,
    ctx: CheckContext,
    state: S,
  ): number;
  /** The failure the trace shows: undefined exactly when `passes`. */
  check(
    instance: InstanceState,
    needs: TaskNeeds,
    ctx: CheckContext,
    state?: S,
  ): CheckFailure | undefined;
}

/**
 * A memo key part for a list: each item's text with its length in front, so no two lists
 * give the same key (an item may contain any character).
 */
export function keyOf<T>(items: readonly T[], text: (item: T) => string): string {
  let key = '';
  for (const item of items) {
    const part = text(item);
    key += `${part.length}:${part}`;
  }
  return key;
}

const NONE: readonly never[] = [];
const ONE_ENTRY: readonly undefined[] = [undefined];

class DefinedCheck<S> implements PlacementCheck<S> {
  readonly name: string;
  readonly reason: string;
  readonly order: number;
  readonly memoKey: Method<S, 'memoKey'> | undefined;
  readonly passes: CheckSpec<S>['passes'];
  readonly explain: CheckSpec<S>['explain'];
  readonly note: Method<S, 'note'> | undefined;
  readonly placed: Method<S, 'placed'> | undefined;
  readonly label: Method<S, 'label'> | undefined;
  private readonly appliesTo: Method<S, 'appliesTo'> | undefined;
  private readonly prepare: Method<S, 'prepare'> | undefined;
  private readonly each: Method<S, 'each'> | undefined;
  private readonly filterRows: Method<S, 'filter'> | undefined;

  constructor(spec: CheckSpec<S>) {
    this.name = spec.name;
    this.reason = spec.reason ?? spec.name;
    this.order = spec.order;
    this.memoKey = spec.memoKey;
    this.passes = spec.passes;
    this.explain = spec.explain;
    this.note = spec.note;
    this.placed = spec.placed;
    this.label = spec.label;
    this.appliesTo = spec.appliesTo;
    this.prepare = spec.prepare;
    this.each = spec.each;
    this.filterRows = spec.filter;
  }

  filter(
    model: ClusterModel,
    rows: Int32Array,
    count: number,
    needs: TaskNeeds,
    ctx: CheckContext,
    state: S,
  ): number {
    if (this.filterRows) return this.filterRows(model, rows, count, needs, ctx, state);
    const { instances } = model;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      if (this.passes(instances[row]!, needs, ctx, state)) rows[kept++] = row;
    }
    return kept;
  }

  entries(call: CheckCall): readonly S[] {
    if (this.each) return this.each(call);
    if (this.appliesTo && !this.appliesTo(call)) return NONE;
    return this.prepare ? [this.prepare(call)] : (ONE_ENTRY as readonly S[]);
  }

  check(
    instance: InstanceState,
    needs: TaskNeeds,
    ctx: CheckContext,
    state?: S,
  ): CheckFailure | undefined {
    if (this.passes(instance, needs, ctx, state as S)) return undefined;
    return {
      check: this.name,
      reason: this.reason,
      ...this.explain(instance, needs, ctx, state as S),
    };
  }
}

/** Turns a check file's spec into the check the registry lists. */
export function defineCheck<S = undefined>(spec: CheckSpec<S>): PlacementCheck<S> {
  return new DefinedCheck(spec);
}
