/**
 * The CQL abstract syntax tree. Every node carries its source span (`start` inclusive,
 * `end` exclusive, UTF-16 offsets into the expression text) so errors and explanations can
 * point at the exact text. Spellings are normalised: `&&` and `and` both give an `and` node,
 * `!=` and `not_equals` both give the operator `not_equals`, quotes are stripped from values.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The documented subjects; `attribute` carries its attribute name separately. */
export type SubjectName =
  | 'agentConnected'
  | 'agentVersion'
  | 'attribute'
  | 'ec2InstanceId'
  | 'registeredAt'
  | 'runningTasksCount'
  | 'task:group';

/** Canonical (word-form) operator names. */
export type ComparisonOperator =
  | 'equals'
  | 'not_equals'
  | 'greater_than'
  | 'greater_than_equal'
  | 'less_than'
  | 'less_than_equal'
  | 'exists'
  | 'not_exists'
  | 'in'
  | 'not_in'
  | 'matches'
  | 'not_matches';

export interface SubjectNode extends Span {
  readonly kind: 'subject';
  readonly name: SubjectName;
  /** The attribute name for `attribute:NAME`; `undefined` for every other subject. */
  readonly attribute: string | undefined;
}

export interface OperatorNode extends Span {
  readonly kind: 'operator';
  readonly operator: ComparisonOperator;
}

export interface ValueNode extends Span {
  readonly kind: 'value';
  /** The value with quotes removed and escapes resolved. */
  readonly value: string;
}

export interface ValueListNode extends Span {
  readonly kind: 'list';
  /** At least one item. */
  readonly items: readonly ValueNode[];
}

export interface ComparisonNode extends Span {
  readonly kind: 'comparison';
  readonly subject: SubjectNode;
  readonly operator: OperatorNode;
  /** `null` for `exists` / `not_exists`; a list for `in` / `not_in`; a value otherwise. */
  readonly argument: ValueNode | ValueListNode | null;
}

export interface NotNode extends Span {
  readonly kind: 'not';
  readonly operand: Expression;
}

export interface AndNode extends Span {
  readonly kind: 'and';
  /** Two or more operands, left to right. */
  readonly operands: readonly Expression[];
}

export interface OrNode extends Span {
  readonly kind: 'or';
  /** Two or more operands, left to right. */
  readonly operands: readonly Expression[];
}

export type Expression = OrNode | AndNode | NotNode | ComparisonNode;

/** Operators that take no argument. */
export const UNARY_OPERATORS: ReadonlySet<ComparisonOperator> = new Set(['exists', 'not_exists']);
/** Operators whose argument is a list. */
export const LIST_OPERATORS: ReadonlySet<ComparisonOperator> = new Set(['in', 'not_in']);
