import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseShorthand,
  type ShorthandStructure,
  ShorthandSyntaxError,
  type ShorthandValue,
} from '../../src/cli/shorthand.js';

describe('parseShorthand', () => {
  it.each([
    [
      'type=spread,field=attribute:ecs.availability-zone',
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
    ],
    [
      'awsvpcConfiguration={subnets=[subnet-1,subnet-2],assignPublicIp=DISABLED}',
      { awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], assignPublicIp: 'DISABLED' } },
    ],
    [
      'type=memberOf,expression="attribute:ecs.instance-type == t2.small"',
      { type: 'memberOf', expression: 'attribute:ecs.instance-type == t2.small' },
    ],
    [
      "type=memberOf,expression='attribute:ecs.instance-type =~ t2.*'",
      { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' },
    ],
    // Unquoted values keep `=`, `:` and spaces after the first `=`.
    ['expression=attribute:stack == prod', { expression: 'attribute:stack == prod' }],
    ['key=a=b:c', { key: 'a=b:c' }],
    // A comma inside quotes is text, not a separator.
    ['expression="a in [x, y]",type=memberOf', { expression: 'a in [x, y]', type: 'memberOf' }],
    // A bracketed list inside an unquoted value keeps its commas.
    [
      'expression=attribute:ecs.instance-type in [t2.small,t2.medium]',
      { expression: 'attribute:ecs.instance-type in [t2.small,t2.medium]' },
    ],
    // Several comma-separated values after one `=` form a list, until the next `key=`.
    [
      'subnets=a,b,c,assignPublicIp=ENABLED',
      { subnets: ['a', 'b', 'c'], assignPublicIp: 'ENABLED' },
    ],
    [
      'containerOverrides=[{name=app,cpu=256,environment=[{name=A,value=1}]}]',
      {
        containerOverrides: [{ name: 'app', cpu: '256', environment: [{ name: 'A', value: '1' }] }],
      },
    ],
    ['a=,b=2', { a: '', b: '2' }],
    // Without `=`, a word after a comma is one more value of the list (as in the AWS CLI).
    ['type=spread,field', { type: ['spread', 'field'] }],
    ['a=[],b={}', { a: [], b: {} }],
    ['a = 1 , b = two words ', { a: '1', b: 'two words' }],
    ['a=x\\,y', { a: 'x,y' }],
    ['a="say \\"hi\\"",b=\'it\\\'s\'', { a: 'say "hi"', b: "it's" }],
    // Backslashes other than escapes survive, for regular expressions.
    ['expression="attribute:v =~ \\d+"', { expression: 'attribute:v =~ \\d+' }],
  ])('parses %s', (input, expected) => {
    expect(parseShorthand(input)).toEqual(expected);
  });

  it('keeps __proto__ as an ordinary key', () => {
    const parsed = parseShorthand('__proto__={polluted=yes}');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
  });

  it.each([
    ['field', 5, "expected '=' after key 'field'"],
    ['a=1,b=[x,y', 10, "expected ']'"],
    ['=x', 0, 'expected a key'],
    ['a=[1,2', 6, "expected ']'"],
    ['a={b=1', 6, "expected '}'"],
    ['a="open', 2, 'unterminated double-quoted string'],
    ["a='open", 2, 'unterminated single-quoted string'],
    ['a="x"y', 5, "unexpected 'y' after the closing quote"],
    ['a=1]', 3, "unexpected ']'"],
    ['a=1,a=2', 4, "duplicate key 'a'"],
    ['', 0, 'found nothing'],
  ])('rejects %s at position %i', (input, position, reason) => {
    let caught: unknown;
    try {
      parseShorthand(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ShorthandSyntaxError);
    const error = caught as ShorthandSyntaxError;
    expect(error.position).toBe(position);
    expect(error.reason).toContain(reason);
    // The message shows the text and a caret under the offending character.
    const [, textLine, caretLine] = error.message.split('\n');
    expect(textLine).toBe(`  ${input}`);
    expect(caretLine).toBe(`  ${' '.repeat(position)}^`);
  });
});

/** Writes a value in shorthand, quoting every string so any text survives. */
function toShorthand(value: ShorthandValue): string {
  if (typeof value === 'string')
    return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  if (Array.isArray(value)) return `[${value.map(toShorthand).join(',')}]`;
  return `{${pairs(value)}}`;
}

function pairs(structure: ShorthandStructure): string {
  return Object.entries(structure)
    .map(([key, v]) => `${key}=${toShorthand(v)}`)
    .join(',');
}

const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,8}$/);
const { value } = fc.letrec<{ value: ShorthandValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
}));
const structure = fc.dictionary(key, value, { minKeys: 1, maxKeys: 4, noNullPrototype: true });

describe('parseShorthand round trip', () => {
  it('reads back any structure written with quoted strings', () => {
    fc.assert(
      fc.property(structure, (input) => {
        expect(parseShorthand(pairs(input))).toEqual(input);
      }),
    );
  });

  it('reads unquoted words and lists the same as quoted ones', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9_.:\-/*]{1,10}$/);
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.oneof(word, fc.array(word, { minLength: 1, maxLength: 3 })), {
          minKeys: 1,
          noNullPrototype: true,
        }),
        (input) => {
          const text = Object.entries(input)
            .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : v}`)
            .join(',');
          expect(parseShorthand(text)).toEqual(input);
        },
      ),
    );
  });
});
