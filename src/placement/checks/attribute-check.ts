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

/**
 * Narrows `rows` to the instances that have required attribute `required` (with its value
 * when one is given), reading its column: the value is looked up once among the column's
 * distinct values, then each row is one comparison of ids.
 */
function filterByColumn(
  column: AttributeColumn,
  required: Attribute,
  rows: Int32Array,
  count: number,
): number {
  const { present, ids } = column;
  let kept = 0;
  if (required.value === undefined) {
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      if (present[row] === 1) rows[kept++] = row;
    }
    return kept;
  }
  // Id 0 is "absent or no value", never a string: a wanted id is at least 1.
  const wanted = column.values.indexOf(required.value);
  if (wanted < 1) return 0;
  for (let i = 0; i < count; i++) {
    const row = rows[i]!;
    if (ids[row] === wanted) rows[kept++] = row;
  }
  return kept;
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
  filter(model, rows, count, needs, _ctx, columns) {
    const required = needs.requiredAttributes;
    if (columns === undefined) {
      const { instances } = model;
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const row = rows[i]!;
        if (satisfied(instances[row]!, needs, columns)) rows[kept++] = row;
      }
      return kept;
    }
    let left = count;
    for (let r = 0; r < required.length && left > 0; r++) {
      left = filterByColumn(columns[r]!, required[r]!, rows, left);
    }
    return left;
  },
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
