/**
 * RegisterTaskDefinition, DeregisterTaskDefinition, DescribeTaskDefinition and
 * ListTaskDefinitions over the account's task definitions.
 *
 * RegisterTaskDefinition takes the task definition as the API does (family,
 * containerDefinitions, networkMode, cpu, memory, placementConstraints, ...; `tags` apart) and
 * checks it as a snapshot's task definitions are checked (an open shape: members this project
 * does not model are kept and returned as given). ECS then adds: the next revision of the
 * family, the ARN, status ACTIVE, registeredAt, `compatibilities` (EC2 and EXTERNAL, plus
 * FARGATE when requiresCompatibilities names it), and `requiresAttributes`
 * (ecs.capability.task-eni for awsvpc; the agent-version capabilities ECS derives from other
 * parameters are not modelled).
 */
import { SnapshotError } from '../cluster/validate-snapshot.js';
import { validateTaskDefinitions } from '../cluster/validate-task-definition.js';
import { cloneData } from '../cluster/copy-data.js';
import type { Attribute, Tag, TaskDefinition } from '../kernel/ecs-types.js';
import { ClientException, InvalidParameterException } from '../kernel/errors.js';
import type { Account } from './account.js';
import { taskDefinitionArn } from './arns.js';
import {
  type DeregisterTaskDefinitionInput,
  type DescribeTaskDefinitionInput,
  deregisterTaskDefinitionInputShape,
  describeTaskDefinitionInputShape,
  type ListTaskDefinitionsInput,
  listTaskDefinitionsInputShape,
} from './operation-shapes.js';
import { page } from './paging.js';
import { parseTaskDefinitionReference } from './resolve-task-definition.js';
import { checkShape, invalidParameter } from './validate-shape.js';

export interface TaskDefinitionOutput {
  taskDefinition: TaskDefinition;
  tags?: Tag[];
}

/** RegisterTaskDefinition's input: a task definition as the API takes it, and its tags. */
export type RegisterTaskDefinitionInput = Omit<
  TaskDefinition,
  'revision' | 'taskDefinitionArn' | 'status' | 'compatibilities'
> & { tags?: Tag[] } & Record<string, unknown>;

/** Members of the response ECS fills in: a request giving one is refused. */
const COMPUTED = ['revision', 'taskDefinitionArn', 'status', 'compatibilities', 'registeredAt'];

export function registerTaskDefinition(
  account: Account,
  input: RegisterTaskDefinitionInput,
  now: Date,
): TaskDefinitionOutput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidParameterException('Invalid type for parameter input: expected an object.');
  }
  for (const member of COMPUTED) {
    if (Object.hasOwn(input, member)) {
      throw new InvalidParameterException(
        `Unknown parameter in input: "${member}": ECS sets it when the task definition is registered.`,
      );
    }
  }
  if (typeof input.family !== 'string') {
    throw invalidParameter('family', input.family, 'a family name is required');
  }
  const family = input.family;
  const revision =
    1 +
    account.snapshot.taskDefinitions
      .filter((d) => d.family === family)
      .reduce((max, d) => Math.max(max, d.revision), 0);
  const requires = input.requiresCompatibilities ?? [];
  const derived: Attribute[] =
    input.networkMode === 'awsvpc' ? [{ name: 'ecs.capability.task-eni' }] : [];
  const given = input.requiresAttributes ?? [];
  const candidate = {
    ...input,
    revision,
    taskDefinitionArn: taskDefinitionArn(account.arns, family, revision),
    status: 'ACTIVE',
    compatibilities: ['EC2', 'EXTERNAL', ...(requires.includes('FARGATE') ? ['FARGATE'] : [])],
    requiresAttributes: [...given, ...derived.filter((d) => !given.some((g) => g.name === d.name))],
    registeredAt: now.toISOString(),
  };
  let checked: TaskDefinition;
  try {
    [checked] = validateTaskDefinitions([candidate]) as [TaskDefinition];
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    throw new InvalidParameterException(
      `Invalid task definition: ${error.message.replace('$.taskDefinitions[0]', 'input')}.`,
    );
  }
  account.snapshot.taskDefinitions.push(checked);
  return describe(account, checked, true);
}

export function deregisterTaskDefinition(
  account: Account,
  input: DeregisterTaskDefinitionInput,
): TaskDefinitionOutput {
  const request = checkShape(input, deregisterTaskDefinitionInputShape);
  const reference = parseTaskDefinitionReference(request.taskDefinition);
  if (reference.revision === undefined) {
    throw invalidParameter(
      'taskDefinition',
      request.taskDefinition,
      'DeregisterTaskDefinition needs family:revision or a full ARN with the revision',
    );
  }
  const definition = find(account, request.taskDefinition);
  definition.status = 'INACTIVE';
  (definition as TaskDefinition & { deregisteredAt?: string }).deregisteredAt =
    new Date().toISOString();
  return describe(account, definition, false);
}

export function describeTaskDefinition(
  account: Account,
  input: DescribeTaskDefinitionInput,
): TaskDefinitionOutput {
  const request = checkShape(input, describeTaskDefinitionInputShape);
  return describe(
    account,
    find(account, request.taskDefinition),
    request.include?.includes('TAGS') ?? false,
  );
}

export function listTaskDefinitions(
  account: Account,
  input: ListTaskDefinitionsInput = {},
): { taskDefinitionArns: string[]; nextToken?: string } {
  const request = checkShape(input, listTaskDefinitionsInputShape);
  const status = request.status ?? 'ACTIVE';
  const chosen = account.snapshot.taskDefinitions
    .filter(
      (d) =>
        (d.status ?? 'ACTIVE') === status &&
        (request.familyPrefix === undefined || d.family === request.familyPrefix),
    )
    .sort((a, b) =>
      a.family !== b.family ? (a.family < b.family ? -1 : 1) : a.revision - b.revision,
    );
  if (request.sort === 'DESC') chosen.reverse();
  const arns = chosen.map((d) => arnOf(account, d));
  const { items, nextToken } = page(arns, request);
  return nextToken !== undefined
    ? { taskDefinitionArns: items, nextToken }
    : { taskDefinitionArns: items };
}

/** `family` (its latest ACTIVE revision), `family:revision` or an ARN, whatever its status. */
function find(account: Account, ref: string): TaskDefinition {
  const wanted = parseTaskDefinitionReference(ref);
  const here =
    wanted.region === undefined ||
    (wanted.region === account.arns.region && wanted.accountId === account.arns.accountId);
  let chosen: TaskDefinition | undefined;
  if (here) {
    for (const d of account.snapshot.taskDefinitions) {
      if (d.family !== wanted.family) continue;
      if (wanted.revision !== undefined) {
        if (d.revision === wanted.revision) chosen = d;
      } else if ((d.status ?? 'ACTIVE') === 'ACTIVE' && d.revision > (chosen?.revision ?? 0)) {
        chosen = d;
      }
    }
  }
  if (!chosen) throw new ClientException('Unable to describe task definition.');
  return chosen;
}

function arnOf(account: Account, definition: TaskDefinition): string {
  return (
    definition.taskDefinitionArn ??
    taskDefinitionArn(account.arns, definition.family, definition.revision)
  );
}

function describe(
  account: Account,
  definition: TaskDefinition,
  withTags: boolean,
): TaskDefinitionOutput {
  const { tags, ...rest } = cloneData(definition);
  const taskDefinition = {
    taskDefinitionArn: arnOf(account, definition),
    status: 'ACTIVE' as const,
    ...rest,
  };
  return withTags ? { taskDefinition, tags: tags ?? [] } : { taskDefinition };
}
