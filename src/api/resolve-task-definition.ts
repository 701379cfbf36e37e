import type { TaskDefinition } from '../cluster/ecs-types.js';
import { ClientException } from './errors.js';

/**
 * `family`, `family:revision` or a task-definition ARN; a bare family is its latest ACTIVE
 * revision. Unknown or INACTIVE revisions are refused.
 */
export function resolveTaskDefinition(
  definitions: readonly TaskDefinition[],
  ref: string,
): TaskDefinition {
  const body = ref.startsWith('arn:') ? ref.slice(ref.indexOf('/') + 1) : ref;
  const colon = body.lastIndexOf(':');
  const family = colon < 0 ? body : body.slice(0, colon);
  const revision = colon < 0 ? undefined : Number(body.slice(colon + 1));
  const ofFamily = definitions.filter((d) => d.family === family);
  const chosen =
    revision === undefined
      ? ofFamily
          .filter((d) => (d.status ?? 'ACTIVE') === 'ACTIVE')
          .sort((a, b) => b.revision - a.revision)[0]
      : ofFamily.find((d) => d.revision === revision);
  if (!chosen) throw new ClientException('TaskDefinition not found.');
  if ((chosen.status ?? 'ACTIVE') !== 'ACTIVE') throw new ClientException('TaskDefinition is inactive');
  return chosen;
}
