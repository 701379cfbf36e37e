/**
 * Reads every document once: recognises its kind, checks each ARN against the snapshot's
 * region and account, and merges the records of all pages into one set per kind (see
 * RecordSet for duplicates). list-* outputs are kept aside to check that every listed
 * instance and task was described; describe-* `failures` are kept to excuse the ones ECS
 * reported missing.
 */
import type { AccountScope } from './account-scope.js';
import type { Json, RecordKind } from './document-kinds.js';
import { SnapshotImportError } from './import-error.js';
import { documentName, type ImportDocument, type Origin } from './origin.js';
import { RecordSet } from './record-set.js';
import { recogniseDocument } from './recognise-document.js';

export interface Collected {
  sets: Record<RecordKind, RecordSet>;
  /** ARN -> where a list-container-instances output listed it. */
  listedInstances: Map<string, Origin>;
  /** ARN -> where a list-tasks output listed it. */
  listedTasks: Map<string, Origin>;
  /** ARN -> the failure a describe-* output reported for it. */
  failures: Map<string, string>;
  notes: string[];
}

/** The identity of a record: ARN for ECS resources, name for providers, id for subnets. */
function keyOf(kind: RecordKind, record: Json): string {
  switch (kind) {
    case 'cluster':
      return record['clusterArn'] as string;
    case 'containerInstance':
      return record['containerInstanceArn'] as string;
    case 'task':
      return record['taskArn'] as string;
    case 'taskDefinition':
      return `${record['family'] as string}:${String(record['revision'])}`;
    case 'capacityProvider':
      return record['name'] as string;
    case 'subnet':
      return record['SubnetId'] as string;
  }
}

/** The ARNs a record carries that must be of the snapshot's region (and account). */
const ARN_MEMBERS: Readonly<Record<RecordKind, readonly string[]>> = {
  cluster: ['clusterArn'],
  containerInstance: ['containerInstanceArn'],
  task: ['taskArn', 'clusterArn', 'containerInstanceArn', 'taskDefinitionArn'],
  taskDefinition: ['taskDefinitionArn'],
  capacityProvider: ['capacityProviderArn'],
  subnet: ['SubnetArn'],
};

export function collectDocuments(
  documents: readonly ImportDocument[],
  scope: AccountScope,
): Collected {
  const collected: Collected = {
    sets: {
      cluster: new RecordSet('cluster'),
      containerInstance: new RecordSet('container instance'),
      task: new RecordSet('task'),
      taskDefinition: new RecordSet('task definition'),
      capacityProvider: new RecordSet('capacity provider'),
      subnet: new RecordSet('subnet'),
    },
    listedInstances: new Map(),
    listedTasks: new Map(),
    failures: new Map(),
    notes: [],
  };

  documents.forEach((document, position) => {
    const name = documentName(document, position);
    const recognition = recogniseDocument(document.value);
    if ('problem' in recognition) throw new SnapshotImportError(`${name}: ${recognition.problem}`);
    const { shape, records, arns, failures } = recognition.document;
    if (shape === undefined) return;

    if (shape.holds !== 'arn') {
      const kind = shape.holds;
      for (const { value, path } of records) {
        const origin = { document: name, path };
        for (const member of ARN_MEMBERS[kind]) {
          const arn = value[member];
          // A shared subnet may belong to another account: only its region must agree.
          if (typeof arn === 'string')
            scope.check(arn, { document: name, path: `${path}.${member}` }, kind !== 'subnet');
        }
        collected.sets[kind].add(keyOf(kind, value), value, origin);
      }
    }

    const listing =
      shape.kind === 'list-container-instances'
        ? collected.listedInstances
        : shape.kind === 'list-tasks'
          ? collected.listedTasks
          : undefined;
    for (const { arn, path } of arns) {
      const origin = { document: name, path };
      scope.check(arn, origin);
      if (listing && !listing.has(arn)) listing.set(arn, origin);
    }
    if (shape.holds === 'arn' && listing === undefined) {
      collected.notes.push(
        `${name}: ${shape.command} output is not needed for a snapshot (ignored)`,
      );
    }

    for (const failure of failures) {
      if (failure.arn === undefined) continue;
      const reason = failure.reason ?? 'no reason given';
      collected.failures.set(failure.arn, reason);
      collected.notes.push(`${name}: ${shape.command} reported ${failure.arn}: ${reason}`);
    }
  });
  return collected;
}
