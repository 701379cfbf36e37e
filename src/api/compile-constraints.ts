/** The constraints of a call compiled for the engine: task definition's first, then the request's. */
import type { PlacementConstraint, TaskDefinition } from '../kernel/ecs-types.js';
import { CqlError, compileExpression } from '../cql/index.js';
import type { CompiledConstraints } from '../placement/checks/check-chain.js';
import type { InstancePredicate } from '../placement/checks/member-of-check.js';
import { InvalidParameterException } from '../kernel/errors.js';

/** A CQL expression (compiled once per text by `compileExpression`); a CQL error becomes InvalidParameterException. */
export function compileClusterQuery(expression: string): InstancePredicate {
  try {
    return compileExpression(expression);
  } catch (error) {
    if (error instanceof CqlError) throw new InvalidParameterException(error.message);
    throw error;
  }
}

export function compileConstraints(
  definition: TaskDefinition,
  requested: readonly PlacementConstraint[] | undefined,
): CompiledConstraints {
  const all = [...(definition.placementConstraints ?? []), ...(requested ?? [])];
  const memberOf: CompiledConstraints['memberOf'][number][] = [];
  let distinctInstance = false;
  for (const constraint of all) {
    if (constraint.type === 'distinctInstance') distinctInstance = true;
    else if (constraint.type === 'memberOf' && constraint.expression !== undefined) {
      memberOf.push({
        expression: constraint.expression,
        predicate: compileClusterQuery(constraint.expression),
      });
    }
  }
  return { memberOf, distinctInstance };
}
