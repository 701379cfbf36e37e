/**
 * A bordered table no wider than a given width. Columns keep their natural width when the
 * table fits; otherwise the text columns (`flexible`) give up room first, so identifiers stay
 * on one line, and only when that is not enough do the widest columns of all share what is
 * left. Cells are wrapped, never cut, so no information is lost.
 */
import Table from 'cli-table3';
import { visibleWidth, wrapText } from './wrap-text.js';

/** Narrowest a column is made, so a squeezed table stays readable. */
const MIN_COLUMN_WIDTH = 8;
/** Narrowest a text column is made before the identifier columns are squeezed too. */
const MIN_FLEXIBLE_WIDTH = 20;

/**
 * @param flexible indexes of the columns holding running text, which wrap well; the other
 *                 columns (identifiers, numbers) keep their width while the text columns
 *                 can still be at least MIN_FLEXIBLE_WIDTH wide
 */
export function renderFittedTable(
  head: string[],
  rows: string[][],
  width: number,
  flexible: readonly number[] = [],
): string {
  const natural = head.map((title, column) =>
    Math.max(cellWidth(title), ...rows.map((row) => cellWidth(row[column] ?? ''))),
  );
  // Each column costs one border and two spaces of padding, and there is a closing border.
  const budget = width - 1 - 3 * head.length;
  const widths = fitWidths(natural, budget, flexible);
  const wrap = (cell: string, column: number) =>
    wrapText(cell, widths[column] ?? MIN_COLUMN_WIDTH).join('\n');
  // No colours from cli-table3 itself: colour is decided once, by the caller.
  const table = new Table({
    head: head.map(wrap),
    style: { head: [], border: [] },
  });
  for (const row of rows) table.push(row.map(wrap));
  return table.toString();
}

function cellWidth(cell: string): number {
  return Math.max(0, ...cell.split('\n').map(visibleWidth));
}

function fitWidths(natural: readonly number[], budget: number, flexible: readonly number[]) {
  const isFlexible = (i: number) => flexible.includes(i);
  const fixedTotal = natural.reduce((sum, w, i) => sum + (isFlexible(i) ? 0 : w), 0);
  const flexibleNatural = natural.filter((_, i) => isFlexible(i));
  const flexibleBudget = budget - fixedTotal;
  const enough = flexibleNatural.every(
    (w) => w <= MIN_FLEXIBLE_WIDTH || flexibleBudget >= MIN_FLEXIBLE_WIDTH * flexibleNatural.length,
  );
  if (flexibleNatural.length === 0 || !enough) return shareWidth(natural, budget);
  const shared = shareWidth(flexibleNatural, flexibleBudget);
  let next = 0;
  return natural.map((w, i) => (isFlexible(i) ? (shared[next++] ?? w) : w));
}

/**
 * Column widths summing to at most `budget` (when the minimums allow): columns narrower
 * than an even share keep their width, the rest share what is left evenly.
 */
export function shareWidth(natural: readonly number[], budget: number): number[] {
  const total = natural.reduce((sum, w) => sum + w, 0);
  if (total <= budget) return [...natural];
  const widths = [...natural];
  let open = natural.map((_, i) => i);
  let left = budget;
  for (;;) {
    const share = Math.floor(left / Math.max(1, open.length));
    const fitting = open.filter((i) => (natural[i] ?? 0) <= share);
    if (fitting.length === 0) {
      let extra = left - share * open.length;
      for (const i of open) {
        widths[i] = Math.max(MIN_COLUMN_WIDTH, share + (extra > 0 ? 1 : 0));
        extra -= 1;
      }
      return widths;
    }
    for (const i of fitting) left -= natural[i] ?? 0;
    open = open.filter((i) => !fitting.includes(i));
    if (open.length === 0) return widths;
  }
}
