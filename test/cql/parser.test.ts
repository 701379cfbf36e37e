import { describe, expect, it } from 'vitest';
import type { ComparisonNode, Expression } from '../../grammar/ast.js';
import { parseExpression } from '../../src/cql/index.js';

function parse(text: string): Expression {
  const result = parseExpression(text);
  expect(result.errors).toEqual([]);
  return result.ast!;
}

function comparison(text: string): ComparisonNode {
  const ast = parse(text);
  expect(ast.kind).toBe('comparison');
  return ast as ComparisonNode;
}

/** A compact rendering of the tree's shape: `and(a, or(b, c))`. */
function shape(node: Expression): string {
  switch (node.kind) {
    case 'comparison':
      return node.subject.attribute ?? node.subject.name;
    case 'not':
      return `not(${shape(node.operand)})`;
    default:
      return `${node.kind}(${node.operands.map(shape).join(', ')})`;
  }
}

describe('CQL parser: spans', () => {
  it('puts exact source spans on the comparison, subject, operator and value', () => {
    const text = '  attribute:ecs.instance-type   ==  t2.small ';
    const node = comparison(text);
    const slice = (span: { start: number; end: number }) => text.slice(span.start, span.end);
    expect(slice(node)).toBe('attribute:ecs.instance-type   ==  t2.small');
    expect(slice(node.subject)).toBe('attribute:ecs.instance-type');
    expect(slice(node.operator)).toBe('==');
    expect(node.argument?.kind).toBe('value');
    expect(slice(node.argument!)).toBe('t2.small');
  });

  it('spans list items, the list, quoted values (quotes included) and boolean nodes', () => {
    const text = "not (attribute:a in [x, 'y z']) and agentConnected exists";
    const ast = parse(text);
    expect(ast.kind).toBe('and');
    if (ast.kind !== 'and') return;
    expect(text.slice(ast.start, ast.end)).toBe(text);
    const not = ast.operands[0]!;
    expect(text.slice(not.start, not.end)).toBe("not (attribute:a in [x, 'y z'])");
    if (not.kind !== 'not' || not.operand.kind !== 'comparison') throw new Error('shape');
    const list = not.operand.argument;
    if (list?.kind !== 'list') throw new Error('list');
    expect(text.slice(list.start, list.end)).toBe("[x, 'y z']");
    expect(list.items.map((item) => text.slice(item.start, item.end))).toEqual(['x', "'y z'"]);
    expect(list.items.map((item) => item.value)).toEqual(['x', 'y z']);
    const exists = ast.operands[1]!;
    expect(text.slice(exists.start, exists.end)).toBe('agentConnected exists');
  });

  it('a parenthesised operand of and/or widens the parent span to the parentheses', () => {
    const text = '(agentConnected exists) or agentVersion exists';
    const ast = parse(text);
    expect([ast.start, ast.end]).toEqual([0, text.length]);
  });
});

describe('CQL parser: precedence and grouping', () => {
  it.each([
    ['attribute:a exists or attribute:b exists and attribute:c exists', 'or(a, and(b, c))'],
    ['attribute:a exists and attribute:b exists or attribute:c exists', 'or(and(a, b), c)'],
    ['not attribute:a exists and attribute:b exists', 'and(not(a), b)'],
    ['not (attribute:a exists and attribute:b exists)', 'not(and(a, b))'],
    ['!attribute:a exists || !(attribute:b exists)', 'or(not(a), not(b))'],
    ['not not attribute:a exists', 'not(not(a))'],
    ['(attribute:a exists or attribute:b exists) and attribute:c exists', 'and(or(a, b), c)'],
    ['attribute:a exists and attribute:b exists and attribute:c exists', 'and(a, b, c)'],
    ['(attribute:a exists and attribute:b exists) and attribute:c exists', 'and(and(a, b), c)'],
    ['((attribute:a exists))', 'a'],
  ])('%s', (text, expected) => {
    expect(shape(parse(text))).toBe(expected);
  });

  it('accepts not(x), not x, !x and !(x) alike', () => {
    for (const text of [
      'not(agentConnected exists)',
      'not agentConnected exists',
      '!agentConnected exists',
      '!(agentConnected exists)',
      'NOT(agentConnected exists)',
    ]) {
      expect(shape(parse(text)), text).toBe('not(agentConnected)');
    }
  });
});

describe('CQL parser: operators', () => {
  it.each([
    ['==', 'equals'],
    ['equals', 'equals'],
    ['!=', 'not_equals'],
    ['not_equals', 'not_equals'],
    ['>', 'greater_than'],
    ['greater_than', 'greater_than'],
    ['>=', 'greater_than_equal'],
    ['greater_than_equal', 'greater_than_equal'],
    ['<', 'less_than'],
    ['less_than', 'less_than'],
    ['<=', 'less_than_equal'],
    ['less_than_equal', 'less_than_equal'],
    ['=~', 'matches'],
    ['matches', 'matches'],
    ['!~', 'not_matches'],
    ['not_matches', 'not_matches'],
  ])('%s is %s', (spelling, operator) => {
    for (const text of [`attribute:x ${spelling} 1`, `attribute:x ${spelling.toUpperCase()} 1`]) {
      const node = comparison(text);
      expect(node.operator.operator).toBe(operator);
      expect(node.argument).toMatchObject({ kind: 'value', value: '1' });
    }
  });

  it.each([
    ['exists', 'exists'],
    ['!exists', 'not_exists'],
    ['not_exists', 'not_exists'],
    ['NOT_EXISTS', 'not_exists'],
  ])('%s is %s and takes no argument', (spelling, operator) => {
    const node = comparison(`attribute:x ${spelling}`);
    expect(node.operator.operator).toBe(operator);
    expect(node.argument).toBeNull();
  });

  it.each([
    ['in', 'in'],
    ['IN', 'in'],
    ['!in', 'not_in'],
    ['not_in', 'not_in'],
  ])('%s is %s and takes a list', (spelling, operator) => {
    const node = comparison(`attribute:x ${spelling} [a]`);
    expect(node.operator.operator).toBe(operator);
    expect(node.argument).toMatchObject({ kind: 'list', items: [{ value: 'a' }] });
  });

  it('needs no whitespace around symbols', () => {
    expect(shape(parse('attribute:a==b&&attribute:c!=d||!attribute:e=~f'))).toBe(
      'or(and(a, c), not(e))',
    );
    expect(comparison('runningTasksCount>=2').operator.operator).toBe('greater_than_equal');
    expect(comparison('attribute:x!in[a,b]').argument).toMatchObject({
      items: [{ value: 'a' }, { value: 'b' }],
    });
    expect(comparison('attribute:x!exists').operator.operator).toBe('not_exists');
  });
});

describe('CQL parser: words and values', () => {
  it('keeps attribute names containing keywords whole', () => {
    for (const name of [
      'android',
      'in-house',
      'order',
      'notes',
      'exists-flag',
      'and',
      'not_in',
      'team/app',
      'a\\b',
      'x.y_z-1',
    ]) {
      const node = comparison(`attribute:${name} exists`);
      expect(node.subject).toMatchObject({ name: 'attribute', attribute: name });
    }
  });

  it('accepts keywords and keyword-like words as bare values', () => {
    for (const value of [
      'android',
      'in',
      'and',
      'OR',
      'not',
      'exists',
      'equals',
      'not_in',
      'notes',
      'matches',
    ]) {
      expect(comparison(`attribute:x == ${value}`).argument).toMatchObject({ value });
      expect(comparison(`attribute:x in [${value}, ${value}]`).argument).toMatchObject({
        items: [{ value }, { value }],
      });
    }
  });

  it('reads bare words with : . * - / @ \\ + | & and digits', () => {
    for (const value of [
      'service:production',
      't2.*',
      'us-east-1a',
      '2018-06-18T22:28:28+00:00',
      'a@b/c\\d',
      'a|b',
      'a&b',
      '1e5',
      'm5\\..*',
    ]) {
      expect(comparison(`attribute:x == ${value}`).argument).toMatchObject({ value });
    }
  });

  it('strips quotes and resolves \\\\, \\\' and \\" escapes; other backslashes stay', () => {
    expect(comparison(`attribute:x == 'a b'`).argument).toMatchObject({ value: 'a b' });
    expect(comparison(`attribute:x == "a b"`).argument).toMatchObject({ value: 'a b' });
    expect(comparison(`attribute:x == 'it\\'s'`).argument).toMatchObject({ value: "it's" });
    expect(comparison(`attribute:x == "say \\"hi\\""`).argument).toMatchObject({
      value: 'say "hi"',
    });
    expect(comparison(`attribute:x == 'back\\\\slash'`).argument).toMatchObject({
      value: 'back\\slash',
    });
    expect(comparison(`attribute:x == 't2\\.micro'`).argument).toMatchObject({
      value: 't2\\.micro',
    });
    expect(comparison(`attribute:x == '(a, [b])'`).argument).toMatchObject({ value: '(a, [b])' });
    expect(comparison(`attribute:x == ''`).argument).toMatchObject({ value: '' });
  });

  it('reads every subject exactly and nothing else', () => {
    for (const subject of [
      'agentConnected',
      'agentVersion',
      'ec2InstanceId',
      'registeredAt',
      'runningTasksCount',
      'task:group',
    ]) {
      expect(comparison(`${subject} exists`).subject).toMatchObject({
        name: subject,
        attribute: undefined,
      });
    }
    for (const wrong of [
      'agentconnected',
      'AgentVersion',
      'task:Group',
      'TASK:GROUP',
      'Attribute:x',
      'runningtaskscount',
    ]) {
      expect(parseExpression(`${wrong} exists`).errors[0]?.reason, wrong).toContain(
        'unknown subject',
      );
    }
  });
});
