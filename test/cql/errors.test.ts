import { describe, expect, it } from 'vitest';
import {
  CqlError,
  CqlSyntaxError,
  compileExpression,
  MAX_EXPRESSION_LENGTH,
  parseExpression,
  validateExpression,
} from '../../src/cql/index.js';

function firstError(text: string): CqlError {
  const errors = validateExpression(text);
  expect(errors.length).toBeGreaterThan(0);
  return errors[0]!;
}

describe('CqlError', () => {
  it('carries offset, 1-based line and column, length, and a caret excerpt', () => {
    const error = firstError('agentVersion < 1.x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CqlError');
    expect([error.offset, error.line, error.column, error.length]).toEqual([15, 1, 16, 3]);
    expect(error.excerpt).toBe('agentVersion < 1.x\n               ^^^');
    expect(error.message).toContain('line 1, column 16');
    expect(error.message).toContain(error.excerpt);
  });

  it('locates problems on later lines and aligns carets under tabs', () => {
    const error = firstError('attribute:a exists and\n\tagentVersion < x');
    expect([error.line, error.column]).toEqual([2, 17]);
    expect(error.excerpt).toBe(`\tagentVersion < x\n\t${' '.repeat(15)}^`);
  });

  it('puts a single caret past the end when the expression stops early', () => {
    const error = firstError('attribute:a ==');
    expect(error.excerpt).toBe('attribute:a ==\n              ^');
    expect(error.expected).toEqual(['a value (a bare word or a quoted string)']);
  });

  it('cuts very long lines around the problem', () => {
    const long = `${'attribute:a exists and '.repeat(20)}agentVersion < x`;
    const error = firstError(long);
    const [line, carets] = error.excerpt.split('\n');
    expect(line!.length).toBeLessThanOrEqual(102);
    expect(line!.startsWith('…')).toBe(true);
    expect(line!.charAt(carets!.indexOf('^'))).toBe('x');
  });

  it('text that is not CQL at all is a CqlSyntaxError, a subclass of CqlError', () => {
    for (const text of [
      'attribute:a ==',
      'attribute:a == "x',
      'a = b',
      '   ',
      '(attribute:a exists',
    ]) {
      const error = firstError(text);
      expect(error).toBeInstanceOf(CqlSyntaxError);
      expect(error).toBeInstanceOf(CqlError);
      expect(error.name).toBe('CqlSyntaxError');
    }
    expect(() => compileExpression('attribute:a ==')).toThrow(CqlSyntaxError);
    // Well-formed text with another problem stays a plain CqlError.
    for (const text of ['agentVersoin == 1.0.0', 'agentVersion < 1.x', 'attribute:a =~ "("']) {
      const error = firstError(text);
      expect(error).toBeInstanceOf(CqlError);
      expect(error).not.toBeInstanceOf(CqlSyntaxError);
      expect(error.name).toBe('CqlError');
    }
  });

  it('compileExpression throws the first of several problems; validateExpression lists all', () => {
    const text = 'agentVersion < x and runningTasksCount > y';
    expect(validateExpression(text).map((e) => e.offset)).toEqual([15, 41]);
    expect(() => compileExpression(text)).toThrow(/'x' is not a version/);
  });
});

describe('messages people can act on', () => {
  it.each([
    ['agentVersoin < 1', 'agentVersion'],
    ['agentversion < 1', 'agentVersion'],
    ['runingTasksCount > 1', 'runningTasksCount'],
    ['ec2instanceid == i-1', 'ec2InstanceId'],
    ['task:groups == x', 'task:group'],
    ['attributes:stack == prod', 'attribute:stack'],
    ['atribute:stack == prod', 'attribute:stack'],
    ['ecs.instance-type == t2.small', 'attribute:ecs.instance-type'],
    // A part of exactly one subject's name: too far by edit distance, but unmistakable.
    ['group == databases', 'task:group'],
    ['version < 1.14.5', 'agentVersion'],
    ['instanceId == i-1', 'ec2InstanceId'],
    ['connected == true', 'agentConnected'],
  ])('%s suggests %s', (text, suggestion) => {
    const error = firstError(text);
    expect(error.message).toContain(`did you mean '${suggestion}'?`);
    expect(error.expected).toEqual([suggestion]);
    expect(error.offset).toBe(0);
  });

  it.each([
    ['attribute:stack ! exists', '!exists'],
    ['attribute:stack ! in [a]', '!in'],
    ['attribute:stack !  ~ a', '!~'],
  ])('%s points at the space inside %s', (text, operator) => {
    const error = firstError(text);
    expect(error.offset).toBe(16);
    expect(error.message).toContain(`write '${operator}' without a space`);
  });

  it.each([
    ['attribute:team==web&attribute:x==y', '&', '&&'],
    ['attribute:team == web|attribute:x == y', '|', '||'],
  ])('%s explains that a single %s stays in the value', (text, single, double) => {
    const error = firstError(text);
    expect(error.message).toContain(
      `a single '${single}' is part of the value before it; combine comparisons with '${double}'`,
    );
  });

  it('keeps quiet about a | that is a regex alternation', () => {
    expect(firstError('attribute:team =~ a|b c').message).not.toContain('single');
  });

  it('lists the valid subjects when nothing is close', () => {
    const error = firstError('zzzzzzzz == 1');
    expect(error.message).not.toContain('did you mean');
    expect(error.message).toContain('agentConnected, agentVersion, attribute:NAME, ec2InstanceId');
  });

  it('names the subject and the operators it accepts for a wrong pairing', () => {
    const error = firstError('registeredAt =~ 2018.*');
    expect(error.message).toContain('registeredAt does not take the operator =~ (matches)');
    expect(error.message).toContain('it accepts == (equals), != (not_equals), > (greater_than)');
    expect(error.offset).toBe(13);
    expect(error.length).toBe(2);
    expect(firstError('agentConnected > true').message).toContain(
      'agentConnected does not take the operator > (greater_than)',
    );
    expect(firstError('ec2InstanceId <= i-1').message).toContain('ec2InstanceId does not take');
    expect(firstError('runningTasksCount in [1]').message).toContain(
      'runningTasksCount does not take the operator in',
    );
  });

  it('says what was expected at a syntax error', () => {
    expect(firstError('attribute:a').message).toContain('expected an operator (== (equals)');
    expect(firstError('attribute:a == 1 attribute:b == 2').message).toContain(
      "expected 'and', 'or' or the end of the expression, but found 'attribute:b'",
    );
    expect(firstError('(attribute:a == 1').message).toContain(
      "expected 'and', 'or' or ')', but the expression ends",
    );
    expect(firstError('attribute:a in [1 2]').message).toContain(
      "expected ',' or ']', but found '2'",
    );
    expect(firstError('== 1').message).toContain(
      "expected a comparison such as attribute:ecs.instance-type == t2.small, '(' or 'not', but found '=='",
    );
  });

  it('points at literals that do not fit the subject', () => {
    expect(firstError('runningTasksCount > ten').message).toContain("'ten' is not an integer");
    expect(firstError('registeredAt < 2018-02-30').message).toContain(
      'is not a valid registeredAt date',
    );
    expect(firstError('registeredAt < 2018-06-18T25:00:00').message).toContain(
      'is not a valid registeredAt date',
    );
    expect(firstError('registeredAt < 18-06-2018').offset).toBe(15);
    expect(firstError('agentVersion > 1..2').message).toContain('is not a version');
    expect(firstError('agentConnected == 1').message).toContain("'1' is not a boolean");
  });
});

describe('length and emptiness', () => {
  it(`accepts ${MAX_EXPRESSION_LENGTH} characters and rejects ${MAX_EXPRESSION_LENGTH + 1}`, () => {
    const base = 'attribute:x == ';
    const exact = base + 'a'.repeat(MAX_EXPRESSION_LENGTH - base.length);
    expect(exact).toHaveLength(2000);
    expect(parseExpression(exact).errors).toEqual([]);
    const error = firstError(`${exact}a`);
    expect(error.offset).toBe(2000);
    expect(error.message).toContain('2001 characters');
    expect(error.message).toContain('at most 2000');
  });

  it.each(['', ' ', '\n\t '])('rejects the empty expression %j', (text) => {
    const error = firstError(text);
    expect(error.offset).toBe(0);
    expect(error.message).toContain('the expression is empty');
  });
});

describe('nesting depth', () => {
  const leaf = 'agentConnected exists';

  it('accepts 100 levels of parentheses and negations, and refuses the 101st with its position', () => {
    const ok = `${'!('.repeat(50)}${leaf}${')'.repeat(50)}`;
    expect(parseExpression(ok).errors).toEqual([]);
    const deep = `${'('.repeat(101)}${leaf}${')'.repeat(101)}`;
    const error = firstError(deep);
    expect(error.offset).toBe(100);
    expect(error.message).toContain('more than 100 levels deep');
    expect(firstError(`${'!'.repeat(1900)}${leaf}`).offset).toBe(100);
  });

  it('counts only the levels open at the same time', () => {
    const siblings = Array.from({ length: 60 }, () => `not (${leaf})`).join(' and ');
    expect(parseExpression(siblings).errors).toEqual([]);
    const sequential = `${'not '.repeat(99)}${leaf} and ${'not '.repeat(99)}${leaf}`;
    expect(parseExpression(sequential).errors).toEqual([]);
  });
});
