import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { AttributeMap, Shape } from '../../src/cluster/attribute-map.js';

type Operation =
  | { op: 'set'; name: string; value: string | null }
  | { op: 'delete'; name: string }
  | { op: 'clear' };

const names = fc.constantFrom('zone', 'type', 'stack', 'team', '__proto__', 'toString', '');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      name: names,
      value: fc.option(fc.string(), { nil: null }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), name: names }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
);

describe('AttributeMap', () => {
  test.prop([fc.array(fc.array(operation, { maxLength: 30 }), { minLength: 1, maxLength: 4 })])(
    'reads exactly as a Map given the same changes, with shapes shared between maps',
    (runs) => {
      const root = Shape.root();
      for (const operations of runs) {
        const map = new Map<string, string | null>();
        const attributes = new AttributeMap(root);
        for (const step of operations) {
          if (step.op === 'set') {
            map.set(step.name, step.value);
            attributes.set(step.name, step.value);
          } else if (step.op === 'delete') {
            expect(attributes.delete(step.name)).toBe(map.delete(step.name));
          } else {
            map.clear();
            attributes.clear();
          }
          expect([...attributes]).toEqual([...map]);
          expect(attributes.size).toBe(map.size);
        }
        for (const name of ['zone', 'type', 'stack', 'team', '__proto__', 'toString', '', 'x']) {
          expect(attributes.get(name)).toBe(map.get(name));
          expect(attributes.has(name)).toBe(map.has(name));
        }
        expect([...attributes.keys()]).toEqual([...map.keys()]);
        expect([...attributes.values()]).toEqual([...map.values()]);
        expect([...attributes.entries()]).toEqual([...map.entries()]);
        const seen: [string, string | null][] = [];
        attributes.forEach((value, name) => {
          seen.push([name, value]);
        });
        expect(seen).toEqual([...map]);
      }
    },
  );

  test.prop([
    fc.array(
      fc.array(fc.record({ name: names, value: fc.option(fc.string(), { nil: undefined }) }), {
        maxLength: 10,
      }),
      { minLength: 1, maxLength: 5 },
    ),
  ])('of(list) reads as a Map set from the list in order, shapes shared or not', (lists) => {
    const root = Shape.root();
    for (const list of lists) {
      const map = new Map<string, string | null>();
      for (const { name, value } of list) map.set(name, value ?? null);
      const attributes = AttributeMap.of(list, root);
      expect([...attributes]).toEqual([...map]);
      expect(attributes.size).toBe(map.size);
      // Changing it afterwards still behaves as a Map.
      attributes.set('new', 'x');
      map.set('new', 'x');
      attributes.delete('zone');
      map.delete('zone');
      expect([...attributes]).toEqual([...map]);
    }
  });

  const entries = fc.array(
    fc.record({ name: names, value: fc.option(fc.constantFrom('a', 'b', ''), { nil: undefined }) }),
    { maxLength: 6 },
  );
  test.prop([entries, entries, fc.boolean(), fc.boolean()])(
    'sameAs answers as comparing every entry would, whatever the shapes and order',
    (left, right, sharedRoot, plainMap) => {
      const root = Shape.root();
      const a = AttributeMap.of(left, root);
      const b = AttributeMap.of(right, sharedRoot ? root : undefined);
      const asMap = new Map([...b]);
      const other = plainMap ? asMap : b;
      const expected =
        a.size === asMap.size &&
        [...a].every(([name, value]) => asMap.has(name) && asMap.get(name) === value);
      expect(a.sameAs(other)).toBe(expected);
      // The same entries in another order are the same attributes.
      expect(a.sameAs(new Map([...a].reverse()))).toBe(true);
    },
  );

  it('puts a name deleted and set again last, as a Map does', () => {
    const attributes = new AttributeMap();
    attributes.set('a', '1').set('b', null).set('c', '3');
    attributes.delete('a');
    attributes.set('a', '4');
    attributes.set('b', '5');
    expect([...attributes]).toEqual([
      ['b', '5'],
      ['c', '3'],
      ['a', '4'],
    ]);
  });

  it('keeps each map its own values when maps share a shape', () => {
    const root = Shape.root();
    const first = new AttributeMap(root).set('zone', 'a').set('type', 'm5.large');
    const second = new AttributeMap(root).set('zone', 'b').set('type', 'm5.large');
    first.set('zone', 'c');
    expect(second.get('zone')).toBe('b');
    expect(first.get('zone')).toBe('c');
  });
});
