import type { AttributeColumn } from '../../cluster/attribute-column.js';
import type { Attribute } from '../../kernel/ecs-types.js';
import type { InstanceState } from '../../cluster/instance-state.js';
import { FAILURE_REASONS } from '../failure-reasons.js';
import type { PlacementCheck } from './placement-check.js';

function satisfies(instance: InstanceState, required: Attribute): boolean {
  const value = instance.view.attributes.get(required.name);
  if (value === undefined) return false;
  return required.value === undefined || required.value === value;
}

/** The same test on the model's column of the attribute (see CheckContext.requiredColumns). */
function satisfiedIn(column: AttributeColumn, index: number, required: Attribute): boolean {
  if (column.present[index] !== 1) return false;
  return required.value === undefined || required.value === column.values[column.ids[index]!];
}

function missing(instance: InstanceState, required: readonly Attribute[]): string[] {
  return required
    .filter((r) => !satisfies(instance, r))
    .map((r) => (r.value === undefined ? r.name : `${r.name}=${r.value}`));
}

/** `requiresAttributes` of the task definition: each name present, with the value when one is given. */
export const attributeCheck: PlacementCheck = {
  name: 'ATTRIBUTE',
  reason: FAILURE_REASONS.ATTRIBUTE,
  passes(instance, needs, ctx) {
    const required = needs.requiredAttributes;
    const columns = ctx.requiredColumns;
    for (let r = 0; r < required.length; r++) {
      const ok =
        columns === undefined
          ? satisfies(instance, required[r]!)
          : satisfiedIn(columns[r]!, instance.index, required[r]!);
      if (!ok) return false;
    }
    return true;
  },
  check(instance, needs) {
    const lacking = missing(instance, needs.requiredAttributes);
    if (lacking.length === 0) return undefined;
    return {
      check: 'ATTRIBUTE',
      reason: FAILURE_REASONS.ATTRIBUTE,
      detail: `missing required attribute${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')}`,
      missingAttributes: lacking,
    };
  },
};
