/**
 * An attribute's values across all instances, interned to small integers so that spread
 * buckets are array indexes instead of string hash lookups on the hot path.
 */
export interface AttributeColumn {
  /** Per instance index: 0 when the instance lacks the attribute (or it has no value), else the value's id. */
  readonly ids: Int32Array;
  /** Per instance index: 1 when the instance has the attribute, with a value or without. */
  readonly present: Uint8Array;
  /** Number of distinct ids including 0. */
  readonly size: number;
  /** id -> value; entry 0 is `null` (absent). */
  readonly values: readonly (string | null)[];
}

export function buildAttributeColumn(
  attributeMaps: readonly ReadonlyMap<string, string | null>[],
  name: string,
): AttributeColumn {
  const ids = new Int32Array(attributeMaps.length);
  const present = new Uint8Array(attributeMaps.length);
  const idOf = new Map<string, number>();
  const values: (string | null)[] = [null];
  for (let i = 0; i < attributeMaps.length; i++) {
    const value = attributeMaps[i]!.get(name);
    if (value !== undefined) present[i] = 1;
    if (value === undefined || value === null) continue;
    let id = idOf.get(value);
    if (id === undefined) {
      id = values.length;
      idOf.set(value, id);
      values.push(value);
    }
    ids[i] = id;
  }
  return { ids, present, size: values.length, values };
}
