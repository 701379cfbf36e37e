/**
 * An instance's attributes (name -> value, `null` for a name-only attribute) as a map that
 * behaves like a `Map` (same lookups, same order: insertion order, a new name last, a
 * changed value in place) but is a fraction of its size: the names and where each one's
 * value is live in a `Shape` shared by every instance with the same names in the same order
 * (in a large cluster, a handful of shapes for thousands of instances), so each instance
 * keeps only its list of values. A 50,000-instance cluster would otherwise hold 50,000 hash
 * tables of a dozen or more entries each.
 */

/** An ordered list of attribute names, shared; reached from a root by adding names. */
export class Shape {
  readonly names: readonly string[];
  /** name -> its position in `names` (and in each AttributeMap's values). */
  private readonly slots: Map<string, number>;
  private readonly next = new Map<string, Shape>();

  private constructor(names: readonly string[], slots: Map<string, number>) {
    this.names = names;
    this.slots = slots;
  }

  /** The empty shape starting a family of shapes (one per cluster model, say). */
  static root(): Shape {
    return new Shape([], new Map());
  }

  slot(name: string): number | undefined {
    return this.slots.get(name);
  }

  /** The remembered shape for `name` added last, if that step was taken before. */
  step(name: string): Shape | undefined {
    return this.next.get(name);
  }

  /**
   * This shape with `name` added last (the same object for the same names); `name` must
   * not be in it. Only such steps are remembered, so a remembered step needs no check.
   */
  with(name: string): Shape {
    let shape = this.next.get(name);
    if (shape === undefined) {
      const slots = new Map(this.slots);
      slots.set(name, this.names.length);
      shape = new Shape([...this.names, name], slots);
      this.next.set(name, shape);
    }
    return shape;
  }
}

export class AttributeMap implements ReadonlyMap<string, string | null> {
  private shape: Shape;
  /** The values, in the order of `shape.names`. */
  private items: (string | null)[] = [];

  /** `root`: the empty shape of the family this map shares shapes with. */
  constructor(private readonly root: Shape = Shape.root()) {
    this.shape = root;
  }

  /** The map of a snapshot's attribute list (a name listed twice keeps its first place, last value). */
  static of(
    list: readonly { name: string; value?: string | undefined }[],
    root?: Shape,
  ): AttributeMap {
    const map = new AttributeMap(root);
    const items = new Array<string | null>(list.length);
    let shape = map.shape;
    let count = 0;
    for (let i = 0; i < list.length; i++) {
      const { name, value } = list[i]!;
      // One lookup per attribute: a remembered step is a name the shape does not hold.
      const next = shape.step(name);
      if (next !== undefined) {
        shape = next;
        items[count++] = value ?? null;
      } else {
        const slot = shape.slot(name);
        if (slot !== undefined) {
          items[slot] = value ?? null;
        } else {
          shape = shape.with(name);
          items[count++] = value ?? null;
        }
      }
    }
    items.length = count;
    map.shape = shape;
    map.items = items;
    return map;
  }

  /**
   * The map holding `values` under the names of `shape` (of `root`'s family), in order: for
   * a reader that has walked the shapes itself (the snapshot loader). Takes `values`.
   */
  static withShape(root: Shape, shape: Shape, values: (string | null)[]): AttributeMap {
    if (values.length !== shape.names.length) throw new Error('values do not fit the shape');
    const map = new AttributeMap(root);
    map.shape = shape;
    map.items = values;
    return map;
  }

  get size(): number {
    return this.items.length;
  }

  get(name: string): string | null | undefined {
    const slot = this.shape.slot(name);
    return slot === undefined ? undefined : this.items[slot];
  }

  has(name: string): boolean {
    return this.shape.slot(name) !== undefined;
  }

  /** Sets a value: a known name keeps its place, a new one goes last (as with a Map). */
  set(name: string, value: string | null): this {
    const slot = this.shape.slot(name);
    if (slot !== undefined) {
      this.items[slot] = value;
    } else {
      this.shape = this.shape.with(name);
      this.items.push(value);
    }
    return this;
  }

  delete(name: string): boolean {
    const slot = this.shape.slot(name);
    if (slot === undefined) return false;
    const names = this.shape.names;
    let shape = this.root;
    for (let i = 0; i < names.length; i++) if (i !== slot) shape = shape.with(names[i]!);
    this.shape = shape;
    this.items.splice(slot, 1);
    return true;
  }

  clear(): void {
    this.shape = this.root;
    this.items = [];
  }

  forEach(
    callback: (value: string | null, name: string, map: ReadonlyMap<string, string | null>) => void,
    thisArg?: unknown,
  ): void {
    for (const [name, value] of this.pairs()) callback.call(thisArg, value, name, this);
  }

  entries(): MapIterator<[string, string | null]> {
    return this.pairs()[Symbol.iterator]() as unknown as MapIterator<[string, string | null]>;
  }

  keys(): MapIterator<string> {
    return this.shape.names.slice()[Symbol.iterator]() as unknown as MapIterator<string>;
  }

  values(): MapIterator<string | null> {
    return this.items.slice()[Symbol.iterator]() as unknown as MapIterator<string | null>;
  }

  [Symbol.iterator](): MapIterator<[string, string | null]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'AttributeMap';
  }

  /**
   * Whether `other` holds the same names with the same values (order aside), without
   * building any entry: an instance event usually repeats the attributes it had.
   */
  sameAs(other: ReadonlyMap<string, string | null>): boolean {
    const items = this.items;
    if (other.size !== items.length) return false;
    if (other instanceof AttributeMap && other.shape === this.shape) {
      for (let i = 0; i < items.length; i++) if (items[i] !== other.items[i]) return false;
      return true;
    }
    // Same size and each name of this map there with its value: the same names (unique).
    const names = this.shape.names;
    for (let i = 0; i < names.length; i++) if (other.get(names[i]!) !== items[i]) return false;
    return true;
  }

  /** The entries as they are now (iterating while the map changes sees the old entries). */
  private pairs(): [string, string | null][] {
    const names = this.shape.names;
    const pairs = new Array<[string, string | null]>(names.length);
    for (let i = 0; i < names.length; i++) pairs[i] = [names[i]!, this.items[i]!];
    return pairs;
  }
}
