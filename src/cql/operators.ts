/**
 * Which operators each subject accepts (the documented per-subject table, plus
 * `exists`/`not_exists` everywhere), and how operators are spelled in messages.
 */
import type { ComparisonOperator, SubjectName } from '../../grammar/ast.js';

const EQUALITY: readonly ComparisonOperator[] = ['equals', 'not_equals'];
const ORDERING: readonly ComparisonOperator[] = [
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
];
const PRESENCE: readonly ComparisonOperator[] = ['exists', 'not_exists'];
const LISTS: readonly ComparisonOperator[] = ['in', 'not_in'];
const PATTERNS: readonly ComparisonOperator[] = ['matches', 'not_matches'];

export const ALL_OPERATORS: readonly ComparisonOperator[] = [
  ...EQUALITY,
  ...ORDERING,
  ...PRESENCE,
  ...LISTS,
  ...PATTERNS,
];

const ORDERED: readonly ComparisonOperator[] = [...EQUALITY, ...ORDERING, ...PRESENCE];

const LISTED_AND_PATTERNS: readonly ComparisonOperator[] = [
  ...EQUALITY,
  ...LISTS,
  ...PATTERNS,
  ...PRESENCE,
];

export const OPERATORS_BY_SUBJECT: Readonly<Record<SubjectName, readonly ComparisonOperator[]>> = {
  agentConnected: LISTED_AND_PATTERNS,
  agentVersion: ORDERED,
  attribute: ALL_OPERATORS,
  ec2InstanceId: LISTED_AND_PATTERNS,
  registeredAt: ORDERED,
  runningTasksCount: ORDERED,
  'task:group': ALL_OPERATORS,
};

const SYMBOL: Readonly<Record<ComparisonOperator, string | undefined>> = {
  equals: '==',
  not_equals: '!=',
  greater_than: '>',
  greater_than_equal: '>=',
  less_than: '<',
  less_than_equal: '<=',
  exists: undefined,
  not_exists: '!exists',
  in: undefined,
  not_in: '!in',
  matches: '=~',
  not_matches: '!~',
};

/** The preferred written form: the symbol when there is one, else the word. */
export function operatorSymbol(operator: ComparisonOperator): string {
  return SYMBOL[operator] ?? operator;
}

/** Both spellings for messages, e.g. `== (equals)` or `exists`. */
export function operatorSpellings(operator: ComparisonOperator): string {
  const symbol = SYMBOL[operator];
  return symbol === undefined ? operator : `${symbol} (${operator})`;
}

/** How a subject is written in messages. */
export function subjectLabel(subject: SubjectName, attribute?: string): string {
  return subject === 'attribute' ? `attribute:${attribute ?? 'NAME'}` : subject;
}
