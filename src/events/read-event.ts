/**
 * Reading one event, in two steps: the envelope (kind, cluster, version and the ARN of the
 * resource, cheap), then its detail, checked with the snapshot's rules and copied, before
 * anything in the state changes. Between the two, apply-event.ts drops stale and duplicate
 * events, so a burst of them costs no copies (docs/embedding.md, "Costs").
 */
import type { ClusterModel } from '../cluster/cluster-model.js';
import { SnapshotError, show } from '../cluster/snapshot-error.js';
import { validateContainerInstance } from '../cluster/validate-container-instance.js';
import { validateTaskRecord } from '../cluster/validate-snapshot.js';
import type { ContainerInstance, Task } from '../kernel/ecs-types.js';
import {
  type EventIgnored,
  type EventRejected,
  INSTANCE_STATE_CHANGE,
  TASK_STATE_CHANGE,
} from './ecs-event.js';

/** An event ready to apply: its detail a checked copy the model may keep. */
export type ReadEvent =
  | { kind: 'instance'; model: ClusterModel; record: ContainerInstance; version: number }
  | { kind: 'task'; model: ClusterModel; record: Task; version: number };

/** An event's envelope, read: its detail not yet checked. */
export interface EventEnvelope {
  kind: 'instance' | 'task';
  model: ClusterModel;
  version: number;
  /** The detail's containerInstanceArn or taskArn when it is text (checked with the detail). */
  arn: string | undefined;
  detail: object;
  ids: { eventId?: string };
}

/** The cluster model a detail's clusterArn names, or undefined when none does. */
export type ClusterLookup = (clusterArn: string) => ClusterModel | undefined;

export function readEnvelope(
  event: unknown,
  lookup: ClusterLookup,
): EventEnvelope | EventIgnored | EventRejected {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    return malformed('$', `an event is a JSON object, got ${show(event)}`);
  }
  const envelope = event as Record<string, unknown>;
  const eventId = typeof envelope['id'] === 'string' ? envelope['id'] : undefined;
  const ids = eventId !== undefined ? { eventId } : {};
  if (envelope['source'] !== 'aws.ecs') {
    return malformed('$.source', `expected "aws.ecs", got ${show(envelope['source'])}`, ids);
  }
  const type = envelope['detail-type'];
  if (typeof type !== 'string') {
    return malformed('$.detail-type', `expected the event's kind as text, got ${show(type)}`, ids);
  }
  if (type !== INSTANCE_STATE_CHANGE && type !== TASK_STATE_CHANGE) {
    return {
      result: 'ignored',
      reason: 'unsupported',
      message: `${JSON.stringify(type)} events do not change placement state; only "${INSTANCE_STATE_CHANGE}" and "${TASK_STATE_CHANGE}" do`,
      ...ids,
    };
  }
  const detail = envelope['detail'];
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
    return malformed('$.detail', `expected an object, got ${show(detail)}`, ids);
  }
  const fields = detail as Record<string, unknown>;
  const version = fields['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    return malformed(
      '$.detail.version',
      `expected the resource's version (a whole number, 0 or more), got ${show(version)}; without it events cannot be ordered`,
      ids,
    );
  }
  const clusterArn = fields['clusterArn'];
  if (typeof clusterArn !== 'string' || clusterArn === '') {
    return malformed(
      '$.detail.clusterArn',
      `expected the cluster's ARN, got ${show(clusterArn)}`,
      ids,
    );
  }
  const model = lookup(clusterArn);
  if (model === undefined) {
    return {
      result: 'rejected',
      reason: 'unknown-cluster',
      message: `no cluster of this snapshot has the ARN or name of ${clusterArn}`,
      ...ids,
    };
  }
  const kind = type === INSTANCE_STATE_CHANGE ? 'instance' : 'task';
  const arn = fields[kind === 'instance' ? 'containerInstanceArn' : 'taskArn'];
  return {
    kind,
    model,
    version,
    arn: typeof arn === 'string' ? arn : undefined,
    detail,
    ids,
  };
}

/** The envelope's detail, checked with the snapshot's rules and copied. */
export function readDetail(envelope: EventEnvelope): ReadEvent | EventRejected {
  const { model, version, detail } = envelope;
  try {
    if (envelope.kind === 'instance') {
      const record = validateContainerInstance(
        detail,
        '$.detail',
        2,
        model.source.capacityProviders,
      );
      return { kind: 'instance', model, record, version };
    }
    return { kind: 'task', model, record: validateTaskRecord(detail, '$.detail'), version };
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    return malformed(error.path, error.message.slice(error.path.length + 2), envelope.ids);
  }
}

function malformed(path: string, message: string, ids: { eventId?: string } = {}): EventRejected {
  return { result: 'rejected', reason: 'malformed', message: `${path}: ${message}`, path, ...ids };
}
