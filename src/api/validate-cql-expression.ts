/** A memberOf expression: present, non-empty, at most 2000 characters, valid CQL. */
import { invalidParameter } from './validate-shape.js';

export const MAX_EXPRESSION = 2000;

export function checkCqlExpression(expression: string | undefined, path: string): void {
  if (expression === undefined || expression.trim() === '') {
    throw invalidParameter(path, expression, 'a memberOf constraint needs a non-empty expression');
  }
  if (expression.length > MAX_EXPRESSION) {
    throw invalidParameter(
      path,
      expression,
      `an expression can be at most ${MAX_EXPRESSION} characters long (got ${expression.length})`,
    );
  }
}
