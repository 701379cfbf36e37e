import type { AttributeColumn } from '../../cluster/attribute-column.js';
import type { InstanceState } from '../../cluster/instance-state.js';
import type { CheckFailure, CheckName } from '../explanation.js';
import type { TaskNeeds } from '../task-needs.js';

/** What a check may read besides the instance and the task's needs. */
export interface CheckContext {
  /** The task group of the call (distinctInstance is per group). */
  readonly group: string;
  /**
   * The model's columns of the task's required attributes, in `requiredAttributes` order,
   * when the caller has them: the ATTRIBUTE check then reads arrays instead of each
   * instance's attribute Map (a cache miss per instance on a call that checks them all).
   */
  readonly requiredColumns?: readonly AttributeColumn[];
}

/**
 * One feasibility check. `passes` is the allocation-free hot path; `check` says why not,
 * with amounts, and is only called when explaining or reporting.
 * Invariant: `check(...) === undefined` exactly when `passes(...)`.
 */
export interface PlacementCheck {
  readonly name: CheckName;
  /** The ECS failure reason this check produces. */
  readonly reason: string;
  passes(instance: InstanceState, needs: TaskNeeds, ctx: CheckContext): boolean;
  check(instance: InstanceState, needs: TaskNeeds, ctx: CheckContext): CheckFailure | undefined;
  /**
   * Something the explanation should say although the check passed, e.g. that it could not
   * be made (an unknown ENI limit). Explain mode only.
   */
  note?(instance: InstanceState, needs: TaskNeeds, ctx: CheckContext): string | undefined;
}
