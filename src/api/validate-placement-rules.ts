/** Placement constraints and strategies of a RunTask request (limits, types, fields, CQL). */
import {
  isTaskDefinitionConstraintType,
  TASK_DEFINITION_CONSTRAINT_TYPES,
} from '../cluster/task-definition-constraints.js';
import type { PlacementConstraint, PlacementStrategy } from '../kernel/ecs-types.js';
import { InvalidParameterException } from '../kernel/errors.js';
import { registeredStrategies, strategyType } from '../placement/strategies/registry.js';
import { checkCqlExpression } from './validate-cql-expression.js';
import { invalidParameter } from './validate-shape.js';

export const MAX_CONSTRAINTS = 10;
export const MAX_STRATEGIES = 5;

/**
 * Request constraints, counted together with the task definition's (the limit of 10 covers
 * both). The task definition's own constraints are re-checked too (the task-definition
 * constraint rule, and each expression): a snapshot may hold ones ECS would never have
 * registered.
 */
export function validateConstraints(
  requested: readonly PlacementConstraint[] | undefined,
  fromTaskDefinition: readonly PlacementConstraint[] | undefined,
): void {
  const own = requested ?? [];
  const inherited = fromTaskDefinition ?? [];
  const total = own.length + inherited.length;
  if (total > MAX_CONSTRAINTS) {
    throw invalidParameter(
      'placementConstraints',
      `${own.length} constraints`,
      inherited.length === 0
        ? `at most ${MAX_CONSTRAINTS} constraints are allowed per task`
        : `at most ${MAX_CONSTRAINTS} constraints are allowed per task, including the ${inherited.length} of the task definition (${total} in all)`,
    );
  }
  for (const [i, c] of own.entries()) validateConstraint(c, `placementConstraints[${i}]`);
  for (const [i, c] of inherited.entries()) {
    validateTaskDefinitionConstraint(c, `taskDefinition.placementConstraints[${i}]`);
  }
}

/**
 * The snapshot validator applies the same type rule on load; the expression is checked here,
 * so that a bad one fails only the calls that use this task definition.
 */
function validateTaskDefinitionConstraint(constraint: PlacementConstraint, path: string): void {
  if (!isTaskDefinitionConstraintType(constraint.type)) {
    throw invalidParameter(
      `${path}.type`,
      constraint.type,
      `a task definition's placement constraints can only be of type ${TASK_DEFINITION_CONSTRAINT_TYPES.join(', ')}`,
    );
  }
  checkCqlExpression(constraint.expression, `${path}.expression`);
}

function validateConstraint(constraint: PlacementConstraint, path: string): void {
  switch (constraint.type) {
    case 'distinctInstance':
      // Even an empty expression is refused; this is the message ECS was seen to return.
      if (constraint.expression !== undefined) {
        throw new InvalidParameterException('distinctInstance expression should not be specified.');
      }
      return;
    case 'memberOf':
      checkCqlExpression(constraint.expression, `${path}.expression`);
      return;
    default:
      throw invalidParameter(
        `${path}.type`,
        constraint.type,
        'a placement constraint needs a type: memberOf or distinctInstance',
      );
  }
}

export function validateStrategies(strategies: readonly PlacementStrategy[] | undefined): void {
  if (strategies === undefined) return;
  if (strategies.length > MAX_STRATEGIES) {
    throw invalidParameter(
      'placementStrategy',
      `${strategies.length} strategies`,
      `at most ${MAX_STRATEGIES} strategy rules are allowed per task`,
    );
  }
  for (const [i, s] of strategies.entries()) validateStrategy(s, `placementStrategy[${i}]`);
}

/** Each strategy type says which fields it takes (src/placement/strategies/). */
function validateStrategy(strategy: PlacementStrategy, path: string): void {
  const type = strategyType(strategy.type);
  if (type === undefined) {
    const types = registeredStrategies().map((s) => s.type);
    throw invalidParameter(
      `${path}.type`,
      strategy.type,
      `a placement strategy needs a type: ${types.slice(0, -1).join(', ')} or ${types.at(-1)}`,
    );
  }
  const problem = type.fieldProblem(strategy.field);
  if (problem !== undefined) throw invalidParameter(`${path}.field`, strategy.field, problem);
}
