/**
 * An attribute's values across all instances, interned to small integers so that spread
 * buckets are array indexes instead of string hash lookups on the hot path, and so that a
 * CQL comparison can be decided once per distinct value (see InstanceView.attributeColumns).
 */
import type { AttributeColumnView } from '../kernel/instance-view.js';

let nextSerial = 1;

export class AttributeColumn implements AttributeColumnView {
  /** A number no other column has had (AttributeColumnView.serial). */
  readonly serial = nextSerial++;
  /** Per instance index: 0 when the instance lacks the attribute (or it has no value), else the value's id. */
  readonly ids: Int32Array;
  /** Per instance index: 1 when the instance has the attribute, with a value or without. */
  readonly present: Uint8Array;
  private readonly known: (string | null)[] = [null];
  private readonly idOf = new Map<string, number>();

  constructor(attributeMaps: readonly ReadonlyMap<string, string | null>[], name: string) {
    this.ids = new Int32Array(attributeMaps.length);
    this.present = new Uint8Array(attributeMaps.length);
    for (let i = 0; i < attributeMaps.length; i++) this.set(i, attributeMaps[i]!.get(name));
  }

  /** id -> value; entry 0 is `null` (absent). Ids once given keep their value. */
  get values(): readonly (string | null)[] {
    return this.known;
  }

  /** Number of distinct ids including 0. */
  get size(): number {
    return this.known.length;
  }

  /** The instance at `index` now has `value` (null: name only; undefined: it lacks the attribute). */
  set(index: number, value: string | null | undefined): void {
    this.present[index] = value === undefined ? 0 : 1;
    if (value === undefined || value === null) {
      this.ids[index] = 0;
      return;
    }
    let id = this.idOf.get(value);
    if (id === undefined) {
      id = this.known.length;
      this.idOf.set(value, id);
      this.known.push(value);
    }
    this.ids[index] = id;
  }
}

export function buildAttributeColumn(
  attributeMaps: readonly ReadonlyMap<string, string | null>[],
  name: string,
): AttributeColumn {
  return new AttributeColumn(attributeMaps, name);
}
