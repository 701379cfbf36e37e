/**
 * The task definitions of a snapshot (DescribeTaskDefinition shape): checked as
 * RegisterTaskDefinition would have checked them where placement depends on it (sizes,
 * ports, GPUs, constraints), and returned as fresh copies (see validate-snapshot.ts).
 */
import { LAUNCH_TYPES } from '../kernel/ecs-enums.js';
import type {
  ContainerDefinition,
  PlacementConstraint,
  PortMapping,
  ResourceRequirement,
  TaskDefinition,
} from '../kernel/ecs-types.js';
import { copyMembers } from './snapshot-data.js';
import { fail, show } from './snapshot-error.js';
import {
  list,
  normaliseTimestamps,
  object,
  oneOf,
  optionalCount,
  optionalString,
  string,
  stringList,
  taskAmount,
  wholeNumberText,
} from './snapshot-fields.js';
import { TASK_DEFINITION_CONSTRAINT_TYPES } from './task-definition-constraints.js';
import { attributes } from './validate-container-instance.js';

const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none'] as const;
const DEFINITION_STATUSES = ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'] as const;
const PROTOCOLS = ['tcp', 'udp'] as const;
const DEFINITION_TIMESTAMPS = ['registeredAt', 'deregisteredAt'];
/** Family names: up to 255 letters, numbers, `_` and `-`. */
export const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;

const DEFINITION_CHECKED = new Set([
  'requiresCompatibilities',
  'compatibilities',
  'containerDefinitions',
  'placementConstraints',
  'requiresAttributes',
]);
const CONTAINER_CHECKED = new Set(['portMappings', 'resourceRequirements']);
const NONE = new Set<string>();

/** `$.taskDefinitions` (nesting level 2); family:revision and ARNs must be unique. */
export function validateTaskDefinitions(items: unknown[]): TaskDefinition[] {
  const arns = new Map<string, string>();
  const revisions = new Map<string, string>();
  const unique = (seen: Map<string, string>, what: string, id: string, path: string) => {
    const first = seen.get(id);
    if (first !== undefined) fail(path, `duplicate ${what} ${show(id)}, first seen at ${first}`);
    seen.set(id, path);
  };
  return items.map((value, i) => {
    const path = `$.taskDefinitions[${i}]`;
    const definition = taskDefinition(value, path, 3);
    unique(
      revisions,
      'task definition',
      `${definition.family}:${definition.revision}`,
      `${path}.revision`,
    );
    if (definition.taskDefinitionArn !== undefined) {
      unique(arns, 'taskDefinitionArn', definition.taskDefinitionArn, `${path}.taskDefinitionArn`);
    }
    return definition;
  });
}

function taskDefinition(value: unknown, path: string, level: number): TaskDefinition {
  const source = object(value, path);
  const family = string(source, 'family', path);
  if (!ECS_NAME.test(family)) {
    fail(
      `${path}.family`,
      `expected up to 255 letters, numbers, underscores and hyphens, got ${show(family)}`,
    );
  }
  optionalCount(source, 'revision', path, 1);
  if (source['revision'] === undefined)
    fail(`${path}.revision`, 'expected an integer >= 1, got nothing');
  optionalString(source, 'taskDefinitionArn', path);
  optionalString(source, 'taskRoleArn', path);
  optionalString(source, 'executionRoleArn', path);
  oneOf(source, 'status', path, DEFINITION_STATUSES, false);
  oneOf(source, 'networkMode', path, NETWORK_MODES, false);
  taskAmount(source, 'cpu', path, 1);
  taskAmount(source, 'memory', path, 1);
  const copy = copyMembers({ ...source }, path, level, DEFINITION_CHECKED);
  normaliseTimestamps(copy, DEFINITION_TIMESTAMPS, path);
  for (const key of ['requiresCompatibilities', 'compatibilities']) {
    if (source[key] === undefined) continue;
    const entries = stringList(source[key], `${path}.${key}`);
    entries.forEach((entry, j) => {
      if (!(LAUNCH_TYPES as readonly string[]).includes(entry)) {
        fail(
          `${path}.${key}[${j}]`,
          `expected one of ${LAUNCH_TYPES.join(', ')}, got ${show(entry)}`,
        );
      }
    });
    copy[key] = entries;
  }
  const containersPath = `${path}.containerDefinitions`;
  const containers = list(source['containerDefinitions'], containersPath);
  if (containers.length === 0) fail(containersPath, 'expected at least one container definition');
  const containerNames = new Set<string>();
  copy['containerDefinitions'] = containers.map((c, j) => {
    const definition = containerDefinition(c, `${containersPath}[${j}]`, level + 2);
    if (containerNames.has(definition.name)) {
      fail(`${containersPath}[${j}].name`, `duplicate container name ${show(definition.name)}`);
    }
    containerNames.add(definition.name);
    return definition;
  });
  if (source['placementConstraints'] !== undefined) {
    const constraintsPath = `${path}.placementConstraints`;
    copy['placementConstraints'] = list(source['placementConstraints'], constraintsPath).map(
      (c, j) => {
        const constraintPath = `${constraintsPath}[${j}]`;
        const constraint = object(c, constraintPath);
        oneOf(constraint, 'type', constraintPath, TASK_DEFINITION_CONSTRAINT_TYPES, true);
        optionalString(constraint, 'expression', constraintPath);
        return copyMembers(
          { ...constraint },
          constraintPath,
          level + 2,
          NONE,
        ) as PlacementConstraint;
      },
    );
  }
  if (source['requiresAttributes'] !== undefined) {
    copy['requiresAttributes'] = attributes(
      source['requiresAttributes'],
      path,
      level + 1,
      'requiresAttributes',
    );
  }
  return copy as unknown as TaskDefinition;
}

function containerDefinition(value: unknown, path: string, level: number): ContainerDefinition {
  const source = object(value, path);
  string(source, 'name', path);
  optionalCount(source, 'cpu', path);
  const memory = optionalCount(source, 'memory', path);
  const reservation = optionalCount(source, 'memoryReservation', path);
  if (memory !== undefined && reservation !== undefined && memory < reservation) {
    fail(
      `${path}.memory`,
      `the hard memory limit ${memory} cannot be below the memoryReservation ${reservation}`,
    );
  }
  const copy = copyMembers({ ...source }, path, level, CONTAINER_CHECKED);
  if (source['portMappings'] !== undefined) {
    const mappingsPath = `${path}.portMappings`;
    copy['portMappings'] = list(source['portMappings'], mappingsPath).map((m, k) => {
      const mappingPath = `${mappingsPath}[${k}]`;
      const mapping = object(m, mappingPath);
      optionalCount(mapping, 'containerPort', mappingPath, 0, 65535);
      optionalCount(mapping, 'hostPort', mappingPath, 0, 65535);
      oneOf(mapping, 'protocol', mappingPath, PROTOCOLS, false);
      return copyMembers({ ...mapping }, mappingPath, level + 2, NONE) as PortMapping;
    });
  }
  if (source['resourceRequirements'] !== undefined) {
    const requirementsPath = `${path}.resourceRequirements`;
    copy['resourceRequirements'] = list(source['resourceRequirements'], requirementsPath).map(
      (r, k) => {
        const requirementPath = `${requirementsPath}[${k}]`;
        const requirement = object(r, requirementPath);
        const type = oneOf(
          requirement,
          'type',
          requirementPath,
          ['GPU', 'InferenceAccelerator'],
          true,
        );
        const amount = string(requirement, 'value', requirementPath);
        if (type === 'GPU' && !wholeNumberText(amount)) {
          fail(`${requirementPath}.value`, `expected a whole number of GPUs, got ${show(amount)}`);
        }
        return copyMembers(
          { ...requirement },
          requirementPath,
          level + 2,
          NONE,
        ) as unknown as ResourceRequirement;
      },
    );
  }
  return copy as unknown as ContainerDefinition;
}
