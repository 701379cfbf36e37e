/** A memberOf expression: present, non-empty, at most 2000 characters, valid CQL. */
import { CqlError, compileExpression, MAX_EXPRESSION_LENGTH } from '../cql/index.js';
import { InvalidParameterException } from '../kernel/errors.js';
import { describeValue, invalidParameter } from './validate-shape.js';

export const MAX_EXPRESSION = MAX_EXPRESSION_LENGTH;

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
  try {
    compileExpression(expression);
  } catch (error) {
    if (!(error instanceof CqlError)) throw error;
    // The CQL message carries the position and a caret excerpt; keep it whole.
    throw new InvalidParameterException(
      `Invalid ${path} ${describeValue(expression)}: not a valid cluster query language expression: ${error.message}`,
    );
  }
}
