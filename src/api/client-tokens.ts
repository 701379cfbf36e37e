/**
 * RunTask idempotency (API reference, "Ensuring idempotency"): tokens are per cluster; a retry
 * with the same token and the same request within 24 hours returns the first call's result
 * and places nothing; the same token with a different request is a ConflictException whose
 * `resourceIds` are the first call's task ARNs. After 24 hours the token is free again.
 * The records live in the cluster snapshot (`clusters[].clientTokens`), so `--save` carries
 * them from one command to the next.
 */
import type { ClientTokenRecord, ClusterSnapshot } from '../kernel/ecs-types.js';
import { SnapshotError } from '../cluster/validate-snapshot.js';
import { ConflictException } from '../kernel/errors.js';
import type { RunTaskInput, RunTaskOutput } from '../kernel/run-task-types.js';

/** "The time to live (TTL) for the RunTask client token is 24 hours." */
export const CLIENT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The request as compared between a call and its retry: every member except `clientToken`
 * and `cluster` (tokens are kept per cluster already, so `default` and its ARN are the same
 * cluster), as JSON with object keys sorted, lists in order.
 */
export function requestFingerprint(request: RunTaskInput): string {
  const { clientToken: _token, cluster: _cluster, ...rest } = request;
  return JSON.stringify(sortKeys(rest));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  }
  return sorted;
}

/** The tokens of one cluster. */
export class ClientTokens {
  private readonly records = new Map<string, ClientTokenRecord>();

  /** Reads (and checks) the snapshot's records; `path` is the cluster's JSON path. */
  constructor(cluster: ClusterSnapshot, path: string) {
    const records: unknown = cluster.clientTokens;
    if (records === undefined) return;
    if (!Array.isArray(records)) {
      throw new SnapshotError(`${path}.clientTokens`, 'expected a list of client token records');
    }
    records.forEach((record: unknown, index) => {
      const at = `${path}.clientTokens[${index}]`;
      const checked = checkRecord(record, at);
      if (this.records.has(checked.clientToken)) {
        throw new SnapshotError(`${at}.clientToken`, `"${checked.clientToken}" is listed twice`);
      }
      this.records.set(checked.clientToken, checked);
    });
  }

  /**
   * The first call's response (a fresh copy) when `request` repeats it within the window;
   * undefined when the token is new or has expired; ConflictException for another request.
   */
  replay(
    request: RunTaskInput,
    now: number,
  ):
    | { response: RunTaskOutput; replayOf: { clientToken: string; recordedAt: string } }
    | undefined {
    const token = request.clientToken;
    if (token === undefined) return undefined;
    const record = this.records.get(token);
    if (record === undefined || expired(record, now)) return undefined;
    if (record.request !== requestFingerprint(request)) {
      throw new ConflictException(
        `The clientToken '${token}' was used at ${record.recordedAt} for a different RunTask ` +
          'request in this cluster; retry with the original parameters, or use a new clientToken.',
        record.response.tasks.map((t) => t.taskArn),
      );
    }
    return {
      response: structuredClone(record.response),
      replayOf: { clientToken: token, recordedAt: record.recordedAt },
    };
  }

  /** Remembers a completed call's response (a copy) and forgets tokens older than 24 hours. */
  record(request: RunTaskInput, response: RunTaskOutput, now: number): void {
    for (const [token, record] of this.records)
      if (expired(record, now)) this.records.delete(token);
    const token = request.clientToken;
    if (token === undefined) return;
    this.records.set(token, {
      clientToken: token,
      recordedAt: new Date(now).toISOString(),
      request: requestFingerprint(request),
      response: structuredClone(response),
    });
  }

  /** A way back to the records as they are now (for Cluster.whatIf, which undoes its calls). */
  checkpoint(): () => void {
    const saved = new Map(this.records);
    return () => {
      this.records.clear();
      for (const [token, record] of saved) this.records.set(token, record);
    };
  }

  /** The records for the snapshot (copies), undefined when there are none. */
  toSnapshot(): ClientTokenRecord[] | undefined {
    if (this.records.size === 0) return undefined;
    return [...this.records.values()].map((r) => structuredClone(r));
  }
}

function expired(record: ClientTokenRecord, now: number): boolean {
  return now - Date.parse(record.recordedAt) >= CLIENT_TOKEN_TTL_MS;
}

function checkRecord(record: unknown, at: string): ClientTokenRecord {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new SnapshotError(
      at,
      'expected an object with clientToken, recordedAt, request, response',
    );
  }
  const r = record as Record<string, unknown>;
  for (const member of ['clientToken', 'recordedAt', 'request'] as const) {
    if (typeof r[member] !== 'string') {
      throw new SnapshotError(`${at}.${member}`, 'expected a string');
    }
  }
  if (Number.isNaN(Date.parse(r['recordedAt'] as string))) {
    throw new SnapshotError(`${at}.recordedAt`, 'expected an ISO timestamp');
  }
  const response = r['response'] as Record<string, unknown> | undefined;
  if (
    typeof response !== 'object' ||
    response === null ||
    !Array.isArray(response['tasks']) ||
    !Array.isArray(response['failures'])
  ) {
    throw new SnapshotError(
      `${at}.response`,
      'expected a RunTask response with tasks and failures',
    );
  }
  return structuredClone(record) as ClientTokenRecord;
}
