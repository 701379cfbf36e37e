/**
 * The task-definition constraint rule, defined once: a task definition holds placement
 * constraints of type memberOf only (RegisterTaskDefinition's enum; distinctInstance is given
 * per RunTask call or per service). The snapshot validator applies it to
 * `$.taskDefinitions[].placementConstraints`; RunTask applies it again, with the check of each
 * expression, to the task definition it runs (`src/api/validate-placement-rules.ts`).
 */
export const TASK_DEFINITION_CONSTRAINT_TYPES = ['memberOf'] as const;

export function isTaskDefinitionConstraintType(
  type: unknown,
): type is (typeof TASK_DEFINITION_CONSTRAINT_TYPES)[number] {
  return (TASK_DEFINITION_CONSTRAINT_TYPES as readonly unknown[]).includes(type);
}
