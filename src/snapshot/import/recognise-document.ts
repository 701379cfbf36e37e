/**
 * Tells which AWS CLI output a parsed document is, by its shape: a describe-* output (its
 * records), a list-* output (its ARNs), a describe-task-definition wrapper or a bare task
 * definition, or a bare list of records or ARNs (what `--query tasks` prints). Each page of a
 * paged output is accepted as it is: nextToken / NextToken are ignored.
 */
import {
  describeKnownOutputs,
  isObject,
  type Json,
  OUTPUT_SHAPES,
  type OutputShape,
  type RecordKind,
  recordProblem,
} from './document-kinds.js';
import { parseArn } from './parse-arn.js';

export interface SourcedRecord {
  value: Json;
  /** JSON path of the record inside its document. */
  path: string;
}

export interface ReportedFailure {
  arn: string | undefined;
  reason: string | undefined;
  path: string;
}

export interface RecognisedDocument {
  /** Undefined for an empty list, which holds nothing to import. */
  shape: OutputShape | undefined;
  records: SourcedRecord[];
  arns: { arn: string; path: string }[];
  /** The `failures` a describe-* call reported (e.g. MISSING). */
  failures: ReportedFailure[];
}

export type Recognition = { document: RecognisedDocument } | { problem: string };

/** Record kinds tried on a bare list, most specific first (a task also has clusterArn). */
const BARE_RECORD_ORDER: readonly RecordKind[] = [
  'taskDefinition',
  'task',
  'containerInstance',
  'cluster',
  'capacityProvider',
  'subnet',
];

const ARN_LISTS: Readonly<Record<string, OutputShape['kind']>> = {
  'container-instance': 'list-container-instances',
  task: 'list-tasks',
  cluster: 'list-clusters',
  'task-definition': 'list-task-definitions',
};

function shapeOf(kind: OutputShape['kind']): OutputShape {
  return OUTPUT_SHAPES.find((s) => s.kind === kind)!;
}

function shapeHolding(kind: RecordKind): OutputShape {
  return OUTPUT_SHAPES.find((s) => s.holds === kind)!;
}

export function recogniseDocument(value: unknown): Recognition {
  if (Array.isArray(value)) return recogniseList(value);
  if (!isObject(value)) return { problem: 'not a JSON object or list' };
  if (Array.isArray(value['clusters']) && ('region' in value || 'accountId' in value)) {
    return {
      problem:
        'this is already an ecs-placement snapshot (region, accountId, clusters): give it to ' +
        'run-task with --cluster-state as it is; snapshot import reads AWS CLI outputs',
    };
  }
  if (recordProblem('taskDefinition', value) === undefined) {
    const shape = shapeOf('describe-task-definition');
    return { document: { shape, records: [{ value, path: '$' }], arns: [], failures: [] } };
  }
  const shapes = OUTPUT_SHAPES.filter((s) => s.member in value);
  if (shapes.length === 0) return { problem: unknownOutput(value) };
  if (shapes.length > 1) {
    return {
      problem: `it mixes the outputs of ${shapes.map((s) => s.command).join(' and ')} (members ${shapes.map((s) => s.member).join(', ')}); give each command's output as it printed it`,
    };
  }
  const shape = shapes[0]!;
  const failures = failuresOf(value);
  if (typeof failures === 'string') return { problem: failures };
  if (shape.holds === 'taskDefinition') return taskDefinitionWrapper(value, shape);
  const items = value[shape.member];
  if (!Array.isArray(items)) {
    return { problem: `$.${shape.member} should be a list, as ${shape.command} prints it` };
  }
  if (shape.holds === 'arn') {
    const arns = arnsOf(items, `$.${shape.member}`);
    return typeof arns === 'string'
      ? { problem: arns }
      : { document: { shape, records: [], arns, failures } };
  }
  const records: SourcedRecord[] = [];
  for (let i = 0; i < items.length; i++) {
    const path = `$.${shape.member}[${i}]`;
    const problem = recordProblem(shape.holds, items[i]);
    if (problem !== undefined) {
      return { problem: `${path} is not what ${shape.command} prints: ${problem}` };
    }
    records.push({ value: items[i] as Json, path });
  }
  return { document: { shape, records, arns: [], failures } };
}

function taskDefinitionWrapper(value: Json, shape: OutputShape): Recognition {
  const definition = value['taskDefinition'];
  const problem = recordProblem('taskDefinition', definition);
  if (problem !== undefined) {
    return { problem: `$.taskDefinition is not what ${shape.command} prints: ${problem}` };
  }
  // The wrapper's tags (--include TAGS) are the task definition's own tags.
  const record =
    value['tags'] === undefined
      ? (definition as Json)
      : { ...(definition as Json), tags: value['tags'] };
  return {
    document: {
      shape,
      records: [{ value: record, path: '$.taskDefinition' }],
      arns: [],
      failures: [],
    },
  };
}

function recogniseList(items: unknown[]): Recognition {
  if (items.length === 0)
    return { document: { shape: undefined, records: [], arns: [], failures: [] } };
  if (items.every((item) => typeof item === 'string')) {
    const type = parseArn(items[0] as string)?.resourceType;
    const kind = type === undefined ? undefined : ARN_LISTS[type];
    if (kind === undefined) {
      return {
        problem: `a list of strings that are not ECS cluster, container-instance, task or task-definition ARNs (first: ${JSON.stringify(items[0])})`,
      };
    }
    const arns = arnsOf(items, '$');
    if (typeof arns === 'string') return { problem: arns };
    const stray = arns.find(
      (a) => parseArn(a.arn)?.resourceType !== parseArn(arns[0]!.arn)?.resourceType,
    );
    if (stray)
      return { problem: `${stray.path}: a list of ARNs of different kinds (${stray.arn})` };
    return { document: { shape: shapeOf(kind), records: [], arns, failures: [] } };
  }
  const kind = BARE_RECORD_ORDER.find((k) => recordProblem(k, items[0]) === undefined);
  if (kind === undefined) {
    return {
      problem: `a list whose first item is not a record of an AWS CLI output this command reads (${describeKeys(items[0])})\n${readsLine()}`,
    };
  }
  const shape = shapeHolding(kind);
  const records: SourcedRecord[] = [];
  for (let i = 0; i < items.length; i++) {
    const problem = recordProblem(kind, items[i]);
    if (problem !== undefined) {
      return { problem: `$[${i}] is not like $[0], a record of ${shape.command}: ${problem}` };
    }
    records.push({ value: items[i] as Json, path: `$[${i}]` });
  }
  return { document: { shape, records, arns: [], failures: [] } };
}

function arnsOf(items: unknown[], path: string): { arn: string; path: string }[] | string {
  const arns: { arn: string; path: string }[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'string' || !item.startsWith('arn:')) {
      return `${path}[${i}] should be an ARN, got ${JSON.stringify(item)}`;
    }
    arns.push({ arn: item, path: `${path}[${i}]` });
  }
  return arns;
}

function failuresOf(value: Json): ReportedFailure[] | string {
  const failures = value['failures'];
  if (failures === undefined) return [];
  if (!Array.isArray(failures)) return '$.failures should be a list';
  const reported: ReportedFailure[] = [];
  for (let i = 0; i < failures.length; i++) {
    const failure = failures[i];
    if (!isObject(failure)) return `$.failures[${i}] should be an object`;
    const arn = failure['arn'];
    const reason = failure['reason'];
    reported.push({
      arn: typeof arn === 'string' ? arn : undefined,
      reason: typeof reason === 'string' ? reason : undefined,
      path: `$.failures[${i}]`,
    });
  }
  return reported;
}

function describeKeys(value: unknown): string {
  if (!isObject(value))
    return Array.isArray(value) ? 'a list' : `the value ${JSON.stringify(value)}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 8).join(', ');
  return `members ${shown}${keys.length > 8 ? `, ... (${keys.length} in all)` : ''}`;
}

function readsLine(): string {
  return `It reads the JSON output (--output json) of:\n${describeKnownOutputs()}`;
}

function unknownOutput(value: Json): string {
  return `not an AWS CLI output this command reads (top-level ${describeKeys(value)}). ${readsLine()}`;
}
