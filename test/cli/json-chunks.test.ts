import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/cli/json-chunks.js';

const joined = (value: unknown, indent: number) => [...jsonChunks(value, indent)].join('');

/** JSON values plus what JSON.stringify treats specially: Dates, undefined, functions. */
const snapshotLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.date({ noInvalidDate: true }),
    fc.constant(undefined),
    fc.constant(() => 1),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('jsonChunks', () => {
  test.prop([snapshotLike, fc.constantFrom(0, 2, 4)])(
    'its pieces join to exactly what JSON.stringify(value, null, indent) writes',
    (value, indent) => {
      expect(joined(value, indent)).toBe(JSON.stringify(value, null, indent) ?? '');
    },
  );

  it('splits the instance and task lists into one piece per item', () => {
    const snapshot = {
      region: 'us-east-1',
      clusters: [
        {
          clusterName: 'default',
          containerInstances: Array.from({ length: 100 }, (_, i) => ({ arn: `i-${i}`, n: [i] })),
          tasks: [],
        },
      ],
    };
    const pieces = [...jsonChunks(snapshot, 2)];
    expect(pieces.join('')).toBe(JSON.stringify(snapshot, null, 2));
    const withInstances = pieces.filter((p) => p.includes('"i-'));
    expect(withInstances).toHaveLength(100);
    expect(withInstances.every((p) => p.split('"i-').length === 2)).toBe(true);
  });

  it('writes nothing for undefined, and null for an undefined list item, as JSON.stringify does', () => {
    expect(joined(undefined, 2)).toBe('');
    expect(joined([undefined, () => 0, 1], 2)).toBe('[\n  null,\n  null,\n  1\n]');
    expect(joined({ a: undefined, b: 1 }, 0)).toBe('{"b":1}');
  });

  it('uses toJSON (a Date becomes its ISO string) and keeps a __proto__ member', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}, "at": 0}');
    parsed.at = new Date(Date.UTC(2024, 0, 2));
    expect(joined(parsed, 2)).toBe(JSON.stringify(parsed, null, 2));
    expect(joined(parsed, 2)).toContain('"__proto__"');
    expect(joined(parsed, 2)).toContain('"2024-01-02T00:00:00.000Z"');
  });
});
