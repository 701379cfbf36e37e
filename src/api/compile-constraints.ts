/** The constraints of a call compiled for the engine: task definition's first, then the request's. */
import type { PlacementConstraint, TaskDefinition } from '../cluster/ecs-types.js';
import { compileExpression } from '../cql/index.js';
import type { CompiledConstraints } from '../placement/checks/check-chain.js';
import type { InstancePredicate } from '../placement/checks/member-of-check.js';
import { EcsServiceException, InvalidParameterException } from './errors.js';

/** Compiled expressions are reused across calls (the same constraint is typically sent again and again). */
const CACHE_LIMIT = 256;

export class ExpressionCache {
  private readonly compiled = new Map<string, InstancePredicate>();

  /** A CQL error becomes InvalidParameterException carrying the CQL message. */
  compile(expression: string): InstancePredicate {
    const cached = this.compiled.get(expression);
    if (cached) return cached;
    let found: InstancePredicate;
    try {
      found = compileExpression(expression);
    } catch (error) {
      if (error instanceof EcsServiceException) throw error;
      throw new InvalidParameterException(error instanceof Error ? error.message : String(error));
    }
    if (this.compiled.size >= CACHE_LIMIT) this.compiled.clear();
    this.compiled.set(expression, found);
    return found;
  }
}

export function compileConstraints(
  definition: TaskDefinition,
  requested: readonly PlacementConstraint[] | undefined,
  cache: ExpressionCache,
): CompiledConstraints {
  const all = [...(definition.placementConstraints ?? []), ...(requested ?? [])];
  const memberOf: CompiledConstraints['memberOf'][number][] = [];
  let distinctInstance = false;
  for (const constraint of all) {
    if (constraint.type === 'distinctInstance') distinctInstance = true;
    else if (constraint.type === 'memberOf' && constraint.expression !== undefined) {
      memberOf.push({
        expression: constraint.expression,
        predicate: cache.compile(constraint.expression),
      });
    }
  }
  return { memberOf, distinctInstance };
}
