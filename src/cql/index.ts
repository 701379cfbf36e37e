export type {
  AndNode,
  ComparisonNode,
  ComparisonOperator,
  Expression,
  NotNode,
  OperatorNode,
  OrNode,
  Span,
  SubjectName,
  SubjectNode,
  ValueListNode,
  ValueNode,
} from '../../grammar/ast.js';
export { compileExpression, validateExpression } from './compile-expression.js';
export type { CompiledExpression } from './compiled-expression.js';
export { CqlError, type CqlErrorDetails, CqlSyntaxError } from './errors.js';
export { compileJavaRegex, type JavaRegex } from './java-regex.js';
export { MAX_EXPRESSION_LENGTH } from './limits.js';
export { OPERATORS_BY_SUBJECT } from './operators.js';
export { type ParseResult, parseExpression } from './parse-expression.js';
export { printExpression, printValue } from './print-expression.js';
