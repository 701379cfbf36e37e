/**
 * Finds the first JSON syntax error in the document that starts at an offset, for the message
 * when JSON.parse refuses it: JSON.parse's own messages differ between Node versions and do
 * not always give a position. Only run on failure, so it favours plainness over speed.
 * Iterative (an explicit stack), so deep nesting cannot overflow the call stack.
 */

export interface JsonSyntaxError {
  /** Offset of the offending character (the text's length when the input ended early). */
  offset: number;
  message: string;
  /** The text ended before the document was complete. */
  endOfInput: boolean;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = ['true', 'false', 'null'];
const ESCAPES = '"\\/bfnrt';
const HEX = /^[0-9a-fA-F]{4}$/;

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close';

/** The first syntax error of the JSON value starting at `start`, or undefined if it is valid. */
export function findJsonSyntaxError(text: string, start: number): JsonSyntaxError | undefined {
  const open: string[] = [];
  let expect: Expect = 'value';
  let i = start;
  for (;;) {
    i = skipWhitespace(text, i);
    if (i >= text.length) {
      return {
        offset: i,
        message: 'the input ends before the document is complete',
        endOfInput: true,
      };
    }
    const c = text[i]!;
    if (expect === 'colon') {
      if (c !== ':') return problem(text, i, "expected ':' after the property name");
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'comma-or-close') {
      const close = open.at(-1) === '{' ? '}' : ']';
      if (c === ',') {
        i++;
        expect = close === '}' ? 'key' : 'value';
        continue;
      }
      if (c !== close) {
        const what = close === '}' ? 'a property value' : 'a list item';
        return problem(text, i, `expected ',' or '${close}' after ${what}`);
      }
      open.pop();
      i++;
      if (open.length === 0) return undefined;
      continue;
    }
    if (expect === 'key' || expect === 'key-or-close') {
      if (c === '}' && expect === 'key-or-close') {
        open.pop();
        i++;
        if (open.length === 0) return undefined;
        expect = 'comma-or-close';
        continue;
      }
      if (c !== '"') {
        const or = expect === 'key-or-close' ? " or '}'" : '';
        return problem(text, i, `expected a property name in double quotes${or}`);
      }
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      expect = 'colon';
      continue;
    }
    // A value (or, right after '[', the end of the list).
    if (c === ']' && expect === 'value-or-close') {
      open.pop();
      i++;
      if (open.length === 0) return undefined;
      expect = 'comma-or-close';
      continue;
    }
    if (c === '{' || c === '[') {
      open.push(c);
      i++;
      expect = c === '{' ? 'key-or-close' : 'value-or-close';
      continue;
    }
    const end = scanScalar(text, i);
    if (typeof end !== 'number') return end;
    i = end;
    if (open.length === 0) return undefined;
    expect = 'comma-or-close';
  }
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  return i;
}

function problem(text: string, offset: number, message: string): JsonSyntaxError {
  return { offset, message: `${message}, found ${quote(text, offset)}`, endOfInput: false };
}

/** The character (or word) at an offset, as a message shows it. */
function quote(text: string, offset: number): string {
  const word = /[A-Za-z0-9_.+-]+/y;
  word.lastIndex = offset;
  const match = word.exec(text);
  const shown = match ? match[0].slice(0, 20) : text[offset]!;
  return JSON.stringify(shown);
}

/** End offset of the string starting at `i` (a quote), or the error inside it. */
function scanString(text: string, i: number): number | JsonSyntaxError {
  for (let j = i + 1; j < text.length; j++) {
    const code = text.charCodeAt(j);
    if (code === 0x22) return j + 1;
    if (code < 0x20) {
      return {
        offset: j,
        message: 'a control character (such as a line break) inside a string',
        endOfInput: false,
      };
    }
    if (code === 0x5c) {
      const next = text[j + 1];
      if (next === undefined) break;
      if (next === 'u') {
        if (!HEX.test(text.slice(j + 2, j + 6))) {
          return {
            offset: j,
            message: 'a \\u escape needs four hexadecimal digits',
            endOfInput: false,
          };
        }
        j += 5;
      } else if (ESCAPES.includes(next)) {
        j++;
      } else {
        return { offset: j, message: `an invalid escape \\${next} in a string`, endOfInput: false };
      }
    }
  }
  return { offset: text.length, message: 'the input ends inside a string', endOfInput: true };
}

function scanScalar(text: string, i: number): number | JsonSyntaxError {
  if (text[i] === '"') return scanString(text, i);
  for (const literal of LITERALS) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  NUMBER.lastIndex = i;
  const number = NUMBER.exec(text);
  if (number) return i + number[0].length;
  return problem(
    text,
    i,
    'expected a value (an object, list, string, number, true, false or null)',
  );
}
