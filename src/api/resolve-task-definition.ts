import type { TaskDefinition } from '../kernel/ecs-types.js';
import { ClientException } from '../kernel/errors.js';
import { invalidParameter } from './validate-shape.js';

/** Family names: up to 255 letters, numbers, underscores and hyphens (RegisterTaskDefinition). */
const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;
const REVISION = /^[1-9][0-9]{0,9}$/;
/** arn:PARTITION:ecs:REGION:ACCOUNT:task-definition/FAMILY[:REVISION] */
const TASK_DEFINITION_ARN = /^arn:[a-z-]+:ecs:([a-z0-9-]+):([0-9]{12}):task-definition\/(.+)$/;

export interface TaskDefinitionReference {
  family: string;
  /** Absent: the latest ACTIVE revision. */
  revision?: number;
  /** Only for an ARN: where it says the task definition lives. */
  region?: string;
  accountId?: string;
}

/** Splits `family`, `family:revision` or an ARN; InvalidParameterException if malformed. */
export function parseTaskDefinitionReference(ref: string): TaskDefinitionReference {
  const arn = TASK_DEFINITION_ARN.exec(ref);
  const body = arn ? arn[3]! : ref;
  const colon = body.lastIndexOf(':');
  const family = colon < 0 ? body : body.slice(0, colon);
  const revisionText = colon < 0 ? undefined : body.slice(colon + 1);
  if (!FAMILY.test(family) || (revisionText !== undefined && !REVISION.test(revisionText))) {
    throw invalidParameter(
      'taskDefinition',
      ref,
      'expected family, family:revision or a task definition ARN (family: up to 255 letters, numbers, underscores and hyphens; revision: a positive integer)',
    );
  }
  return {
    family,
    ...(revisionText !== undefined ? { revision: Number(revisionText) } : {}),
    ...(arn ? { region: arn[1]!, accountId: arn[2]! } : {}),
  };
}

/**
 * `family`, `family:revision` or a task-definition ARN; a bare family is its latest ACTIVE
 * revision. Unknown revisions and families (and ARNs of another region or account, when
 * `where` is given) are ClientException "TaskDefinition not found."; a named revision that
 * is not ACTIVE is ClientException "TaskDefinition is inactive".
 */
export function resolveTaskDefinition(
  definitions: readonly TaskDefinition[],
  ref: string,
  where?: { region: string; accountId: string },
): TaskDefinition {
  const wanted = parseTaskDefinitionReference(ref);
  const elsewhere =
    where !== undefined &&
    wanted.region !== undefined &&
    (wanted.region !== where.region || wanted.accountId !== where.accountId);
  let chosen: TaskDefinition | undefined;
  if (!elsewhere) {
    for (const d of definitions) {
      if (d.family !== wanted.family) continue;
      if (wanted.revision !== undefined) {
        if (d.revision === wanted.revision) chosen = d;
      } else if (isActive(d) && (chosen === undefined || d.revision > chosen.revision)) {
        chosen = d;
      }
    }
  }
  if (!chosen) throw new ClientException('TaskDefinition not found.');
  if (!isActive(chosen)) throw new ClientException('TaskDefinition is inactive');
  return chosen;
}

function isActive(definition: TaskDefinition): boolean {
  return (definition.status ?? 'ACTIVE') === 'ACTIVE';
}
