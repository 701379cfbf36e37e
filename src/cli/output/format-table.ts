/**
 * `--output table`, with the AWS CLI's layout rules, so the same response draws the same
 * table character for character:
 *
 * - The response becomes sections, each with a centred title. An object's scalar members
 *   form one row under a header of their sorted names (a single scalar member: a
 *   `name | value` row without header); each list or object member becomes a section of its
 *   own, one level deeper, in name order. A list of objects is one header (the sorted scalar
 *   keys of all of them) and one row per object; when the objects have nested members, each
 *   object after the first starts a new section with the same title and header. A list of
 *   scalars is one row per item. Empty values make no section.
 * - Every section is as wide as the widest one needs (each column its widest cell plus 4,
 *   plus the borders, plus 2 per level); column widths are scaled to that width, rounding
 *   half to even as Python does, the remainder taken from the first columns or given to the
 *   last ones.
 * - When the table is wider than the terminal (80 columns when stdout is not one), every
 *   section of a single row is turned on its side: one `name | value` row per column.
 * - Nested sections are framed by one more `|` on each side per level. Widths count East
 *   Asian wide and ambiguous characters as two columns.
 * - With colour, row values are bright blue and the nesting bars dim yellow (titles and
 *   headers are not coloured), and, as the AWS CLI's colour library resets the style after
 *   every piece it writes, each line's bars, body and line break are followed by a reset.
 */
import { eastAsianWidthType } from 'get-east-asian-width';
import { compareCodePoints, sortedKeys } from './format-text.js';
import { OutputError } from './output-error.js';
import { pythonStr } from './python-text.js';

type Json = unknown;

export interface TableOptions {
  /** The table's title: the API operation, e.g. `RunTask`. */
  title: string;
  /** Columns of the terminal; wider tables are turned on their side. */
  terminalWidth: number;
  color: boolean;
}

/** Cell styles: `row` for values, `bar` for the nesting bars. */
interface Styler {
  row(text: string): string;
  bar(text: string): string;
}

const PLAIN: Styler = { row: (text) => text, bar: (text) => text };
// The AWS CLI's colorama codes: BRIGHT + BLUE ... RESET_ALL, DIM + YELLOW ... RESET_ALL.
const COLORED: Styler = {
  row: (text) => `\u001b[1m\u001b[34m${text}\u001b[0m`,
  bar: (text) => `\u001b[2m\u001b[33m${text}\u001b[0m`,
};

/** A table cannot have rows of different lengths in one section (the AWS CLI refuses too). */
export class TableShapeError extends OutputError {
  override readonly name = 'TableShapeError';
}

class Section {
  title = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private columns: number | undefined;
  private maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.updateMaxWidths(headers);
    if (this.columns === undefined) this.columns = headers.length;
    this.headers = headers;
  }

  addRow(row: Json[]): void {
    if (this.columns === undefined) this.columns = row.length;
    if (row.length !== this.columns) {
      throw new TableShapeError(
        `--output table: Row should have ${this.columns} elements, instead it has ${row.length}`,
      );
    }
    const cells = row.map(pythonStr);
    this.rows.push(cells);
    this.updateMaxWidths(cells);
  }

  private updateMaxWidths(cells: string[]): void {
    if (this.maxWidths.length === 0) {
      this.maxWidths = cells.map(textWidth);
      return;
    }
    cells.forEach((cell, i) => {
      this.maxWidths[i] = Math.max(textWidth(cell), this.maxWidths[i] ?? 0);
    });
  }

  /** Each column's widest cell plus `padding`, scaled to sum to `maxWidth` when given. */
  columnWidths(padding: number, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const total = unscaled.reduce((sum, w) => sum + w, 0);
    const factor = maxWidth / total;
    const scaled = unscaled.map((w) => roundHalfEven(factor * w));
    let offBy = scaled.reduce((sum, w) => sum + w, 0) - maxWidth;
    while (offBy !== 0) {
      const order = scaled.map((_, i) => i);
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i]! -= 1;
          offBy -= 1;
        } else {
          scaled[i]! += 1;
          offBy += 1;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, outerPadding: number): number {
    const border = 2;
    const columns = this.columnWidths(0).reduce((sum, w) => sum + w + padding, 0);
    return Math.max(
      textWidth(this.title) + border + 2 * outerPadding,
      columns + border + 2 * outerPadding,
    );
  }
}

/** Builds the sections of a response, as the AWS CLI's table formatter does. */
class TableBuilder {
  readonly sections: Section[] = [];
  private current: Section | undefined;

  newSection(title: string | undefined, indentLevel: number): void {
    this.current = new Section();
    this.current.title = title ?? '';
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }

  private get section(): Section {
    // Every row is added after a section was opened; a value without a title (a list nested
    // directly in a list) still writes into the section it is in.
    if (!this.current) this.newSection(undefined, 0);
    return this.current!;
  }

  /** False when the value is empty (Python-falsy) and so draws nothing. */
  build(title: string | undefined, value: Json, indentLevel = 0): boolean {
    if (isFalsy(value)) return false;
    if (title !== undefined) this.newSection(title, indentLevel);
    if (Array.isArray(value)) {
      if (isObject(value[0])) this.fromList(value, indentLevel, title);
      else {
        for (const item of value) {
          if (!isCollection(item)) this.section.addRow([item]);
          else if (iterate(item).every((el) => !isCollection(el)))
            this.section.addRow(iterate(item));
          else this.build(undefined, item);
        }
      }
    }
    if (isObject(value)) this.fromObject(value, indentLevel);
    return true;
  }

  private fromObject(object: Record<string, Json>, indentLevel: number): void {
    const { headers, more } = groupScalarKeys(object);
    if (headers.length === 1) {
      const key = headers[0]!;
      this.section.addRow([key, object[key]]);
    } else if (headers.length > 0) {
      this.section.addHeader(headers);
      this.section.addRow(headers.map((key) => object[key]));
    }
    for (const key of more) this.build(key, object[key], indentLevel + 1);
  }

  private fromList(items: Json[], indentLevel: number, title: string | undefined): void {
    const headers = new Set<string>();
    const more = new Set<string>();
    for (const item of items) {
      const grouped = groupScalarKeys(isObject(item) ? item : {});
      for (const key of grouped.headers) headers.add(key);
      for (const key of grouped.more) more.add(key);
    }
    const headerList = [...headers].sort(compareCodePoints);
    const moreList = [...more].sort(compareCodePoints);
    this.section.addHeader(headerList);
    items.forEach((item, index) => {
      const object = isObject(item) ? item : {};
      if (index > 0 && moreList.length > 0) {
        this.newSection(title, indentLevel);
        this.section.addHeader(headerList);
      }
      this.section.addRow(headerList.map((key) => (key in object ? object[key] : '')));
      for (const key of moreList) {
        if (key in object) this.build(key, object[key], indentLevel + 1);
      }
    });
  }
}

export function formatTable(value: Json, options: TableOptions): string {
  const builder = new TableBuilder();
  if (!builder.build(options.title, value)) return '';
  const styler = options.color ? COLORED : PLAIN;
  let sections = builder.sections;
  let maxWidth = widestSection(sections);
  if (maxWidth > options.terminalWidth) {
    sections = sections.map(onItsSide);
    maxWidth = widestSection(sections);
  }
  const out: string[] = [`${'-'.repeat(maxWidth)}\n${options.color ? RESET : ''}`];
  for (const section of sections) renderSection(section, maxWidth, styler, out);
  return out.join('');
}

const RESET = '\u001b[0m';

function widestSection(sections: readonly Section[]): number {
  return Math.max(...sections.map((s) => s.totalWidth(4, s.indentLevel)));
}

/** A section of one row with a header becomes one `header | value` row per column. */
function onItsSide(section: Section): Section {
  if (section.rows.length !== 1 || section.headers.length === 0) return section;
  const turned = new Section();
  turned.title = section.title;
  turned.indentLevel = section.indentLevel;
  const row = section.rows[0]!;
  section.headers.forEach((header, i) => {
    if (i < row.length) turned.addRow([header, row[i]]);
  });
  return turned;
}

function renderSection(section: Section, tableWidth: number, styler: Styler, out: string[]): void {
  const bars = styler.bar('|').repeat(section.indentLevel);
  // The AWS CLI writes the left bars, the body, the right bars and the line break apart.
  const reset = styler === PLAIN ? '' : RESET;
  const write = (line: string) =>
    out.push(`${bars}${reset}${line}${reset}${bars}${reset}\n${reset}`);
  const width = tableWidth - section.indentLevel * 2;
  if (section.title) {
    write(centerText(section.title, width, '|', '|'));
    if (section.headers.length === 0 && section.rows.length === 0) {
      write(`+${'-'.repeat(width - 2)}+`);
    }
  }
  if (section.headers.length > 0) {
    const widths = section.columnWidths(4, width);
    const cells = section.headers.map((header, i) =>
      centerText(header, widths[i] ?? 0, i === 0 ? '|' : '', '|'),
    );
    write(lineBreak(widths));
    write(cells.join(''));
  }
  if (section.rows.length === 0) return;
  const widths = section.columnWidths(4, width);
  if (widths.length === 0) return;
  write(lineBreak(widths));
  for (const row of section.rows) {
    const cells = widths.map((w, i) => alignLeft(row[i] ?? '', w, i === 0 ? '|' : '', '|', styler));
    // A row shorter than the header draws only its own cells.
    write(cells.slice(0, row.length).join(''));
  }
  write(lineBreak(widths));
}

function lineBreak(widths: readonly number[]): string {
  return widths
    .map((w, i) =>
      i === 0 ? `+${'-'.repeat(Math.max(0, w - 2))}+` : `${'-'.repeat(Math.max(0, w - 1))}+`,
    )
    .join('');
}

function centerText(text: string, length: number, left: string, right: string): string {
  const width = textWidth(text);
  const start = Math.floor(length / 2) - Math.floor(width / 2) - 1;
  const soFar = left.length + start + width;
  return `${left}${' '.repeat(Math.max(0, start))}${text}${' '.repeat(Math.max(0, length - right.length - soFar))}${right}`;
}

function alignLeft(
  text: string,
  length: number,
  left: string,
  right: string,
  styler: Styler,
): string {
  const width = textWidth(text);
  const padding = length - (width + 2 + left.length + right.length) >= 0 ? 2 : 0;
  const soFar = left.length + padding + width;
  return `${left}${' '.repeat(padding)}${styler.row(text)}${' '.repeat(Math.max(0, length - soFar - right.length))}${right}`;
}

/** Columns a text takes: East Asian wide, fullwidth and ambiguous characters take two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) width += 1;
    else {
      const type = eastAsianWidthType(code);
      width += type === 'wide' || type === 'fullwidth' || type === 'ambiguous' ? 2 : 1;
    }
  }
  return width;
}

/** Python's `round()`: halves go to the even neighbour. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Python's truthiness of a JSON value. */
function isFalsy(value: Json): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') {
    return true;
  }
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCollection = (value: Json) => typeof value === 'object' && value !== null;

/** What Python's `for el in item` yields: a list's items, an object's keys. */
function iterate(value: Json): Json[] {
  if (Array.isArray(value)) return value;
  return isObject(value) ? Object.keys(value) : [];
}

function groupScalarKeys(object: Record<string, Json>): { headers: string[]; more: string[] } {
  const headers: string[] = [];
  const more: string[] = [];
  for (const key of sortedKeys(object)) (isCollection(object[key]) ? more : headers).push(key);
  return { headers, more };
}
