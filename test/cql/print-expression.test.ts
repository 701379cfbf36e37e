import { describe, expect, it } from 'vitest';
import { parseExpression, printExpression, printValue } from '../../src/cql/index.js';

function canonical(text: string): string {
  const { ast, errors } = parseExpression(text);
  expect(errors).toEqual([]);
  return printExpression(ast!);
}

describe('printExpression', () => {
  it.each([
    ['attribute:x EQUALS a', 'attribute:x == a'],
    ['attribute:x not_in [a,"b c"]', "attribute:x !in [a, 'b c']"],
    ['attribute:x NOT_EXISTS', 'attribute:x !exists'],
    [
      'agentConnected exists && !(runningTasksCount<2) || task:group matches "x.*"',
      'agentConnected exists and not runningTasksCount < 2 or task:group =~ x.*',
    ],
    [
      'not (attribute:a exists or attribute:b exists)',
      'not (attribute:a exists or attribute:b exists)',
    ],
    [
      '(attribute:a exists or attribute:b exists) and attribute:c exists',
      '(attribute:a exists or attribute:b exists) and attribute:c exists',
    ],
    [
      '(attribute:a exists and attribute:b exists) and attribute:c exists',
      '(attribute:a exists and attribute:b exists) and attribute:c exists',
    ],
    ['((attribute:a exists))', 'attribute:a exists'],
    ["attribute:x == 'it\\'s'", "attribute:x == 'it\\'s'"],
    ["attribute:x == 'in'", 'attribute:x == in'],
    ["attribute:x == ''", "attribute:x == ''"],
  ])('%s -> %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
    expect(canonical(expected)).toBe(expected);
  });

  it('quotes values that would not lex back as one word', () => {
    expect(printValue('t2.*')).toBe('t2.*');
    expect(printValue('a b')).toBe("'a b'");
    expect(printValue('a&&b')).toBe("'a&&b'");
    expect(printValue('x=y')).toBe("'x=y'");
    expect(printValue('back\\slash')).toBe('back\\slash');
    expect(printValue("it's \\")).toBe("'it\\'s \\\\'");
  });
});
