import type { AttributeColumn } from '../../cluster/attribute-column.js';
import type { InstanceState } from '../../cluster/instance-state.js';
import type { Attribute } from '../../kernel/ecs-types.js';
import type { TaskNeeds } from '../task-needs.js';
import { defineCheck, keyOf } from './placement-check.js';

/**
 * The model's column of each required attribute, in `requiredAttributes` order: the check
 * then reads arrays instead of each instance's attribute Map (a cache miss per instance on
 * a call that checks them all). Undefined, or an instance outside the model (an empty copy
 * for managed scaling), reads the instance's own attributes.
 */
type RequiredColumns = readonly AttributeColumn[] | undefined;

/** The instance's value of required attribute `r`: undefined = absent, null = name only. */
function attributeValue(
  instance: InstanceState,
  required: Attribute,
  r: number,
  columns: RequiredColumns,
): string | null | undefined {
  const column = columns?.[r];
  const index = instance.index;
  if (column === undefined || index < 0) return instance.view.attributes.get(required.name);
  return column.present[index] === 1 ? column.values[column.ids[index]!]! : undefined;
}

/** The one rule: the name present, with the value when one is required. */
function meets(required: Attribute, value: string | null | undefined): boolean {
  return value !== undefined && (required.value === undefined || required.value === value);
}

function satisfied(instance: InstanceState, needs: TaskNeeds, columns: RequiredColumns): boolean {
  const required = needs.requiredAttributes;
  for (let r = 0; r < required.length; r++) {
    if (!meets(required[r]!, attributeValue(instance, required[r]!, r, columns))) return false;
  }
  return true;
}

/** `requiresAttributes` of the task definition: each name present, with the value when one is given. */
export const attributeCheck = defineCheck<RequiredColumns>({
  name: 'ATTRIBUTE',
  order: 20,
  appliesTo: (call) => call.needs.requiredAttributes.length > 0,
  prepare: (call) => call.needs.requiredAttributes.map((a) => call.model.attributeColumn(a.name)),
  // A name alone and a name with an empty value are different requirements.
  memoKey: (call) =>
    keyOf(call.needs.requiredAttributes, (a) =>
      a.value === undefined ? `-${a.name}` : `+${a.name.length}:${a.name}${a.value}`,
    ),
  passes: (instance, needs, _ctx, columns) => satisfied(instance, needs, columns),
  explain(instance, needs, _ctx, columns) {
    const lacking = needs.requiredAttributes
      .filter((required, r) => !meets(required, attributeValue(instance, required, r, columns)))
      .map((r) => (r.value === undefined ? r.name : `${r.name}=${r.value}`));
    return {
      detail: `missing required attribute${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')}`,
      missingAttributes: lacking,
    };
  },
});
