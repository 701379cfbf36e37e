import type { ContainerInstance, Resource } from '../kernel/ecs-types.js';
import { type InstanceState, MutableInstanceState } from './instance-state.js';

/** What a new, empty instance offers: the registered figure, else the remaining one. */
function freshResources(source: ContainerInstance): Resource[] {
  const registered = source.registeredResources ?? [];
  const names = new Set(registered.map((r) => r.name));
  const remaining = (source.remainingResources ?? []).filter((r) => !names.has(r.name));
  return [...registered, ...remaining];
}

/**
 * An empty copy of an instance: what a new instance launched from the same Auto Scaling
 * group would look like (its registered resources, its current attributes, its agent
 * connected, no tasks). Managed scaling uses it to decide whether a task that fits nowhere
 * now could run once the group grows. Not part of the model (index -1); never placed on.
 */
export function emptyCopyOf(instance: InstanceState): InstanceState {
  const source = instance.source;
  const copy = new MutableInstanceState(-1, {
    ...source,
    status: 'ACTIVE',
    agentConnected: true,
    remainingResources: freshResources(source),
    runningTasksCount: 0,
    pendingTasksCount: 0,
  });
  copy.view.attributes.clear();
  for (const [name, value] of instance.view.attributes) copy.view.attributes.set(name, value);
  return copy;
}
