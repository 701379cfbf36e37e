/**
 * Canonical text of an AST: symbolic operators, lowercase `and`/`or`/`not`, values bare when
 * they lex back as one word and single-quoted otherwise, and parentheses only where
 * precedence needs them. Parsing the output gives back an equal tree (spans aside).
 */
import type { Expression, ValueNode } from '../../grammar/ast.js';
import { isBareWord } from '../../grammar/tokens.js';
import { operatorSymbol, subjectLabel } from './operators.js';

const PRECEDENCE: Readonly<Record<Expression['kind'], number>> = {
  or: 1,
  and: 2,
  not: 3,
  comparison: 4,
};

export function printValue(value: string): string {
  if (isBareWord(value)) return value;
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

function printValueNode(node: ValueNode): string {
  return printValue(node.value);
}

/** Wraps `child` in parentheses unless it binds tighter than its parent. */
function operand(child: Expression, parentPrecedence: number): string {
  const text = printExpression(child);
  return PRECEDENCE[child.kind] > parentPrecedence ? text : `(${text})`;
}

export function printExpression(node: Expression): string {
  switch (node.kind) {
    case 'or':
    case 'and':
      return node.operands
        .map((child) => operand(child, PRECEDENCE[node.kind]))
        .join(` ${node.kind} `);
    case 'not':
      // `not` binds tighter than and/or, so `not a and b` means `(not a) and b`.
      return `not ${operand(node.operand, PRECEDENCE.not - 1)}`;
    case 'comparison': {
      const subject = subjectLabel(node.subject.name, node.subject.attribute);
      const operator = operatorSymbol(node.operator.operator);
      const argument = node.argument;
      if (argument === null) return `${subject} ${operator}`;
      if (argument.kind === 'list') {
        return `${subject} ${operator} [${argument.items.map(printValueNode).join(', ')}]`;
      }
      return `${subject} ${operator} ${printValueNode(argument)}`;
    }
  }
}
