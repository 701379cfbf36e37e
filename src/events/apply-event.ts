/**
 * Applying one ECS event to its cluster's model: stale and duplicate versions are dropped,
 * contradictions refused, and the change itself runs in a transaction of the model, so it
 * is applied whole or not at all (docs/embedding.md, "Applying ECS events").
 */
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { EventApplied, EventIgnored, EventResult } from './ecs-event.js';
import {
  type ClusterLookup,
  type EventEnvelope,
  type ReadEvent,
  readDetail,
  readEnvelope,
} from './read-event.js';

/**
 * `lookup` finds the cluster an event's clusterArn names; `owner`, when given, the cluster
 * that holds a container instance or task ARN already (ARNs are unique across a snapshot).
 */
export function applyEvent(
  event: unknown,
  lookup: ClusterLookup,
  owner?: (arn: string) => ClusterModel | undefined,
): EventResult {
  const envelope = readEnvelope(event, lookup);
  if ('result' in envelope) return envelope;
  // Stale and duplicate events are dropped before their detail is checked and copied.
  const outdated = envelope.arn === undefined ? undefined : ignoredVersion(envelope, envelope.arn);
  if (outdated !== undefined) return outdated;
  const read = readDetail(envelope);
  if ('result' in read) return read;
  const { ids } = envelope;
  const arn = read.kind === 'instance' ? read.record.containerInstanceArn : read.record.taskArn;
  const holder = owner?.(arn);
  const conflict =
    holder !== undefined && holder !== read.model
      ? `${arn} belongs to cluster ${holder.clusterName}, not ${read.model.clusterName}`
      : conflictOf(read);
  if (conflict !== undefined)
    return { result: 'rejected', reason: 'conflict', message: conflict, ...ids };
  const applied: EventApplied = {
    result: 'applied',
    kind: read.kind,
    cluster: read.model.clusterName,
    arn,
    version: read.version,
    change: inTransaction(read.model, () => change(read)),
    ...ids,
  };
  if (
    read.kind === 'task' &&
    waitsForInstance(read.model, read.record.containerInstanceArn, read)
  ) {
    applied.waitingForInstance = true;
  }
  return applied;
}

/** The result for an event no newer than what the state has of its resource, if it is one. */
function ignoredVersion(envelope: EventEnvelope, arn: string): EventIgnored | undefined {
  const { kind, model, version } = envelope;
  let current: number | undefined;
  if (kind === 'instance') {
    const known = model.instance(arn);
    current = known?.arn === arn ? known.source.version : undefined;
  } else {
    current = model.findTask(arn)?.version;
  }
  if (current === undefined || version > current) return undefined;
  return {
    result: 'ignored',
    reason: version === current ? 'duplicate' : 'stale',
    message:
      version === current
        ? `${arn} is already at version ${current}`
        : `${arn} is at version ${current}, newer than the event's ${version}`,
    kind,
    arn,
    version,
    currentVersion: current,
    ...envelope.ids,
  };
}

/** What the state says against the event, beyond its version; undefined when nothing. */
function conflictOf(read: ReadEvent): string | undefined {
  if (read.kind === 'instance') {
    const record = read.record;
    const known = read.model.instance(record.containerInstanceArn);
    if (
      known?.arn === record.containerInstanceArn &&
      known.ec2InstanceId !== record.ec2InstanceId
    ) {
      return `${known.arn} is registered for EC2 instance ${known.ec2InstanceId ?? '(none)'}; the event says ${record.ec2InstanceId ?? '(none)'}, and a registration never changes its EC2 instance`;
    }
    return undefined;
  }
  const record = read.record;
  const known = read.model.findTask(record.taskArn);
  if (
    known?.containerInstanceArn !== undefined &&
    record.containerInstanceArn !== undefined &&
    known.containerInstanceArn !== record.containerInstanceArn
  ) {
    return `${record.taskArn} runs on ${known.containerInstanceArn}; the event says ${record.containerInstanceArn}, and a task never moves`;
  }
  return undefined;
}

function change(read: ReadEvent): EventApplied['change'] {
  if (read.kind === 'instance') {
    const known = read.model.instance(read.record.containerInstanceArn);
    const wasInactive = known?.status === 'INACTIVE';
    const done = read.model.upsertInstance(read.record);
    if (done === 'updated' && !wasInactive && read.record.status === 'INACTIVE')
      return 'deregistered';
    return done;
  }
  const done = read.model.upsertTask(read.record);
  const stopped = read.record.lastStatus === 'STOPPED' || read.record.desiredStatus === 'STOPPED';
  return done === 'updated' && stopped ? 'stopped' : done;
}

function waitsForInstance(model: ClusterModel, ref: string | undefined, read: ReadEvent): boolean {
  if (ref === undefined || read.kind !== 'task' || read.record.desiredStatus === 'STOPPED')
    return false;
  return model.instance(ref)?.arn !== ref;
}

/** Runs `body` as one transaction of `model`: on a throw, every change it made is undone. */
function inTransaction<T>(model: ClusterModel, body: () => T): T {
  const mark = model.begin();
  try {
    const result = body();
    model.keep();
    return result;
  } catch (error) {
    model.rollback(mark);
    throw error;
  }
}
