/**
 * fast-check arbitraries for the Cluster Query Language: random well-formed expressions
 * (as ASTs and as texts written with random spellings) and random instance views, over a
 * small shared vocabulary so that comparisons actually hold on a good share of instances.
 * fast-check is a peer dependency of `ecs-placement/testing`.
 */
import fc from 'fast-check';
import type {
  ComparisonNode,
  ComparisonOperator,
  Expression,
  SubjectName,
  ValueNode,
} from '../../grammar/ast.js';
import type { InstanceView } from '../kernel/instance-view.js';
import { OPERATORS_BY_SUBJECT } from '../cql/operators.js';
import { printValue } from '../cql/print-expression.js';

/** Attribute names, some of them containing keywords (`android`, `in-house`). */
export const CQL_ATTRIBUTE_NAMES = [
  'ecs.instance-type',
  'ecs.availability-zone',
  'stack',
  'in-house',
  'android',
] as const;

/** Attribute values and task groups: plain, numeric, keyword-like and needing quotes. */
export const CQL_STRING_VALUES = [
  't2.small',
  'm5.large',
  'us-east-1a',
  'us-east-1b',
  'prod',
  'dev',
  '9',
  '10',
  'and',
  'a b',
  "it's",
] as const;

export const CQL_TASK_GROUPS = ['db', 'web', 'batch-1', 'service:production'] as const;
export const CQL_PATTERNS = ['t2.*', 'm5\\..*', '(?i)T2.*', 'us-east-1[ab]', '.*', 'db|web', 'b.*'];
export const CQL_VERSIONS = ['1.9.0', '1.14.5', '1.14', '2', '1.14.4'] as const;
export const CQL_DATES = [
  '2018-06-18',
  '2018-06-18T22:28:28Z',
  '2018-06-18T22:28:28+02:00',
  '2018-06-18T00:00:00',
] as const;
export const CQL_INSTANCE_IDS = ['i-1', 'i-2', 'i-3'] as const;

const SPAN = { start: 0, end: 0 };

function value(text: string): ValueNode {
  return { kind: 'value', value: text, ...SPAN };
}

/** Literals that are valid for the subject (so every generated expression compiles). */
function literalArb(subject: SubjectName, operator: ComparisonOperator): fc.Arbitrary<string> {
  if (operator === 'matches' || operator === 'not_matches') return fc.constantFrom(...CQL_PATTERNS);
  switch (subject) {
    case 'agentConnected':
      return fc.constantFrom('true', 'false', 'TRUE', 'False');
    case 'agentVersion':
      return fc.constantFrom(...CQL_VERSIONS);
    case 'registeredAt':
      return fc.constantFrom(...CQL_DATES);
    case 'runningTasksCount':
      return fc.integer({ min: 0, max: 6 }).map(String);
    case 'ec2InstanceId':
      return fc.constantFrom(...CQL_INSTANCE_IDS);
    case 'task:group':
      return fc.constantFrom(...CQL_TASK_GROUPS);
    case 'attribute':
      return fc.constantFrom(...CQL_STRING_VALUES);
  }
}

const SUBJECTS: readonly SubjectName[] = [
  'agentConnected',
  'agentVersion',
  'attribute',
  'ec2InstanceId',
  'registeredAt',
  'runningTasksCount',
  'task:group',
];

/** One comparison valid for its subject. */
export function cqlComparisonArb(): fc.Arbitrary<ComparisonNode> {
  return fc
    .record({
      subject: fc.constantFrom(...SUBJECTS),
      attribute: fc.constantFrom(...CQL_ATTRIBUTE_NAMES),
      pick: fc.nat(),
    })
    .chain(({ subject, attribute, pick }) => {
      const operators = OPERATORS_BY_SUBJECT[subject];
      const operator = operators[pick % operators.length]!;
      const base = {
        kind: 'comparison' as const,
        subject: {
          kind: 'subject' as const,
          name: subject,
          attribute: subject === 'attribute' ? attribute : undefined,
          ...SPAN,
        },
        operator: { kind: 'operator' as const, operator, ...SPAN },
        ...SPAN,
      };
      if (operator === 'exists' || operator === 'not_exists') {
        return fc.constant<ComparisonNode>({ ...base, argument: null });
      }
      if (operator === 'in' || operator === 'not_in') {
        return fc.array(literalArb(subject, operator), { minLength: 1, maxLength: 3 }).map(
          (items): ComparisonNode => ({
            ...base,
            argument: { kind: 'list', items: items.map(value), ...SPAN },
          }),
        );
      }
      return literalArb(subject, operator).map(
        (literal): ComparisonNode => ({ ...base, argument: value(literal) }),
      );
    });
}

/** Random expression trees (spans are all 0: they are not parsed from text). */
export function cqlAstArb(maxDepth = 3): fc.Arbitrary<Expression> {
  const { expression } = fc.letrec<{ expression: Expression }>((tie) => ({
    expression: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      { arbitrary: cqlComparisonArb(), weight: 3 },
      {
        arbitrary: tie('expression').map(
          (operand): Expression => ({ kind: 'not', operand, ...SPAN }),
        ),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom('and' as const, 'or' as const),
            fc.array(tie('expression'), { minLength: 2, maxLength: 3 }),
          )
          .map(([kind, operands]): Expression => ({ kind, operands, ...SPAN })),
        weight: 2,
      },
    ),
  }));
  return expression;
}

/** Every written form of each operator. */
const SPELLINGS: Readonly<Record<ComparisonOperator, readonly string[]>> = {
  equals: ['==', 'equals', 'EQUALS'],
  not_equals: ['!=', 'not_equals', 'Not_Equals'],
  greater_than: ['>', 'greater_than'],
  greater_than_equal: ['>=', 'greater_than_equal'],
  less_than: ['<', 'less_than'],
  less_than_equal: ['<=', 'LESS_THAN_EQUAL'],
  exists: ['exists', 'EXISTS'],
  not_exists: ['!exists', 'not_exists'],
  in: ['in', 'IN'],
  not_in: ['!in', 'not_in'],
  matches: ['=~', 'matches'],
  not_matches: ['!~', 'not_matches'],
};

/**
 * Writes an AST as text with random spellings: operator aliases and case, `&&`/`and`,
 * `!`/`not`, optional spaces around symbols, quoting styles and redundant parentheses.
 */
export function cqlTextOf(ast: Expression): fc.Arbitrary<string> {
  const choice = (options: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...options);
  const written = (node: Expression, needsParens: boolean): fc.Arbitrary<string> =>
    fc
      .tuple(render(node), fc.boolean())
      .map(([text, extra]) => (needsParens || extra ? `(${text})` : text));
  const renderValue = (text: string): fc.Arbitrary<string> => {
    const quoted = [`'${text.replace(/[\\']/g, '\\$&')}'`, `"${text.replace(/[\\"]/g, '\\$&')}"`];
    return choice(printValue(text) === text ? [text, ...quoted] : quoted);
  };
  const render = (node: Expression): fc.Arbitrary<string> => {
    switch (node.kind) {
      case 'comparison': {
        const subject =
          node.subject.name === 'attribute'
            ? `attribute:${node.subject.attribute}`
            : node.subject.name;
        const operator = choice(SPELLINGS[node.operator.operator]);
        const argument = node.argument;
        const tail: fc.Arbitrary<string> =
          argument === null
            ? fc.constant('')
            : argument.kind === 'list'
              ? fc
                  .tuple(...argument.items.map((item) => renderValue(item.value)))
                  .map((items) => ` [${items.join(', ')}]`)
              : renderValue(argument.value).map((text) => ` ${text}`);
        return fc.tuple(operator, tail).map(([op, rest]) => `${subject} ${op}${rest}`);
      }
      case 'not': {
        const grouped = node.operand.kind === 'and' || node.operand.kind === 'or';
        return choice(['not ', 'NOT ', '!', 'not']).chain((not) =>
          // `not` written without a space must be followed by a parenthesis.
          written(node.operand, grouped || not === 'not').map((operand) => `${not}${operand}`),
        );
      }
      case 'and':
      case 'or': {
        const joiners =
          node.kind === 'and' ? [' and ', ' AND ', ' && ', '&&'] : [' or ', ' Or ', ' || ', '||'];
        return fc
          .tuple(
            ...node.operands.map((operand) =>
              // Operands of the other kind (and `not`, comparisons) are safe unparenthesised
              // only when they bind tighter; otherwise parentheses are required.
              written(operand, operand.kind === 'or' || operand.kind === node.kind),
            ),
            fc.array(choice(joiners), {
              minLength: node.operands.length - 1,
              maxLength: node.operands.length - 1,
            }),
          )
          .map((parts) => {
            const texts = parts.slice(0, -1) as string[];
            const glue = parts[parts.length - 1] as string[];
            return texts.reduce(
              (out, text, i) => (i === 0 ? text : `${out}${glue[i - 1]}${text}`),
              '',
            );
          });
      }
    }
  };
  return render(ast);
}

/** An expression tree together with one random way of writing it. */
export function cqlExpressionArb(maxDepth = 3): fc.Arbitrary<{ ast: Expression; text: string }> {
  return cqlAstArb(maxDepth).chain((ast) => cqlTextOf(ast).map((text) => ({ ast, text })));
}

/** Instants around the vocabulary's dates (day edges, the exact timestamps, +/- 1 ms). */
const INSTANTS = [
  Date.UTC(2018, 5, 17, 23, 59, 59, 999),
  Date.UTC(2018, 5, 18),
  Date.UTC(2018, 5, 18, 12),
  Date.UTC(2018, 5, 18, 20, 28, 28),
  Date.UTC(2018, 5, 18, 22, 28, 27, 999),
  Date.UTC(2018, 5, 18, 22, 28, 28),
  Date.UTC(2018, 5, 18, 22, 28, 28, 1),
  Date.UTC(2018, 5, 18, 23, 59, 59, 999),
  Date.UTC(2018, 5, 19),
  Date.UTC(2020, 0, 1),
];

/** Random instance views over the same vocabulary (absent and name-only attributes too). */
export function instanceViewArb(): fc.Arbitrary<InstanceView> {
  const attributeValue = fc.option(fc.constantFrom(...CQL_STRING_VALUES), { nil: null });
  return fc
    .record({
      ec2InstanceId: fc.option(fc.constantFrom(...CQL_INSTANCE_IDS), { nil: undefined }),
      agentConnected: fc.boolean(),
      agentVersion: fc.option(fc.constantFrom('1.9.0', '1.14.5', '1.14.4', '1.20.0', '2', '1.14'), {
        nil: undefined,
      }),
      registeredAt: fc.option(fc.constantFrom(...INSTANTS), { nil: undefined }),
      runningTasksCount: fc.integer({ min: 0, max: 6 }),
      attributes: fc.dictionary(fc.constantFrom(...CQL_ATTRIBUTE_NAMES), attributeValue, {
        maxKeys: 5,
      }),
      // A count of 0 stands for a group whose tasks are all stopping: it must not count.
      taskGroups: fc.dictionary(
        fc.constantFrom(...CQL_TASK_GROUPS),
        fc.integer({ min: 0, max: 2 }),
        {
          maxKeys: 4,
        },
      ),
    })
    .map(
      (r): InstanceView => ({
        ec2InstanceId: r.ec2InstanceId,
        agentConnected: r.agentConnected,
        agentVersion: r.agentVersion,
        registeredAt: r.registeredAt,
        runningTasksCount: r.runningTasksCount,
        attributes: new Map(Object.entries(r.attributes)),
        taskGroups: new Map(Object.entries(r.taskGroups)),
      }),
    );
}
