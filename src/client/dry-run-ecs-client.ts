/**
 * An ECSClient look-alike over a Cluster, in process: `send(command)` takes the command
 * objects of the AWS SDK's ECS client package (`new RunTaskCommand(input)`, ...) and
 * resolves to the output the real client would resolve to (timestamps as Date objects,
 * `$metadata`), or rejects with the ECS exception (same `name`). Code written against
 * ECSClient runs against a snapshot by swapping the client. The SDK is never imported: a command is recognised by its
 * class name (`RunTaskCommand`) or, when a bundler renamed the class, by the operation
 * schema the SDK keeps on it; any `{ input }` object with a `commandName` works too.
 */
import { randomUUID } from 'node:crypto';
import type { Cluster } from '../api/cluster.js';
import { ClientException } from '../kernel/errors.js';
import { callEcsOperation, type EcsOperationName, isEcsOperation } from './operations.js';
import { convertTimestamps, toDate } from './timestamps.js';

/** What `send` reads of a command. */
export interface EcsCommandLike {
  readonly input?: unknown;
  /** Set by hand-made commands; SDK commands are known by their class. */
  readonly commandName?: string;
}

export interface ResponseMetadata {
  httpStatusCode: number;
  requestId: string;
  attempts: number;
  totalRetryDelay: number;
}

/**
 * The output type of an SDK command (what `ECSClient.send` resolves to, less `$metadata`),
 * read from the command's own type; a plain `{ commandName, input }` gets a record.
 */
export type CommandOutput<C> = C extends {
  resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: infer O }>;
}
  ? Omit<O, '$metadata'>
  : Record<string, unknown>;

export interface DryRunEcsClientOptions {
  cluster: Cluster;
  /** Seed of every random choice (RunTask tie-breaks, new ids); default DEFAULT_SEED. */
  seed?: string;
}

export class DryRunEcsClient {
  readonly cluster: Cluster;
  private readonly seed: string | undefined;

  constructor(options: DryRunEcsClientOptions) {
    this.cluster = options.cluster;
    this.seed = options.seed;
  }

  /** Runs the command's operation; resolves to its output with `$metadata`. */
  async send<C extends EcsCommandLike>(
    command: C,
  ): Promise<CommandOutput<C> & { $metadata: ResponseMetadata }> {
    const name = operationOf(command);
    const output = callEcsOperation(
      this.cluster,
      name,
      command.input,
      this.seed !== undefined ? { seed: this.seed } : {},
    );
    return {
      ...(convertTimestamps(output, toDate) as CommandOutput<C>),
      $metadata: { httpStatusCode: 200, requestId: randomUUID(), attempts: 1, totalRetryDelay: 0 },
    };
  }

  /** Nothing to release (ECSClient has destroy() too). */
  destroy(): void {}
}

function operationOf(command: EcsCommandLike): EcsOperationName {
  if (typeof command !== 'object' || command === null) {
    throw new ClientException('send() takes an ECS command object.');
  }
  const candidates = [
    command.commandName,
    (command as { constructor?: { name?: unknown } }).constructor?.name,
    schemaName((command as { schema?: unknown }).schema),
  ];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const name = candidate.endsWith('Command') ? candidate.slice(0, -'Command'.length) : candidate;
    if (isEcsOperation(name)) return name;
  }
  const shown = candidates.find((c) => typeof c === 'string') ?? 'an unnamed command';
  throw new ClientException(
    `${String(shown)} is not an operation the dry-run client models (docs/endpoint.md, "Operations").`,
  );
}

/** The operation name in the SDK's operation schema (`[type, namespace, name, ...]` or `{ name }`). */
function schemaName(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema[2];
  if (typeof schema === 'object' && schema !== null) return (schema as { name?: unknown }).name;
  return undefined;
}
