/** A CheckCall for tests that run checks directly (not a test file). */
import type { ClusterModel } from '../../src/cluster/cluster-model.js';
import type {
  CheckCall,
  CompiledConstraints,
  PlacementCheck,
} from '../../src/placement/checks/placement-check.js';
import { computeTaskNeeds, type TaskNeeds } from '../../src/placement/task-needs.js';
import { workspaceOf } from '../../src/placement/workspace.js';
import { taskDefinition } from '../../src/testing/builders.js';

/**
 * A task that every memoised check has something to say about: CPU, memory, a fixed host
 * port, a GPU and a required attribute (stack=prod), in group family:svc.
 */
export const svcDefinition = taskDefinition(
  'svc',
  [
    {
      name: 'a',
      cpu: 512,
      memory: 1024,
      portMappings: [{ containerPort: 80, hostPort: 80 }],
      resourceRequirements: [{ type: 'GPU', value: '1' }],
    },
  ],
  { requiresAttributes: [{ name: 'stack', value: 'prod' }] },
);
export const svcNeeds: TaskNeeds = computeTaskNeeds(svcDefinition, undefined);
export const svcContext = { group: 'family:svc' };

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
