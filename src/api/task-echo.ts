/** Parts of a RunTask response task that depend only on the request, computed once per call. */
import type { Tag, TaskDefinition, TaskOverride } from '../kernel/ecs-types.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';

/**
 * The overrides as ECS echoes them: one containerOverrides entry per container of the task
 * definition (just the name when the request overrode nothing for it), and an
 * inferenceAcceleratorOverrides list even when empty.
 */
export function echoOverrides(
  definition: TaskDefinition,
  overrides: TaskOverride | undefined,
): TaskOverride {
  const requested = new Map((overrides?.containerOverrides ?? []).map((o) => [o.name, o]));
  return {
    ...overrides,
    containerOverrides: definition.containerDefinitions.map((c) => ({
      ...requested.get(c.name),
      name: c.name,
    })),
    inferenceAcceleratorOverrides: overrides?.inferenceAcceleratorOverrides ?? [],
  };
}

/**
 * The task's tags: the request's, then the task definition's when propagateTags is
 * TASK_DEFINITION (a key the request already set is not repeated), then
 * `aws:ecs:clusterName` when ECS managed tags are enabled.
 */
export function taskTags(
  request: RunTaskInput,
  definition: TaskDefinition,
  clusterName: string,
): Tag[] {
  const tags: Tag[] = [...(request.tags ?? [])];
  if (request.propagateTags === 'TASK_DEFINITION') {
    const keys = new Set(tags.map((t) => t.key));
    for (const tag of definition.tags ?? []) if (!keys.has(tag.key)) tags.push(tag);
  }
  if (request.enableECSManagedTags === true)
    tags.push({ key: 'aws:ecs:clusterName', value: clusterName });
  return tags;
}
