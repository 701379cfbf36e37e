/**
 * One comparison -> one closure over an InstanceView, specialised per subject and operator
 * so that evaluating it per instance does no parsing, no dispatch on the AST and no
 * allocation. Literals are validated and converted here, once.
 */
import type {
  ComparisonNode,
  ComparisonOperator,
  Span,
  ValueListNode,
  ValueNode,
} from '../../grammar/ast.js';
import type {
  AttributeColumnView,
  InstanceView,
  InstanceViewTable,
} from '../kernel/instance-view.js';
import { intern } from './intern.js';
import { compiledPattern, type StringTest } from './compiled-regex.js';
import { CqlError } from './errors.js';
import {
  compareAttributeValues,
  compareVersions,
  parseBoolean,
  parseDecimal,
  parseInteger,
  parseTimeLiteral,
  parseVersion,
  type TimeLiteral,
} from './literals.js';
import { OPERATORS_BY_SUBJECT, operatorSpellings, subjectLabel } from './operators.js';

export type Evaluator = (view: InstanceView) => boolean;

/**
 * Narrows `rows[0 .. count)` (rows of `table`) to those on which the expression holds, in
 * their order, and returns how many there are (CompiledExpression.filter).
 */
export type RowFilter = (table: InstanceViewTable, rows: Int32Array, count: number) => number;

export interface CompiledComparison {
  readonly evaluate: Evaluator;
  /** Rough relative cost, used to evaluate cheap operands of `and`/`or` first. */
  readonly cost: number;
  /**
   * The comparison over many rows reading the table's columns only (no view visited);
   * absent when its field is not a column of InstanceViewTable. Agrees with `evaluate`.
   */
  readonly filter?: RowFilter;
}

/** Collects every problem of one expression; the compiler reports them together. */
export interface CompileContext {
  readonly text: string;
  readonly errors: CqlError[];
}

const NEVER: Evaluator = () => false;
const ALWAYS: Evaluator = () => true;

function report(context: CompileContext, span: Span, reason: string, expected?: string[]): void {
  const length = Math.max(1, span.end - span.start);
  context.errors.push(
    new CqlError(context.text, {
      offset: span.start,
      length,
      reason,
      ...(expected === undefined ? {} : { expected }),
    }),
  );
}

/**
 * `exists` / `!exists` on a field an instance may lack (`read` gives undefined then);
 * undefined for any other operator.
 */
function presence(
  op: ComparisonOperator,
  read: (view: InstanceView) => unknown,
  cost: number,
): CompiledComparison | undefined {
  if (op === 'exists') return { evaluate: (v) => read(v) !== undefined, cost };
  if (op === 'not_exists') return { evaluate: (v) => read(v) === undefined, cost };
  return undefined;
}

/** `exists` / `!exists` on a field every instance has; undefined for any other operator. */
function alwaysPresent(op: ComparisonOperator): CompiledComparison | undefined {
  if (op === 'exists') return { evaluate: ALWAYS, cost: 0 };
  if (op === 'not_exists') return { evaluate: NEVER, cost: 0 };
  return undefined;
}

/**
 * A single literal converted by `parse`; when it does not convert, the problem is reported
 * on the literal as "'<text>' is not <problem>" and the result is undefined.
 */
function convertedLiteral<T>(
  value: ValueNode,
  context: CompileContext,
  parse: (text: string) => T | undefined,
  problem: string,
  expected?: string[],
): T | undefined {
  const parsed = parse(value.value);
  if (parsed === undefined) report(context, value, `'${value.value}' is not ${problem}`, expected);
  return parsed;
}

export function compileComparison(
  node: ComparisonNode,
  context: CompileContext,
): CompiledComparison {
  const { subject, operator } = node;
  const accepted = OPERATORS_BY_SUBJECT[subject.name];
  if (!accepted.includes(operator.operator)) {
    const label = subjectLabel(subject.name, subject.attribute);
    const list = accepted.map(operatorSpellings);
    report(
      context,
      operator,
      `the subject ${label} does not take the operator ${operatorSpellings(operator.operator)}; it accepts ${list.join(', ')}`,
      list,
    );
    return { evaluate: NEVER, cost: 0 };
  }
  const compiled = compileBySubject(node, context);
  return compiled ?? { evaluate: NEVER, cost: 0 };
}

function compileBySubject(
  node: ComparisonNode,
  context: CompileContext,
): CompiledComparison | undefined {
  const op = node.operator.operator;
  switch (node.subject.name) {
    case 'attribute':
      return compileAttribute(intern(node.subject.attribute ?? ''), op, node.argument, context);
    case 'task:group':
      return compileTaskGroup(op, node.argument, context);
    case 'ec2InstanceId':
      return compileInstanceId(op, node.argument, context);
    case 'agentConnected':
      return compileAgentConnected(op, node.argument, context);
    case 'agentVersion':
      return compileAgentVersion(op, node.argument, context);
    case 'registeredAt':
      return compileRegisteredAt(op, node.argument, context);
    case 'runningTasksCount':
      return compileRunningTasksCount(op, node.argument, context);
  }
}

type Argument = ValueNode | ValueListNode | null;

/** Compiles one comparison on a subject; undefined when a literal was refused (reported). */
type SubjectCompiler = (
  op: ComparisonOperator,
  argument: Argument,
  context: CompileContext,
) => CompiledComparison | undefined;

function single(argument: Argument): ValueNode {
  return argument as ValueNode;
}

/** The literal text of a single-value argument, interned for fast `===` and Map lookups. */
function literalOf(argument: Argument): string {
  return intern(single(argument).value);
}

function items(argument: Argument): readonly ValueNode[] {
  return (argument as ValueListNode).items;
}

function stringSet(argument: Argument): ReadonlySet<string> {
  return new Set(items(argument).map((item) => intern(item.value)));
}

/** Membership in a literal list; short lists compare directly, which beats hashing. */
function memberTest(argument: Argument): (value: string) => boolean {
  const values = [...stringSet(argument)];
  const [a, b, c] = values;
  if (values.length === 1) return (value) => value === a;
  if (values.length === 2) return (value) => value === a || value === b;
  if (values.length === 3) return (value) => value === a || value === b || value === c;
  const set = new Set(values);
  return (value) => set.has(value);
}

function regexOf(value: ValueNode, context: CompileContext): StringTest | undefined {
  const translated = compiledPattern(value.value);
  if (translated.ok) return translated.test;
  // Point into the pattern when the literal is written verbatim (bare, or quoted without
  // escapes); otherwise point at the whole literal.
  const raw = context.text.slice(value.start, value.end);
  const quoted = raw.startsWith("'") || raw.startsWith('"');
  const verbatim = quoted ? raw.slice(1, -1) === value.value : raw === value.value;
  const base = value.start + (quoted ? 1 : 0);
  const span = verbatim
    ? { start: base + translated.index, end: base + translated.index + translated.length }
    : value;
  report(context, span, `invalid regular expression '${value.value}': ${translated.reason}`);
  return undefined;
}

/** `<`, `<=`, `>`, `>=` as a test on the sign of a comparison result. */
function orderTest(op: ComparisonOperator): (sign: number) => boolean {
  switch (op) {
    case 'greater_than':
      return (sign) => sign > 0;
    case 'greater_than_equal':
      return (sign) => sign >= 0;
    case 'less_than':
      return (sign) => sign < 0;
    default:
      return (sign) => sign <= 0;
  }
}

/** Per value id of a column: 0 not decided yet, 1 false, 2 true. */
const UNKNOWN = 0;
const TRUE = 2;

/**
 * An attribute comparison that depends only on the attribute's value (a string: an absent or
 * name-only attribute fails it). With the view's attribute columns (InstanceView) it is
 * decided once per distinct value of the column, kept while the column is current; else
 * from the view's attribute map. Both give the same answer: `holds` is pure. The filter
 * decides a table's rows from the same per-value table.
 */
function byValue(
  name: string,
  holds: (value: string) => boolean,
  cost: number,
): CompiledComparison {
  // The column is known by its serial, not held: a compiled expression (cached, see
  // compile-expression.ts) must not keep a dropped cluster's column alive.
  let serial = -1;
  let truth = new Uint8Array(0);
  /** The per-value table of `current`, sized for all its values. */
  const truthOf = (current: AttributeColumnView): Uint8Array => {
    if (current.serial !== serial) {
      serial = current.serial;
      truth = new Uint8Array(current.values.length);
    } else if (truth.length < current.values.length) {
      const grown = new Uint8Array(current.values.length);
      grown.set(truth);
      truth = grown;
    }
    return truth;
  };
  const decide = (current: AttributeColumnView, id: number): number => {
    const value = current.values[id];
    const known = typeof value === 'string' && holds(value) ? TRUE : 1;
    truth[id] = known;
    return known;
  };
  const evaluate: Evaluator = (v) => {
    const columns = v.attributeColumns;
    const row = v.attributeRow;
    if (columns === undefined || row === undefined) {
      const value = v.attributes.get(name);
      return typeof value === 'string' && holds(value);
    }
    const current = columns.column(name);
    const id = current.ids[row]!;
    const known = truthOf(current)[id]!;
    return (known === UNKNOWN ? decide(current, id) : known) === TRUE;
  };
  const filter: RowFilter = (table, rows, count) => {
    const current = table.attributeColumns.column(name);
    const ids = current.ids;
    const decided = truthOf(current);
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      const id = ids[row]!;
      let known = decided[id]!;
      if (known === UNKNOWN) known = decide(current, id);
      if (known === TRUE) rows[kept++] = row;
    }
    return kept;
  };
  return { evaluate, cost, filter };
}

function compileAttribute(
  name: string,
  op: ComparisonOperator,
  argument: Argument,
  context: CompileContext,
): CompiledComparison | undefined {
  // An absent attribute (undefined) and a name-only one (null) fail every value comparison.
  switch (op) {
    case 'exists':
      return { evaluate: (v) => v.attributes.has(name), cost: 2 };
    case 'not_exists':
      return { evaluate: (v) => !v.attributes.has(name), cost: 2 };
    case 'equals': {
      const literal = literalOf(argument);
      return byValue(name, (value) => value === literal, 2);
    }
    case 'not_equals': {
      const literal = literalOf(argument);
      return byValue(name, (value) => value !== literal, 2);
    }
    case 'in':
    case 'not_in': {
      const isMember = memberTest(argument);
      const wanted = op === 'in';
      return byValue(name, (value) => isMember(value) === wanted, 3);
    }
    case 'matches':
    case 'not_matches': {
      const test = regexOf(single(argument), context);
      if (test === undefined) return undefined;
      const wanted = op === 'matches';
      return byValue(name, (value) => test(value) === wanted, 5);
    }
    default: {
      const literal = literalOf(argument);
      const literalNumber = parseDecimal(literal);
      const holds = orderTest(op);
      return byValue(
        name,
        (value) => holds(compareAttributeValues(value, literal, literalNumber)),
        4,
      );
    }
  }
}

/** `task:group`: "some RUNNING-desired task's group satisfies it"; negations are exact. */
const compileTaskGroup: SubjectCompiler = (op, argument, context) => {
  const someGroup = (test: (group: string) => boolean): Evaluator => {
    return (v) => {
      for (const [group, count] of v.taskGroups) if (count > 0 && test(group)) return true;
      return false;
    };
  };
  const hosts = (v: InstanceView, group: string): boolean => (v.taskGroups.get(group) ?? 0) > 0;
  switch (op) {
    case 'exists': {
      const any = someGroup(() => true);
      return { evaluate: any, cost: 3 };
    }
    case 'not_exists': {
      const any = someGroup(() => true);
      return { evaluate: (v) => !any(v), cost: 3 };
    }
    case 'equals': {
      const group = literalOf(argument);
      return { evaluate: (v) => hosts(v, group), cost: 2 };
    }
    case 'not_equals': {
      const group = literalOf(argument);
      return { evaluate: (v) => !hosts(v, group), cost: 2 };
    }
    case 'in':
    case 'not_in': {
      const groups = [...stringSet(argument)];
      const wanted = op === 'in';
      return {
        evaluate: (v) => {
          for (const group of groups) if (hosts(v, group)) return wanted;
          return !wanted;
        },
        cost: 3,
      };
    }
    case 'matches':
    case 'not_matches': {
      const test = regexOf(single(argument), context);
      if (test === undefined) return undefined;
      const any = someGroup(test);
      return { evaluate: op === 'matches' ? any : (v) => !any(v), cost: 6 };
    }
    default: {
      const literal = literalOf(argument);
      const literalNumber = parseDecimal(literal);
      const holds = orderTest(op);
      return {
        evaluate: someGroup((group) =>
          holds(compareAttributeValues(group, literal, literalNumber)),
        ),
        cost: 5,
      };
    }
  }
};

const compileInstanceId: SubjectCompiler = (op, argument, context) => {
  const present = presence(op, (v) => v.ec2InstanceId, 1);
  if (present) return present;
  switch (op) {
    case 'equals': {
      const literal = literalOf(argument);
      return { evaluate: (v) => v.ec2InstanceId === literal, cost: 1 };
    }
    case 'not_equals': {
      const literal = literalOf(argument);
      return {
        evaluate: (v) => v.ec2InstanceId !== undefined && v.ec2InstanceId !== literal,
        cost: 1,
      };
    }
    case 'in':
    case 'not_in': {
      const isMember = memberTest(argument);
      const wanted = op === 'in';
      return {
        evaluate: (v) => v.ec2InstanceId !== undefined && isMember(v.ec2InstanceId) === wanted,
        cost: 2,
      };
    }
    default: {
      const test = regexOf(single(argument), context);
      if (test === undefined) return undefined;
      const wanted = op === 'matches';
      return {
        evaluate: (v) => v.ec2InstanceId !== undefined && test(v.ec2InstanceId) === wanted,
        cost: 5,
      };
    }
  }
};

function booleanLiteral(value: ValueNode, context: CompileContext): boolean | undefined {
  return convertedLiteral(
    value,
    context,
    parseBoolean,
    'a boolean: agentConnected compares with true or false',
    ['true', 'false'],
  );
}

const compileAgentConnected: SubjectCompiler = (op, argument, context) => {
  const present = alwaysPresent(op);
  if (present) return present;
  switch (op) {
    case 'equals':
    case 'not_equals': {
      const literal = booleanLiteral(single(argument), context);
      if (literal === undefined) return undefined;
      const wanted = op === 'equals' ? literal : !literal;
      const flag = wanted ? 1 : 0;
      return {
        evaluate: (v) => v.agentConnected === wanted,
        cost: 1,
        filter: (table, rows, count) => {
          const connected = table.agentConnected;
          let kept = 0;
          for (let i = 0; i < count; i++) {
            const row = rows[i]!;
            if (connected[row] === flag) rows[kept++] = row;
          }
          return kept;
        },
      };
    }
    case 'in':
    case 'not_in': {
      const values = items(argument).map((item) => booleanLiteral(item, context));
      if (values.includes(undefined)) return undefined;
      const wanted = op === 'in';
      return { evaluate: (v) => values.includes(v.agentConnected) === wanted, cost: 1 };
    }
    default: {
      // The pattern is matched against the text `true` / `false`.
      const test = regexOf(single(argument), context);
      if (test === undefined) return undefined;
      const wanted = op === 'matches';
      const onTrue = test('true') === wanted;
      const onFalse = test('false') === wanted;
      return { evaluate: (v) => (v.agentConnected ? onTrue : onFalse), cost: 1 };
    }
  }
};

/** Observed agent versions repeat across a cluster; parse each distinct one once. */
const versionMemo = new Map<string, readonly number[] | null>();

function observedVersion(text: string): readonly number[] | null {
  let parsed = versionMemo.get(text);
  if (parsed === undefined) {
    parsed = parseVersion(text) ?? null;
    if (versionMemo.size < 1024) versionMemo.set(text, parsed);
  }
  return parsed;
}

const compileAgentVersion: SubjectCompiler = (op, argument, context) => {
  const present = presence(op, (v) => v.agentVersion, 1);
  if (present) return present;
  const literal = convertedLiteral(
    single(argument),
    context,
    parseVersion,
    'a version: agentVersion compares dotted numeric versions such as 1.14.5',
  );
  if (literal === undefined) return undefined;
  const holds = signTest(op);
  return {
    evaluate: (v) => {
      if (v.agentVersion === undefined) return false;
      const observed = observedVersion(v.agentVersion);
      return observed !== null && holds(compareVersions(observed, literal));
    },
    cost: 3,
  };
};

/** Every ordering operator plus `==` / `!=` as a test on a comparison's sign. */
function signTest(op: ComparisonOperator): (sign: number) => boolean {
  if (op === 'equals') return (sign) => sign === 0;
  if (op === 'not_equals') return (sign) => sign !== 0;
  return orderTest(op);
}

const compileRegisteredAt: SubjectCompiler = (op, argument, context) => {
  const present = presence(op, (v) => v.registeredAt, 1);
  if (present) return present;
  const literal = convertedLiteral(
    single(argument),
    context,
    parseTimeLiteral,
    'a valid registeredAt date: use 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 (UTC) or 2018-06-18',
  );
  if (literal === undefined) return undefined;
  const holds = timeTest(op, literal);
  return {
    evaluate: (v) => v.registeredAt !== undefined && holds(v.registeredAt),
    cost: 1,
  };
};

/**
 * A date-only literal is the UTC day [start, end): `<` before it starts, `<=` before it
 * ends, `>` from its end on, `>=` from its start on, `==` within, `!=` outside. A timestamp
 * literal is one instant and compares plainly.
 */
function timeTest(op: ComparisonOperator, literal: TimeLiteral): (time: number) => boolean {
  const { start, end } = literal;
  if (!literal.dateOnly) {
    const sign = signTest(op);
    return (time) => sign(time < start ? -1 : time > start ? 1 : 0);
  }
  switch (op) {
    case 'less_than':
      return (time) => time < start;
    case 'less_than_equal':
      return (time) => time < end;
    case 'greater_than':
      return (time) => time >= end;
    case 'greater_than_equal':
      return (time) => time >= start;
    case 'equals':
      return (time) => time >= start && time < end;
    default:
      return (time) => time < start || time >= end;
  }
}

/** A runningTasksCount comparison as a test on the count, and its filter over the count column. */
function countComparison(holds: (count: number) => boolean): CompiledComparison {
  return {
    evaluate: (v) => holds(v.runningTasksCount),
    cost: 1,
    filter: (table, rows, count) => {
      const counts = table.runningTasksCount;
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const row = rows[i]!;
        if (holds(counts[row]!)) rows[kept++] = row;
      }
      return kept;
    },
  };
}

const compileRunningTasksCount: SubjectCompiler = (op, argument, context) => {
  const present = alwaysPresent(op);
  if (present) return present;
  const literal = convertedLiteral(
    single(argument),
    context,
    parseInteger,
    'an integer: runningTasksCount compares with whole numbers such as 3',
  );
  if (literal === undefined) return undefined;
  switch (op) {
    case 'equals':
      return countComparison((n) => n === literal);
    case 'not_equals':
      return countComparison((n) => n !== literal);
    case 'less_than':
      return countComparison((n) => n < literal);
    case 'less_than_equal':
      return countComparison((n) => n <= literal);
    case 'greater_than':
      return countComparison((n) => n > literal);
    default:
      return countComparison((n) => n >= literal);
  }
};
