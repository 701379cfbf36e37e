/**
 * What the placement engine keeps per cluster model, owned by the model (a ModelSlot) rather
 * than by the module: the scratch arrays of the candidate loop, the rule-column buffers, the
 * feasibility memo, and the state checks build per call. Reusing them keeps a call free of
 * large allocations; keeping them per model means two clusters never share them.
 *
 * One placement at a time may use a workspace. Placement is synchronous, so that only fails
 * when something called from inside a placement (a check, a task factory) starts another
 * placement on the same cluster: `enter` then throws instead of letting the two calls
 * overwrite each other's buffers. Calls that merely follow each other (a whatIf scenario
 * running tasks, a runTask after a plan) never overlap.
 */
import { type ClusterModel, ModelSlot } from '../cluster/cluster-model.js';
import type { InstanceState } from '../cluster/instance-state.js';
import { RankedGroups } from './ranked-groups.js';

/** The first failing check of each candidate for one kind of call (see feasibility-memo.ts). */
export interface FeasibilityMemo {
  /**
   * The candidate list the arrays are indexed by (a new list means a new memo, which takes
   * over the entries of the instances the former list had).
   */
  candidates: readonly InstanceState[];
  /** Per candidate: its instance index (where its version is in the model's column). */
  indexes: Int32Array;
  /**
   * Per instance index: the candidate's position in `candidates`, -1 when it is not one
   * (to follow the model's change log).
   */
  positions: Int32Array;
  /** The model's change count (InstanceColumns.changes) when the memo was last refreshed; -1 = never. */
  seenChanges: number;
  /** Instance version the entry was computed at; 0 = never. */
  versions: Float64Array;
  /** Index in the call's check chain of the first failing memoised check, 255 = none. */
  firstFail: Uint8Array;
  /**
   * The candidates still open after the memoised checks (their memoised verdict is not
   * before the first per-call check), in candidate order: the only ones a call's pass
   * visits. Rebuilt when `openStale` (a candidate changed sides).
   */
  open: Int32Array;
  openCount: number;
  openStale: boolean;
}

const INITIAL = 1024;

export class PlacementWorkspace {
  /** Per candidate: index of the first failing check, FEASIBLE when none. */
  firstFail = new Uint8Array(INITIAL);
  /** Per candidate: 1 while it can still take a task of the call. */
  alive = new Uint8Array(INITIAL);
  /** Candidate indexes of the feasible candidates, in candidate order. */
  feasible = new Int32Array(INITIAL);
  /** Feasible indexes tied for best. */
  ties = new Int32Array(INITIAL);
  /**
   * Instance indexes of the candidates a memo refresh decides together, and a copy of them
   * before a check narrowed them (see refreshChanged in place-tasks.ts).
   */
  rows = new Int32Array(INITIAL);
  rowsBefore = new Int32Array(INITIAL);
  /** Rule columns: per rule, the value keys or bucket ids of the feasible candidates. */
  readonly valueBuffers: Float64Array[] = [];
  readonly bucketBuffers: Int32Array[] = [];
  /** The per-task selection's groups (ranked-groups.ts). */
  readonly ranked = new RankedGroups();
  /** Instance indexes of each candidate list seen (see feasibility-memo.ts). */
  readonly candidateIndexes = new WeakMap<
    readonly InstanceState[],
    { indexes: Int32Array; positions: Int32Array }
  >();
  /** Feasibility memos by call signature, least recently used first. */
  readonly memos = new Map<string, FeasibilityMemo>();
  /** What checks keep between calls to build their per-call state (see CheckSpec.prepare). */
  private readonly kept = new Map<object, unknown>();
  private busy = false;

  constructor(readonly model: ClusterModel) {}

  /** Grows the candidate arrays to hold `candidates` entries. */
  reserve(candidates: number): void {
    if (this.firstFail.length >= candidates) return;
    const size = Math.max(candidates, this.firstFail.length * 2);
    this.firstFail = new Uint8Array(size);
    this.alive = new Uint8Array(size);
    this.feasible = new Int32Array(size);
    this.ties = new Int32Array(size);
    this.rows = new Int32Array(size);
    this.rowsBefore = new Int32Array(size);
  }

  /** What `owner` (a check) keeps in this workspace, created by `create` on first use. */
  stateOf<T>(owner: object, create: () => T): T {
    let state = this.kept.get(owner) as T | undefined;
    if (state === undefined) {
      state = create();
      this.kept.set(owner, state);
    }
    return state;
  }

  /** Marks the workspace in use; throws when a placement on this cluster is already running. */
  enter(): void {
    if (this.busy) {
      throw new Error(
        `Placement is not re-entrant: a placement on cluster ${this.model.clusterName} started ` +
          'while another one on the same cluster was still running (from inside a placement ' +
          'check or a task factory); start it after the first one returns.',
      );
    }
    this.busy = true;
  }

  leave(): void {
    this.busy = false;
  }
}

const WORKSPACE = new ModelSlot((model) => new PlacementWorkspace(model));

/** The placement workspace of `model`, created on first use. */
export function workspaceOf(model: ClusterModel): PlacementWorkspace {
  return model.slot(WORKSPACE);
}
