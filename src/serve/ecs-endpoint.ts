/**
 * The local ECS endpoint: an HTTP server speaking the ECS JSON 1.1 protocol as the AWS SDKs
 * and the AWS CLI send it (POST, `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Op>`,
 * `Content-Type: application/x-amz-json-1.1`), over one Cluster (docs/endpoint.md).
 *
 * - Any signature is accepted (and none): it is a local dry run, bound to loopback by the
 *   command unless told otherwise.
 * - Every answer is the protocol's: 200 with the output as JSON, or 400 with
 *   `{"__type": Name, "message": ...}` (and the `x-amzn-errortype` header) for the ECS
 *   exceptions the library throws; UnknownOperationException for a missing or unknown target;
 *   SerializationException for a body that is not a JSON object; 415
 *   UnsupportedMediaTypeException for another content type; 413 RequestEntityTooLarge past
 *   the body limit; 500 ServerException for anything unexpected (the server keeps serving).
 * - State changes are serialised: a request runs to its end before the next starts (the
 *   placement is synchronous), so no two calls see the same free port or CPU. With a
 *   `persist` function (`--save`), a changing call answers only once a save that includes its
 *   change has finished (coalesced, see save-queue.ts).
 * - `GET /health` answers 200 `{"status":"ok"}` for scripts waiting on the server.
 * - EC2 DescribeSubnets (query protocol) from the snapshot's subnets, for `snapshot capture`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../api/cluster.js';
import { ConflictException, EcsServiceException } from '../kernel/errors.js';
import {
  type CallSettings,
  callEcsOperation,
  ECS_OPERATIONS,
  isEcsOperation,
} from '../client/operations.js';
import { convertTimestamps, toEpochSeconds } from '../client/timestamps.js';
import { describeSubnetsXml, ec2ErrorXml } from './describe-subnets.js';
import { SaveQueue } from './save-queue.js';

export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
/** The request body limit: RegisterTaskDefinition's 64 KiB with room to spare. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const HEALTH_PATH = '/health';

export interface EcsEndpointOptions {
  cluster: Cluster;
  /** Seed of every random choice (RunTask tie-breaks, new ids); default DEFAULT_SEED. */
  seed?: string;
  /** Writes the state (`--save`); called after changes, one at a time. */
  persist?: () => Promise<void>;
  maxBodyBytes?: number;
  /** One line per request that failed unexpectedly or could not be saved. */
  log?: (line: string) => void;
}

export interface EcsEndpoint {
  readonly server: Server;
  /** Starts listening; resolves to the URL (`http://host:port`). */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting, lets running requests end, flushes the save; resolves when all is done. */
  close(): Promise<void>;
}

class ProtocolError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function createEcsEndpoint(options: EcsEndpointOptions): EcsEndpoint {
  const { cluster } = options;
  const settings: CallSettings = options.seed !== undefined ? { seed: options.seed } : {};
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const saves = options.persist ? new SaveQueue(options.persist) : undefined;
  const log = options.log ?? (() => undefined);
  // Why a save failed, once one has: the state then holds a change the file does not, so
  // every later change is refused before it is made (a client's retries of the failed call
  // must not pile up unsaved changes); reads go on. Restarting from the file ends it.
  let unsaved: string | undefined;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!response.headersSent) {
        sendJson(response, 500, { __type: 'ServerException', message: 'Internal error.' });
      } else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === HEALTH_PATH) {
      sendJson(response, 200, { status: 'ok' }, 'application/json');
      return;
    }
    const body = await readBody(request, maxBody);
    if (body === undefined) {
      response.setHeader('connection', 'close');
      sendError(
        response,
        new ProtocolError(
          'RequestEntityTooLargeException',
          `The request body is larger than ${maxBody} bytes.`,
          413,
        ),
      );
      return;
    }
    const target = request.headers['x-amz-target'];
    if (target === undefined && isForm(request)) {
      answerEc2(response, body);
      return;
    }
    try {
      const operation = operationOf(request, target);
      const input = parseBody(body);
      const mutates = saves !== undefined && ECS_OPERATIONS[operation].mutates;
      if (mutates && unsaved !== undefined) {
        throw new ProtocolError(
          'ServerException',
          `Changes are refused: an earlier change could not be saved (${unsaved}), so this server and the file differ. Restart ecs-placement serve to go on from the file.`,
          500,
        );
      }
      const output = callEcsOperation(cluster, operation, input, settings);
      if (mutates) {
        try {
          await saves.request();
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          unsaved ??= reason;
          log(`save failed after ${operation}: ${reason}; further changes are refused`);
          throw new ProtocolError(
            'ServerException',
            `The change was made but could not be saved: ${reason}`,
            500,
          );
        }
      }
      sendJson(response, 200, convertTimestamps(output, toEpochSeconds));
    } catch (error) {
      sendError(response, error);
    }
  }

  function answerEc2(response: ServerResponse, body: string): void {
    const form = new URLSearchParams(body);
    const action = form.get('Action');
    if (action === 'DescribeSubnets') {
      send(
        response,
        200,
        'text/xml;charset=UTF-8',
        describeSubnetsXml(form, cluster.toSnapshot().subnets),
      );
    } else {
      send(
        response,
        400,
        'text/xml;charset=UTF-8',
        ec2ErrorXml(
          'InvalidAction',
          `The action ${action ?? '(none)'} is not valid for this web service.`,
        ),
      );
    }
  }

  function sendError(response: ServerResponse, error: unknown): void {
    if (error instanceof ProtocolError) {
      response.setHeader('x-amzn-errortype', error.type);
      sendJson(response, error.status, { __type: error.type, message: error.message });
    } else if (error instanceof EcsServiceException) {
      const status = error.fault === 'server' ? 500 : 400;
      response.setHeader('x-amzn-errortype', error.name);
      sendJson(response, status, {
        __type: error.name,
        message: error.message,
        ...(error instanceof ConflictException ? { resourceIds: error.resourceIds } : {}),
      });
    } else {
      log(`internal error: ${error instanceof Error ? error.stack : String(error)}`);
      response.setHeader('x-amzn-errortype', 'ServerException');
      sendJson(response, 500, { __type: 'ServerException', message: 'Internal error.' });
    }
  }

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shown}:${address.port}`);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await saves?.idle();
    },
  };
}

function operationOf(
  request: IncomingMessage,
  target: string | string[] | undefined,
): keyof typeof ECS_OPERATIONS {
  if (request.method !== 'POST') {
    throw new ProtocolError('UnknownOperationException', 'Only POST requests are served.');
  }
  if (typeof target !== 'string' || !target.startsWith(ECS_TARGET_PREFIX)) {
    throw new ProtocolError(
      'UnknownOperationException',
      `Missing or unknown X-Amz-Target header: expected ${ECS_TARGET_PREFIX}<Operation>.`,
    );
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== JSON_CONTENT_TYPE) {
    throw new ProtocolError(
      'UnsupportedMediaTypeException',
      `Content-Type ${type || '(none)'} is not accepted: send ${JSON_CONTENT_TYPE}.`,
      415,
    );
  }
  const name = target.slice(ECS_TARGET_PREFIX.length);
  if (!isEcsOperation(name)) {
    throw new ProtocolError(
      'UnknownOperationException',
      `${name} is not an operation this endpoint models (docs/endpoint.md, "Operations").`,
    );
  }
  return name;
}

function parseBody(body: string): unknown {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ProtocolError(
      'SerializationException',
      `The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ProtocolError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed;
}

function isForm(request: IncomingMessage): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** The body as text, or undefined when it passes `limit` bytes (the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  type = JSON_CONTENT_TYPE,
): void {
  send(response, status, type, JSON.stringify(value));
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(body);
}
