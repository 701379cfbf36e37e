/** Placement constraints and strategies of a RunTask request (limits, types, fields, CQL). */
import type { PlacementConstraint, PlacementStrategy } from '../kernel/ecs-types.js';
import { InvalidParameterException } from '../kernel/errors.js';
import { registeredStrategies, strategyType } from '../placement/strategies/registry.js';
import { checkCqlExpression } from './validate-cql-expression.js';
import { invalidParameter } from './validate-shape.js';

export const MAX_CONSTRAINTS = 10;
export const MAX_STRATEGIES = 5;

/**
 * Request constraints, counted together with the task definition's (the limit of 10 covers
 * both). The task definition's own constraints are re-checked too: a snapshot may hold ones
 * ECS would never have registered.
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
    validateConstraint(c, `taskDefinition.placementConstraints[${i}]`);
  }
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
