/**
 * The ECS habit of the calls that name several resources (DescribeTasks,
 * DescribeContainerInstances, UpdateContainerInstancesState): each name the cluster does
 * not have becomes a failure entry with reason MISSING, in request order, and the call goes
 * on with the rest. (StartTask interleaves these with its per-instance status failures in
 * request order, so it keeps its own loop.)
 */
import type { Failure } from '../kernel/run-task-types.js';

export interface LookedUp<T> {
  /** What each known name resolved to, in request order. */
  found: T[];
  /** One MISSING failure per unknown name, `arn` being the name as given. */
  failures: Failure[];
}

export function lookUpEach<T>(
  refs: readonly string[],
  find: (ref: string) => T | undefined,
): LookedUp<T> {
  const found: T[] = [];
  const failures: Failure[] = [];
  for (const ref of refs) {
    const item = find(ref);
    if (item === undefined) failures.push({ arn: ref, reason: 'MISSING' });
    else found.push(item);
  }
  return { found, failures };
}
