/**
 * A small test-only HTTP server that answers like the ECS and EC2 APIs, from recorded AWS
 * CLI outputs, so `snapshot capture` is tested with the real AWS SDK clients making real
 * requests: ECS's JSON 1.1 protocol (POST, `X-Amz-Target: AmazonEC2ContainerServiceV20141113.
 * <Operation>`, application/x-amz-json-1.1) and EC2's query protocol for DescribeSubnets
 * (a form-encoded POST answered in XML). List calls, DescribeCapacityProviders and
 * DescribeSubnets page their answers with nextToken; describe calls refuse more than 100
 * ARNs, as ECS does. Chosen calls can be denied or throttled.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface Fault {
  /** The error name (`AccessDeniedException`, `ThrottlingException`, `UnauthorizedOperation`). */
  error: string;
  message: string;
  /** How many calls fail before the operation answers normally (default: all). */
  times?: number;
}

export interface EcsJsonServerOptions {
  /** Recorded AWS CLI outputs (describe-clusters, describe-container-instances, ...). */
  documents: readonly unknown[];
  region: string;
  accountId: string;
  /** Items per page of paged answers (default: the API's own maximum). */
  pageSize?: number;
  /** Operation name -> the error it answers. */
  faults?: Record<string, Fault>;
  /** When set, requests signed with another access key are refused. */
  accessKeyId?: string;
  /**
   * Container instances ListContainerInstances leaves out, as if they registered after the
   * listing (DescribeContainerInstances still answers for them).
   */
  unlisted?: readonly string[];
}

export interface Call {
  operation: string;
  input: Json;
}

export interface EcsJsonServer {
  url: string;
  calls: Call[];
  close(): Promise<void>;
}

const ECS_TARGET = 'AmazonEC2ContainerServiceV20141113.';
const DESCRIBE_LIMIT = 100;

interface Store {
  clusters: Json[];
  instances: Json[];
  tasks: Json[];
  definitions: { definition: Json; tags: unknown }[];
  providers: Json[];
  subnets: Json[];
}

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export async function startEcsJsonServer(options: EcsJsonServerOptions): Promise<EcsJsonServer> {
  const store = storeOf(options.documents);
  const calls: Call[] = [];
  const faultsLeft = new Map(
    Object.entries(options.faults ?? {}).map(([op, f]) => [
      op,
      f.times ?? Number.POSITIVE_INFINITY,
    ]),
  );

  const server = createServer((request, response) => {
    readBody(request).then(
      (body) => answer(request, body, response),
      () => response.destroy(),
    );
  });

  function answer(request: IncomingMessage, body: string, response: ServerResponse): void {
    const target = request.headers['x-amz-target'];
    const isEcs = typeof target === 'string' && target.startsWith(ECS_TARGET);
    let operation: string;
    let input: Json;
    if (isEcs) {
      operation = target.slice(ECS_TARGET.length);
      input = body === '' ? {} : (JSON.parse(body) as Json);
    } else {
      const form = new URLSearchParams(body);
      operation = form.get('Action') ?? '';
      input = Object.fromEntries(form);
    }
    calls.push({ operation, input });
    try {
      checkSignature(request, options.accessKeyId);
      const left = faultsLeft.get(operation) ?? 0;
      if (left > 0) {
        faultsLeft.set(operation, left - 1);
        const fault = options.faults![operation]!;
        throw new ServiceError(fault.error, fault.message, isEcs ? 400 : 403);
      }
      if (isEcs) {
        const output = ecsOperation(operation, input, store, options);
        send(response, 200, 'application/x-amz-json-1.1', JSON.stringify(wire(output)));
      } else if (operation === 'DescribeSubnets') {
        send(
          response,
          200,
          'text/xml;charset=UTF-8',
          describeSubnets(new URLSearchParams(body), store, options),
        );
      } else {
        throw new ServiceError(
          'InvalidAction',
          `The action ${operation} is not valid for this web service.`,
        );
      }
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      if (isEcs) {
        response.setHeader('x-amzn-errortype', error.type);
        send(
          response,
          error.status,
          'application/x-amz-json-1.1',
          JSON.stringify({ __type: error.type, message: error.message }),
        );
      } else {
        send(response, error.status, 'text/xml;charset=UTF-8', ec2Error(error));
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(body);
}

function checkSignature(request: IncomingMessage, accessKeyId: string | undefined): void {
  const authorization = request.headers.authorization ?? '';
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\//.exec(authorization);
  if (!match)
    throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (accessKeyId !== undefined && match[1] !== accessKeyId) {
    throw new ServiceError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
}

// ---- the recorded data ------------------------------------------------------------------

function storeOf(documents: readonly unknown[]): Store {
  const store: Store = {
    clusters: [],
    instances: [],
    tasks: [],
    definitions: [],
    providers: [],
    subnets: [],
  };
  for (const document of documents) {
    const d = document as Json;
    if (Array.isArray(d['clusters'])) store.clusters.push(...(d['clusters'] as Json[]));
    if (Array.isArray(d['containerInstances']))
      store.instances.push(...(d['containerInstances'] as Json[]));
    if (Array.isArray(d['tasks'])) store.tasks.push(...(d['tasks'] as Json[]));
    if (d['taskDefinition'])
      store.definitions.push({ definition: d['taskDefinition'] as Json, tags: d['tags'] });
    if (Array.isArray(d['capacityProviders']))
      store.providers.push(...(d['capacityProviders'] as Json[]));
    if (Array.isArray(d['Subnets'])) store.subnets.push(...(d['Subnets'] as Json[]));
  }
  return store;
}

/** The wire form of timestamps in ECS's JSON protocol: epoch seconds. */
function wire(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => wire(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wire(v, k)]));
  }
  if (typeof value === 'string' && key.endsWith('At') && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return Date.parse(value) / 1000;
  }
  return value;
}

function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

function clusterNamed(store: Store, reference: unknown): Json {
  const name = lastSegment(typeof reference === 'string' ? reference : 'default');
  const cluster = store.clusters.find((c) => c['clusterName'] === name);
  if (!cluster) throw new ServiceError('ClusterNotFoundException', 'Cluster not found.');
  return cluster;
}

function instancesOf(store: Store, cluster: Json): Json[] {
  const name = cluster['clusterName'] as string;
  return store.instances.filter(
    (i) => (i['containerInstanceArn'] as string).split('/')[1] === name,
  );
}

function tasksOf(store: Store, cluster: Json): Json[] {
  return store.tasks.filter((t) => t['clusterArn'] === cluster['clusterArn']);
}

function page<T>(
  items: readonly T[],
  input: Json,
  pageSize: number,
  maxKey = 'maxResults',
): { items: T[]; nextToken?: string } {
  const start =
    typeof input['nextToken'] === 'string'
      ? Number(Buffer.from(input['nextToken'], 'base64').toString())
      : 0;
  const requested = typeof input[maxKey] === 'number' ? (input[maxKey] as number) : pageSize;
  const size = Math.min(requested, pageSize);
  const end = start + size;
  const slice = items.slice(start, end);
  return end < items.length
    ? { items: slice, nextToken: Buffer.from(String(end)).toString('base64') }
    : { items: slice };
}

function describeLimit(references: unknown, member: string): string[] {
  const list = Array.isArray(references) ? (references as string[]) : [];
  if (list.length === 0 || list.length > DESCRIBE_LIMIT) {
    throw new ServiceError(
      'InvalidParameterException',
      `${member} can have at most ${DESCRIBE_LIMIT} items (and at least 1).`,
    );
  }
  return list;
}

function ecsOperation(
  operation: string,
  input: Json,
  store: Store,
  options: EcsJsonServerOptions,
): Json {
  const arnPrefix = `arn:aws:ecs:${options.region}:${options.accountId}`;
  switch (operation) {
    case 'DescribeClusters': {
      const references = Array.isArray(input['clusters'])
        ? (input['clusters'] as string[])
        : ['default'];
      const clusters: Json[] = [];
      const failures: Json[] = [];
      for (const reference of references) {
        const found = store.clusters.find((c) => c['clusterName'] === lastSegment(reference));
        if (found) clusters.push(found);
        else
          failures.push({
            arn: `${arnPrefix}:cluster/${lastSegment(reference)}`,
            reason: 'MISSING',
          });
      }
      return { clusters, failures };
    }
    case 'ListContainerInstances': {
      const cluster = clusterNamed(store, input['cluster']);
      const status = input['status'];
      const instances = instancesOf(store, cluster).filter(
        (i) =>
          (typeof status === 'string' ? i['status'] === status : i['status'] !== 'INACTIVE') &&
          !options.unlisted?.includes(i['containerInstanceArn'] as string),
      );
      const { items, nextToken } = page(instances, input, options.pageSize ?? 100);
      return {
        containerInstanceArns: items.map((i) => i['containerInstanceArn']),
        ...(nextToken ? { nextToken } : {}),
      };
    }
    case 'DescribeContainerInstances': {
      const cluster = clusterNamed(store, input['cluster']);
      const references = describeLimit(input['containerInstances'], 'containerInstances');
      const own = instancesOf(store, cluster);
      const containerInstances: Json[] = [];
      const failures: Json[] = [];
      for (const reference of references) {
        const found = own.find(
          (i) => lastSegment(i['containerInstanceArn'] as string) === lastSegment(reference),
        );
        if (found) containerInstances.push(found);
        else failures.push({ arn: reference, reason: 'MISSING' });
      }
      return { containerInstances, failures };
    }
    case 'ListTasks': {
      const cluster = clusterNamed(store, input['cluster']);
      const desired =
        typeof input['desiredStatus'] === 'string' ? input['desiredStatus'] : 'RUNNING';
      const tasks = tasksOf(store, cluster).filter((t) => t['desiredStatus'] === desired);
      const { items, nextToken } = page(tasks, input, options.pageSize ?? 100);
      return { taskArns: items.map((t) => t['taskArn']), ...(nextToken ? { nextToken } : {}) };
    }
    case 'DescribeTasks': {
      const cluster = clusterNamed(store, input['cluster']);
      const references = describeLimit(input['tasks'], 'tasks');
      const own = tasksOf(store, cluster);
      const tasks: Json[] = [];
      const failures: Json[] = [];
      for (const reference of references) {
        const found = own.find(
          (t) => lastSegment(t['taskArn'] as string) === lastSegment(reference),
        );
        if (found) tasks.push(found);
        else failures.push({ arn: reference, reason: 'MISSING' });
      }
      return { tasks, failures };
    }
    case 'DescribeTaskDefinition': {
      const reference = lastSegment(String(input['taskDefinition']));
      const [family, revision] = reference.split(':');
      const candidates = store.definitions
        .filter(({ definition }) => definition['family'] === family)
        .filter(({ definition }) =>
          revision === undefined
            ? definition['status'] === 'ACTIVE'
            : String(definition['revision']) === revision,
        )
        .sort((a, b) => Number(b.definition['revision']) - Number(a.definition['revision']));
      const found = candidates[0];
      if (!found) throw new ServiceError('ClientException', 'Unable to describe task definition.');
      const withTags =
        Array.isArray(input['include']) && (input['include'] as string[]).includes('TAGS');
      return { taskDefinition: found.definition, ...(withTags ? { tags: found.tags ?? [] } : {}) };
    }
    case 'DescribeCapacityProviders': {
      const names = Array.isArray(input['capacityProviders'])
        ? (input['capacityProviders'] as string[])
        : undefined;
      const providers = names
        ? store.providers.filter(
            (p) =>
              names.includes(p['name'] as string) ||
              names.includes(p['capacityProviderArn'] as string),
          )
        : store.providers;
      const failures = (names ?? [])
        .filter((n) => !providers.some((p) => p['name'] === n || p['capacityProviderArn'] === n))
        .map((n) => ({ arn: `${arnPrefix}:capacity-provider/${n}`, reason: 'MISSING' }));
      const { items, nextToken } = page(providers, input, Math.min(options.pageSize ?? 10, 10));
      return { capacityProviders: items, failures, ...(nextToken ? { nextToken } : {}) };
    }
    default:
      throw new ServiceError('UnknownOperationException', `Unknown operation ${operation}`);
  }
}

// ---- EC2 DescribeSubnets (query protocol, XML) ------------------------------------------

function describeSubnets(
  form: URLSearchParams,
  store: Store,
  options: EcsJsonServerOptions,
): string {
  const filters = new Map<string, string[]>();
  for (const [key, value] of form) {
    const name = /^Filter\.(\d+)\.Name$/.exec(key);
    if (name)
      filters.set(
        value,
        [...form.entries()]
          .filter(([k]) => k.startsWith(`Filter.${name[1]}.Value.`))
          .map(([, v]) => v),
      );
  }
  const ids = [...form.entries()].filter(([k]) => /^SubnetId\.\d+$/.test(k)).map(([, v]) => v);
  const matching = store.subnets.filter(
    (s) =>
      (ids.length === 0 || ids.includes(s['SubnetId'] as string)) &&
      (!filters.has('subnet-id') || filters.get('subnet-id')!.includes(s['SubnetId'] as string)) &&
      (!filters.has('vpc-id') || filters.get('vpc-id')!.includes(s['VpcId'] as string)),
  );
  const input: Json = {};
  const token = form.get('NextToken');
  if (token) input['nextToken'] = token;
  const max = form.get('MaxResults');
  if (max) input['maxResults'] = Number(max);
  const { items, nextToken } = page(matching, input, options.pageSize ?? 1000);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
    `<requestId>${randomUUID()}</requestId>` +
    `<subnetSet>${items.map((s) => `<item>${xmlMembers(s)}</item>`).join('')}</subnetSet>` +
    (nextToken ? `<nextToken>${nextToken}</nextToken>` : '') +
    '</DescribeSubnetsResponse>'
  );
}

/** EC2's XML names: lowerCamelCase members, lists as `<nameSet><item>` (Tags -> tagSet). */
function xmlMembers(record: Json): string {
  return Object.entries(record)
    .map(([key, value]) => {
      const name = key === 'Tags' ? 'tagSet' : key[0]!.toLowerCase() + key.slice(1);
      if (Array.isArray(value)) {
        return `<${name}>${value.map((v) => `<item>${typeof v === 'object' ? xmlMembers(v as Json) : escapeXml(String(v))}</item>`).join('')}</${name}>`;
      }
      if (value !== null && typeof value === 'object')
        return `<${name}>${xmlMembers(value as Json)}</${name}>`;
      return `<${name}>${escapeXml(String(value))}</${name}>`;
    })
    .join('');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function ec2Error(error: ServiceError): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${error.type}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors>` +
    `<RequestID>${randomUUID()}</RequestID></Response>`
  );
}
