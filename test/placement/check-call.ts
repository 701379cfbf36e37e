/** A CheckCall for tests that run checks directly (not a test file). */
import type { ClusterModel } from '../../src/cluster/cluster-model.js';
import type {
  CheckCall,
  CompiledConstraints,
  PlacementCheck,
} from '../../src/placement/checks/placement-check.js';
import type { TaskNeeds } from '../../src/placement/task-needs.js';
import { workspaceOf } from '../../src/placement/workspace.js';

export function checkCall(
  model: ClusterModel,
  needs: TaskNeeds,
  constraints: CompiledConstraints = { memberOf: [], distinctInstance: false },
  group = 'family:svc',
): CheckCall {
  return { model, needs, group, constraints, workspace: workspaceOf(model) };
}

/** The state of `check`'s first entry in the call's chain (undefined for a check without state). */
export function stateFor<S>(check: PlacementCheck<S>, call: CheckCall): S {
  const entries = check.entries(call);
  if (entries.length === 0) throw new Error(`${check.name} does not apply to this call`);
  return entries[0]!;
}
