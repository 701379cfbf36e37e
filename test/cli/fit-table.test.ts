import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderFittedTable, shareWidth } from '../../src/cli/fit-table.js';
import { visibleWidth } from '../../src/cli/wrap-text.js';

describe('shareWidth', () => {
  it('keeps natural widths when they fit', () => {
    expect(shareWidth([16, 12, 70], 100)).toEqual([16, 12, 70]);
  });

  it('takes the room from the widest column first', () => {
    expect(shareWidth([16, 12, 70], 60)).toEqual([16, 12, 32]);
  });

  it('shares evenly between columns that are all too wide', () => {
    expect(shareWidth([50, 50], 60)).toEqual([30, 30]);
  });

  it('never goes over the budget while the minimum width allows, nor widens a column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 40, max: 300 }),
        (natural, budget) => {
          const widths = shareWidth(natural, budget);
          expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
          for (const [i, w] of widths.entries()) {
            expect(w).toBeLessThanOrEqual(Math.max(8, natural[i] ?? 0));
          }
        },
      ),
    );
  });
});

describe('renderFittedTable', () => {
  const ids = [
    [
      'default/c2d5d6821763bd368f0609be513f4db2',
      'i-02eda60391c8d2f16',
      'MemberOf placement constraint unsatisfied. expression: attribute:stack == prod',
    ],
  ];
  const head = ['Instance', 'EC2 instance', 'Failing checks'];

  it('narrows the text column first, keeping identifiers on one line, when it can', () => {
    const table = renderFittedTable(head, ids, 100, [2]);
    expect(table).toContain('│ default/c2d5d6821763bd368f0609be513f4db2 │ i-02eda60391c8d2f16 │');
    for (const line of table.split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(100);
  });

  it('narrows every column when the text column would be too narrow otherwise', () => {
    const table = renderFittedTable(head, ids, 80, [2]);
    expect(table).not.toContain('default/c2d5d6821763bd368f0609be513f4db2');
    expect(table.replace(/[│\s]/g, '')).toContain('default/c2d5d6821763bd368');
    for (const line of table.split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(80);
  });

  const rows = [
    [
      'default/aaaa1111',
      'i-0aaaa1111',
      'MemberOf placement constraint unsatisfied.\n  expression: attribute:ecs.instance-type =~ t2.* and attribute:stack == prod',
    ],
  ];

  it.each([60, 80, 120])('fits in %i columns and keeps every word', (width) => {
    const table = renderFittedTable(['Instance', 'EC2 instance', 'Failing checks'], rows, width);
    for (const line of table.split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    const text = table.replace(/[│┌┐└┘├┤┬┴┼─\s]/g, '');
    for (const cell of rows[0] ?? []) {
      // Words may be spread over lines of their column; each survives whole.
      for (const word of cell.split(/\s+/).filter(Boolean)) expect(text).toContain(word);
    }
  });
});
