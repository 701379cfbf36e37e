import { fc, test as property } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { cloneData, cloneOthers } from '../../src/cluster/copy-data.js';
import { normaliseTimestamp } from '../../src/cluster/timestamps.js';

describe('cloneData', () => {
  it('copies every object and list, and keeps a member named __proto__ as a member', () => {
    const source = JSON.parse('{"a":[{"b":1}],"__proto__":{"c":[2]},"d":"x"}') as Record<
      string,
      unknown
    >;
    const copy = cloneData(source);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(source));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(copy['a']).not.toBe(source['a']);
    expect((copy['a'] as unknown[])[0]).not.toBe((source['a'] as unknown[])[0]);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).not.toBe(
      Object.getOwnPropertyDescriptor(source, '__proto__')?.value,
    );
  });

  it('turns an object without a prototype into a plain one with the same members', () => {
    const bare = Object.create(null) as Record<string, string>;
    bare['toString'] = 'us-east-1a';
    const copy = cloneData(bare);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.entries(copy)).toEqual([['toString', 'us-east-1a']]);
  });
});

describe('cloneOthers', () => {
  it('keeps the fresh members as they are and copies the others, in member order', () => {
    const inner = { deep: [1] };
    const source = { first: inner, list: [1, 2], last: 'z' };
    const fresh = [9];
    const copy = cloneOthers({ ...source, list: fresh }, new Set(['list']));
    expect(Object.keys(copy)).toEqual(['first', 'list', 'last']);
    expect(copy.list).toBe(fresh);
    expect(copy.first).toEqual(inner);
    expect(copy.first).not.toBe(inner);
  });
});

describe('normaliseTimestamp', () => {
  it.each<[unknown, string | undefined]>([
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['2024-02-30', undefined],
    ['1900-02-29', undefined],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['0000-02-29', '0000-02-29T00:00:00.000Z'],
    ['2024-06-01 08:30', '2024-06-01T08:30:00.000Z'],
    ['2024-06-01T08:30:00-0130', '2024-06-01T10:00:00.000Z'],
    ['2024-06-01T23:59:59.999999+00:00', '2024-06-01T23:59:59.999Z'],
    ['2024-06-01T08:30:00+24:00', undefined],
    [0, '1970-01-01T00:00:00.000Z'],
    [1e20, undefined],
    [Number.NaN, undefined],
    [true, undefined],
  ])('%j -> %j', (value, iso) => {
    expect(normaliseTimestamp(value)).toBe(iso);
  });
  it.each<[number, string]>([
    [951_782_400, '2000-02-29T00:00:00.000Z'],
    [4_107_456_000, '2100-02-28T00:00:00.000Z'],
    [4_107_542_400, '2100-03-01T00:00:00.000Z'],
    [1_709_251_199.9994, '2024-02-29T23:59:59.999Z'],
    [1_709_251_199.9996, '2024-03-01T00:00:00.000Z'],
    [253_402_300_799.999, '9999-12-31T23:59:59.999Z'],
    [253_402_300_800, '+010000-01-01T00:00:00.000Z'],
    [-1, '1969-12-31T23:59:59.000Z'],
  ])('writes epoch seconds %s as %s', (seconds, iso) => {
    expect(normaliseTimestamp(seconds)).toBe(iso);
  });

  // Epoch seconds are written out without Date for years 1970 to 9999: exactly as Date would.
  property.prop([
    fc.oneof(
      fc.double({ min: -1e10, max: 3e11, noNaN: true }),
      fc.integer({ min: 0, max: 253_402_300_799 }),
      fc.integer({ min: 0, max: 2_932_896 }).map((day) => day * 86_400),
    ),
  ])('writes epoch seconds as Date does', (seconds) => {
    expect(normaliseTimestamp(seconds)).toBe(new Date(Math.round(seconds * 1000)).toISOString());
  });
});
