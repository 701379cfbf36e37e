/** Task groups: the request's `group`, else `family:<task definition family>` (ECS's default). */
import type { Task } from '../kernel/ecs-types.js';

/** The group of a task started without one: `family:` and its task definition's family. */
export function defaultGroup(definition: { readonly family: string }): string {
  return `family:${definition.family}`;
}

/** The group of a task; DescribeTasks always has one, older snapshots may not. */
export function groupOfTask(task: Task): string {
  if (task.group) return task.group;
  const definition = task.taskDefinitionArn ?? '';
  const name = definition.slice(definition.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return defaultGroup({ family: colon < 0 ? name : name.slice(0, colon) });
}
