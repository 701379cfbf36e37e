/**
 * `--output yaml` and `yaml-stream`, as the AWS CLI prints them. The AWS CLI dumps the
 * response with ruamel.yaml's safe dumper, whose emitter is libyaml's: block style, keys
 * sorted, sequences in a mapping not indented (`key:` then `- item` in the same column),
 * empty lists and objects as `[]` and `{}`, two-space indentation, and long scalars folded
 * at the first single space past column 80. A string is written plain unless YAML 1.2 (as
 * ruamel reads it) would take it for something else (`'true'`, `'256'`, `'1e3'`, `''`, a
 * date or timestamp, `'<<'`, `'='`) or its characters forbid it (leading or trailing spaces,
 * line breaks, indicators such as `: `, ` #` or a leading `-`, `[`, `'`, `@`); then in single
 * quotes, or in double quotes with escapes when it has control characters. A lone scalar
 * (a `--query` result) is written as JSON instead, as the AWS CLI does.
 *
 * This is a small emitter for JSON values, not a general YAML library: the `yaml` package
 * folds long lines and picks quotes by different rules, and the output must match the AWS
 * CLI's byte for byte.
 */
import { compareCodePoints } from './format-text.js';
import { pythonFloat } from './python-text.js';

type Json = unknown;

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

/** `--output yaml`: one document; nothing for an empty object (no response body). */
export function formatYaml(value: Json): string {
  if (isObject(value) && Object.keys(value).length === 0) return '';
  if (!isCollection(value)) return `${JSON.stringify(value ?? null)}\n`;
  return new Emitter().document(value);
}

/**
 * `--output yaml-stream`: each response (page) as a one-item list, so a single response is
 * `- ` followed by what `yaml` prints, indented.
 */
export function formatYamlStream(value: Json): string {
  if (isObject(value) && Object.keys(value).length === 0) return '';
  return new Emitter().document([value]);
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCollection = (value: Json) => typeof value === 'object' && value !== null;

/** libyaml's emitter state, for block collections of JSON values. */
class Emitter {
  private out = '';
  private column = 0;
  private indent = -1;
  private whitespace = true;
  private indention = true;
  private readonly indents: number[] = [];

  document(root: Json): string {
    this.node(root, { mapping: false, simpleKey: false });
    this.writeIndent();
    return this.out;
  }

  private node(value: Json, context: { mapping: boolean; simpleKey: boolean }): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.emptyFlow('[', ']');
      else this.blockSequence(value, context.mapping);
    } else if (isObject(value)) {
      const keys = Object.keys(value).sort(compareCodePoints);
      if (keys.length === 0) this.emptyFlow('{', '}');
      else this.blockMapping(value, keys);
    } else {
      this.scalar(scalarText(value), typeof value === 'string', context.simpleKey);
    }
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private blockSequence(items: Json[], inMapping: boolean): void {
    // A sequence that is a mapping's value is not indented further (libyaml's "indentless").
    this.increaseIndent(inMapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private blockMapping(object: Record<string, Json>, keys: readonly string[]): void {
    this.increaseIndent(false);
    for (const key of keys) {
      this.writeIndent();
      if (isSimpleKey(key)) {
        this.node(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        // A key on several lines or longer than 128 bytes: `? key` then `: value`.
        this.writeIndicator('?', true, false, true);
        this.node(key, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(object[key], { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private increaseIndent(indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  private scalar(text: string, isString: boolean, simpleKey: boolean): void {
    const style = isString ? chooseStyle(text, simpleKey) : 'plain';
    // libyaml writes a scalar one indentation step in: that is where folded lines continue.
    this.indents.push(this.indent);
    this.indent = this.indent < 0 ? BEST_INDENT : this.indent + BEST_INDENT;
    const breaks = !simpleKey;
    if (style === 'plain') this.writePlain(text, breaks);
    else if (style === 'single') this.writeSingleQuoted(text, breaks);
    else this.writeDoubleQuoted(text, breaks);
    this.popIndent();
  }

  private put(text: string): void {
    this.out += text;
    this.column += [...text].length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writeIndent(): void {
    const indent = Math.max(0, this.indent);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  /** A line break inside a scalar (libyaml's WRITE_BREAK). */
  private writeBreak(char: string): void {
    this.out += char === '\n' ? '\n' : char;
    this.column = 0;
  }

  private writePlain(text: string, allowBreaks: boolean): void {
    if (!this.whitespace && text.length > 0) this.put(' ');
    const chars = [...text];
    let spaces = false;
    let breaks = false;
    chars.forEach((char, i) => {
      if (char === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') {
          this.writeIndent();
        } else this.put(char);
        spaces = true;
      } else if (isBreak(char)) {
        if (!breaks && char === '\n') this.putBreak();
        this.writeBreak(char);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(char);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(text: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = [...text];
    let spaces = false;
    let breaks = false;
    chars.forEach((char, i) => {
      if (char === ' ') {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i !== 0 &&
          i !== chars.length - 1 &&
          chars[i + 1] !== ' '
        ) {
          this.writeIndent();
        } else this.put(char);
        spaces = true;
      } else if (isBreak(char)) {
        if (!breaks && char === '\n') this.putBreak();
        this.writeBreak(char);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (char === "'") this.put("'");
        this.put(char);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
  }

  private writeDoubleQuoted(text: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = [...text];
    let spaces = false;
    chars.forEach((char, i) => {
      const code = char.codePointAt(0) ?? 0;
      if (!isPrintable(code) || isBreak(char) || char === '"' || char === '\\') {
        this.put(escapeOf(char, code));
        spaces = false;
      } else if (char === ' ') {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i !== 0 &&
          i !== chars.length - 1
        ) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(char);
        spaces = true;
      } else {
        this.put(char);
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
  }
}

/** libyaml writes a key as `key:` when it has no line break and at most 128 UTF-8 bytes. */
function isSimpleKey(key: string): boolean {
  return !analyzeScalar(key).multiline && Buffer.byteLength(key, 'utf8') <= 128;
}

type Style = 'plain' | 'single' | 'double';

/** libyaml's choice for a string, with ruamel's YAML 1.2 reading of plain scalars. */
function chooseStyle(text: string, simpleKey: boolean): Style {
  const analysis = analyzeScalar(text);
  if (simpleKey && analysis.multiline) return 'double';
  let style: Style = 'plain';
  if (!analysis.blockPlainAllowed) style = 'single';
  if (text.length === 0 && simpleKey) style = 'single';
  if (resolvesToNonString(text)) style = 'single';
  if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
  return style;
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
}

const WHITESPACE_OR_END = (char: string | undefined) =>
  char === undefined || char === ' ' || char === '\t' || char === '\0' || isBreak(char);

/** libyaml's yaml_emitter_analyze_scalar, for block context. */
function analyzeScalar(text: string): ScalarAnalysis {
  if (text.length === 0) {
    return { multiline: false, blockPlainAllowed: false, singleQuotedAllowed: true };
  }
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  const chars = [...text];
  let precededByWhitespace = true;
  chars.forEach((char, i) => {
    const followedByWhitespace = WHITESPACE_OR_END(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(char)) blockIndicators = true;
      if ((char === '?' || char === ':') && followedByWhitespace) blockIndicators = true;
      if (char === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (char === ':' && followedByWhitespace) blockIndicators = true;
      if (char === '#' && precededByWhitespace) blockIndicators = true;
    }
    const code = char.codePointAt(0) ?? 0;
    if (!isPrintable(code)) special = true;
    if (isBreak(char)) lineBreaks = true;
    if (char === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(char)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = WHITESPACE_OR_END(char);
  });
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (breakSpace) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockPlainAllowed = singleQuotedAllowed = false;
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed };
}

/** libyaml's IS_BREAK. */
function isBreak(char: string): boolean {
  return (
    char === '\r' || char === '\n' || char === '\u0085' || char === '\u2028' || char === '\u2029'
  );
}

/**
 * libyaml's IS_PRINTABLE: line feed, printable ASCII and the Basic Multilingual Plane from
 * U+00A0 (not U+FEFF, U+FFFE, U+FFFF). Characters beyond it (emoji) are not: libyaml
 * escapes them (`\U0001F600`) in a double-quoted string.
 */
function isPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\u0007': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\u000b': 'v',
  '\f': 'f',
  '\r': 'r',
  '\u001b': 'e',
  '"': '"',
  '\\': '\\',
  '\u0085': 'N',
  '\u00a0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function escapeOf(char: string, code: number): string {
  const named = ESCAPES[char];
  if (named !== undefined) return `\\${named}`;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/**
 * Whether ruamel's YAML 1.2 resolver reads the text, written plain, as something other than
 * a string: a boolean, number, null, timestamp, merge key or value key. As there, a pattern
 * is only tried when the text starts with one of its first characters (so `_1` stays a
 * string although the integer pattern allows underscores).
 */
function resolvesToNonString(text: string): boolean {
  const first = text[0] ?? '';
  return IMPLICIT_TYPES.some(
    ([firsts, pattern]) =>
      (first === '' ? firsts === '' : firsts.includes(first)) && pattern.test(text),
  );
}

/** [first characters, pattern]; `''` stands for the empty text. */
const IMPLICIT_TYPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['tTfF', /^(?:true|True|TRUE|false|False|FALSE)$/],
  [
    '-+0123456789.',
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  ['-+0123456789', /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/],
  ['<', /^(?:<<)$/],
  ['~nN', /^(?:~|null|Null|NULL)$/],
  ['', /^$/],
  [
    '0123456789',
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  ],
  ['=', /^(?:=)$/],
];

/** A non-string scalar as ruamel's safe representer writes it. */
function scalarText(value: Json): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value);
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return pythonFloat(value);
  }
  return String(value);
}
