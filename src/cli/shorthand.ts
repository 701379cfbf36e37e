/**
 * The AWS CLI shorthand syntax: `key=value,key2=value2`, lists `[a,b]`, structures
 * `{k=v,...}`, quoted strings, and comma-separated values after one `=` (`subnets=a,b`).
 * The parser knows no types: it returns strings, arrays and objects; the option's shape
 * (see conform-to-shape.ts) turns "256" into 256 and a lone value into a one-item list.
 */

import { MAX_NESTING_DEPTH, nestingTooDeep } from './input-limits.js';
import { excerptAt } from './text-excerpt.js';

export type ShorthandValue = string | ShorthandValue[] | { [key: string]: ShorthandValue };
export type ShorthandStructure = { [key: string]: ShorthandValue };

export class ShorthandSyntaxError extends Error {
  override readonly name = 'ShorthandSyntaxError';
  constructor(
    /** What went wrong, without the position. */
    readonly reason: string,
    /** The whole text being parsed. */
    readonly input: string,
    /** 0-based offset of the offending character (input.length at the end). */
    readonly position: number,
  ) {
    super(`${reason} at position ${position}:\n${excerptAt(input, position)}`);
  }
}

/** A key is a plain identifier; `:` is excluded so CQL text never passes for a key. */
const KEY_CHAR = /[A-Za-z0-9_.#/-]/;
/** After a comma: does `key=` follow (a new pair) rather than another value of a list? */
const NEXT_PAIR = /^\s*[A-Za-z0-9_.#/-]+\s*=(?!=)/;

/** Parses one shorthand argument of a structure: `key=value(,key=value)*`. */
export function parseShorthand(input: string): ShorthandStructure {
  const parser = new ShorthandParser(input);
  return parser.parseTopLevel();
}

class ShorthandParser {
  private pos = 0;
  /** Nesting of the value being parsed: the top-level structure is level 1. */
  private depth = 1;

  constructor(private readonly input: string) {}

  parseTopLevel(): ShorthandStructure {
    this.skipSpace();
    if (this.atEnd()) this.fail('expected key=value, found nothing');
    const result = this.parsePairs();
    this.skipSpace();
    if (!this.atEnd()) this.fail(`unexpected '${this.peek()}'`);
    return result;
  }

  private parsePairs(): ShorthandStructure {
    const result: ShorthandStructure = {};
    for (;;) {
      const keyStart = this.pos;
      const key = this.parseKey();
      if (Object.hasOwn(result, key)) {
        this.fail(`duplicate key '${key}'`, keyStart);
      }
      // defineProperty: a key named `__proto__` stays an ordinary (and later refused) key.
      Object.defineProperty(result, key, {
        value: this.parseCsvValue(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipSpace();
      if (this.peek() !== ',') return result;
      this.pos++;
    }
  }

  private parseKey(): string {
    this.skipSpace();
    const start = this.pos;
    while (!this.atEnd() && KEY_CHAR.test(this.peek())) this.pos++;
    const key = this.input.slice(start, this.pos);
    if (key === '') {
      this.fail(
        this.atEnd() ? 'expected a key, found the end' : `expected a key, found '${this.peek()}'`,
      );
    }
    this.skipSpace();
    if (this.peek() !== '=') {
      const found = this.atEnd() ? 'the end' : `'${this.peek()}'`;
      this.fail(`expected '=' after key '${key}', found ${found}`);
    }
    this.pos++;
    return key;
  }

  /** One value, or several joined by commas when the next segment is not `key=`. */
  private parseCsvValue(): ShorthandValue {
    const first = this.parseValue();
    const items: ShorthandValue[] = [first];
    for (;;) {
      this.skipSpace();
      if (this.peek() !== ',' || NEXT_PAIR.test(this.input.slice(this.pos + 1))) break;
      // A trailing comma before `}` or the end is not another value.
      const rest = this.input.slice(this.pos + 1).trimStart();
      if (rest === '' || rest.startsWith('}')) break;
      this.pos++;
      items.push(this.parseValue());
    }
    return items.length === 1 ? first : items;
  }

  private parseValue(): ShorthandValue {
    this.skipSpace();
    const c = this.peek();
    if (c === '[') return this.parseList();
    if (c === '{') return this.parseHash();
    if (c === '"' || c === "'") return this.parseQuoted();
    return this.parseBare();
  }

  private parseList(): ShorthandValue[] {
    this.enter();
    const items = this.parseListItems();
    this.depth--;
    return items;
  }

  private parseListItems(): ShorthandValue[] {
    this.pos++; // [
    const items: ShorthandValue[] = [];
    this.skipSpace();
    if (this.peek() === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.parseValue());
      this.skipSpace();
      const c = this.peek();
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return items;
      }
      this.fail(
        this.atEnd()
          ? "expected ']' to close the list, found the end"
          : `expected ',' or ']', found '${c}'`,
      );
    }
  }

  private parseHash(): ShorthandStructure {
    this.enter();
    const result = this.parseHashPairs();
    this.depth--;
    return result;
  }

  /** Opening a list or structure: refused past MAX_NESTING_DEPTH, before recursing further. */
  private enter(): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      this.fail(nestingTooDeep());
    }
  }

  private parseHashPairs(): ShorthandStructure {
    this.pos++; // {
    this.skipSpace();
    if (this.peek() === '}') {
      this.pos++;
      return {};
    }
    const result = this.parsePairs();
    this.skipSpace();
    if (this.peek() !== '}') {
      this.fail(
        this.atEnd()
          ? "expected '}' to close the structure, found the end"
          : `expected ',' or '}', found '${this.peek()}'`,
      );
    }
    this.pos++;
    return result;
  }

  private parseQuoted(): string {
    const quote = this.peek();
    const start = this.pos;
    this.pos++;
    let text = '';
    for (;;) {
      if (this.atEnd())
        this.fail(`unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`, start);
      const c = this.peek();
      if (c === '\\' && this.pos + 1 < this.input.length) {
        const next = this.input[this.pos + 1]!;
        // Only the quote and the backslash are escapes; anything else keeps its backslash
        // so regular expressions like `\d` survive.
        if (next === quote || next === '\\') {
          text += next;
          this.pos += 2;
          continue;
        }
      }
      this.pos++;
      if (c === quote) break;
      text += c;
    }
    this.skipSpace();
    if (!this.atEnd() && !this.isTerminator(this.peek())) {
      this.fail(`unexpected '${this.peek()}' after the closing quote`);
    }
    return text;
  }

  /**
   * An unquoted value: everything up to the next `,` (or `]`/`}` closing the enclosing
   * list/structure). `=` and `:` are ordinary characters here; a `[...]` that does not open
   * the value is kept as text with its commas, so CQL lists like `in [a,b]` need no quotes.
   */
  private parseBare(): string {
    let depth = 0;
    let text = '';
    while (!this.atEnd()) {
      const c = this.peek();
      if (depth === 0 && this.isTerminator(c)) break;
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '\\' && this.input[this.pos + 1] === ',') {
        text += ',';
        this.pos += 2;
        continue;
      }
      text += c;
      this.pos++;
    }
    if (depth > 0) this.fail("expected ']' to close the '[' inside the value, found the end");
    return text.trim();
  }

  /** The enclosing parser decides whether a `]` or `}` is legal where it stopped. */
  private isTerminator(c: string): boolean {
    return c === ',' || c === ']' || c === '}';
  }

  private skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.peek())) this.pos++;
  }

  private peek(): string {
    return this.input[this.pos] ?? '';
  }

  private atEnd(): boolean {
    return this.pos >= this.input.length;
  }

  private fail(reason: string, position = this.pos): never {
    throw new ShorthandSyntaxError(reason, this.input, position);
  }
}
