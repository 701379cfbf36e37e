/**
 * `ecs-placement serve`: the local ECS endpoint (src/serve/ecs-endpoint.ts) over a cluster
 * snapshot, or over an empty account without one. It prints one line,
 * `listening on http://HOST:PORT`, once it accepts requests, and runs until SIGINT or SIGTERM:
 * then it stops accepting, lets running requests end, writes the last save and exits 0.
 *
 * `--save` writes every change back to the `--cluster-state` file through the same locked
 * atomic save as `run-task --save` (save-atomic.ts). While the server runs it owns the file:
 * if another program replaces it, the next save refuses to overwrite that change and the
 * request that needed it answers ServerException (its change is kept in memory only).
 */
import { stat } from 'node:fs/promises';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Cluster } from '../api/cluster.js';
import { createEcsEndpoint, DEFAULT_MAX_BODY_BYTES } from '../serve/ecs-endpoint.js';
import type { CliIO } from './cli-io.js';
import { type CommandContext, runCommandBody } from './command-outcome.js';
import { ExitCode } from './exit-codes.js';
import { type FileIdentity, identityOf } from './file-identity.js';
import { clusterStateProblem, loadClusterState } from './load-cluster-state.js';
import { saveAtomic } from './save-atomic.js';
import { checkSaveTarget } from './save-target.js';
import type { SignalHost } from './signal-cleanup.js';
import { UsageError } from './usage-error.js';

export const SERVE_CONTEXT: CommandContext = {
  commandPath: 'ecs-placement serve',
  usage:
    '[--cluster-state FILE] [--port N] [--host ADDRESS] [--save] [--seed TEXT] [--max-body-bytes N]',
  operation: 'Serve',
};

interface ServeOptions {
  clusterState?: string;
  port?: string;
  host?: string;
  save?: boolean;
  seed?: string;
  maxBodyBytes?: string;
}

/** How the command waits for its end; tests stop it themselves. */
export interface ServeHost {
  /** Resolves when the server should stop (SIGINT or SIGTERM by default). */
  stopSignal(): Promise<string>;
}

/**
 * The first SIGINT or SIGTERM stops the server gracefully; a second one ends the process at
 * once (128 + the signal number). The listeners stay installed until the process ends: a
 * library that re-raises a signal when it sees no other listener (proper-lockfile's
 * signal-exit, loaded by the first save) must keep seeing ours.
 */
const processHost: ServeHost = {
  stopSignal: () =>
    new Promise((done) => {
      let stopping = false;
      const on = (signal: 'SIGINT' | 'SIGTERM') => () => {
        if (stopping) process.exit(128 + constants.signals[signal]);
        stopping = true;
        done(signal);
      };
      process.on('SIGINT', on('SIGINT'));
      process.on('SIGTERM', on('SIGTERM'));
    }),
};

/** The save's own signal handling is off: the server ends a save before it exits. */
const NO_SIGNALS: SignalHost = { on: () => undefined, off: () => undefined, exit: () => undefined };

export function registerServe(
  program: Command,
  io: CliIO,
  report: (code: number) => void,
): Command {
  return program
    .command('serve')
    .summary('serve the ECS API locally (aws ecs --endpoint-url, ECSClient, boto3)')
    .description(
      'Serves the ECS JSON 1.1 API over HTTP on a cluster snapshot (or an empty account), so ' +
        'the AWS CLI, the AWS SDKs and boto3 can call RunTask, StartTask, Describe*, ' +
        'RegisterContainerInstance, ... against it with --endpoint-url. Any signature is ' +
        'accepted: it is a local dry run, bound to 127.0.0.1 by default. See docs/endpoint.md.',
    )
    .usage(SERVE_CONTEXT.usage)
    .option(
      '--cluster-state <file>',
      'the cluster snapshot to start from (default: an empty account)',
    )
    .option('--port <n>', 'TCP port (default: 0, a free port; the URL is printed)')
    .option('--host <address>', 'address to listen on (default: 127.0.0.1)')
    .option('--save', 'write every change back to --cluster-state (locked, atomic)')
    .option('--seed <text>', 'seed of every random choice, for replayable runs')
    .option('--max-body-bytes <n>', `request body limit (default: ${DEFAULT_MAX_BODY_BYTES})`)
    .addHelpText(
      'after',
      '\nPrints "listening on http://HOST:PORT" once ready; GET /health answers 200. Stops on\n' +
        'SIGINT or SIGTERM after running requests end and the last save is written (exit 0).\n' +
        'Exit status: 252 bad command line, 255 cluster state not loadable or port not free.\n',
    )
    .action(async (values: ServeOptions) => {
      report(await serve(values, io));
    });
}

export function serve(
  options: ServeOptions,
  io: CliIO,
  host: ServeHost = processHost,
): Promise<number> {
  return runCommandBody(io, SERVE_CONTEXT, async () => {
    const port = wholeNumber('--port', options.port, 0, 65535) ?? 0;
    const maxBodyBytes = wholeNumber('--max-body-bytes', options.maxBodyBytes, 1, 2 ** 31);
    if (options.save && options.clusterState === undefined) {
      throw new UsageError('--save needs --cluster-state: the file to write the state to');
    }
    let cluster: Cluster;
    let persist: (() => Promise<void>) | undefined;
    if (options.clusterState === undefined) {
      cluster = Cluster.empty();
    } else {
      const file = options.clusterState;
      const loaded = loadClusterState(file, io.cwd);
      try {
        cluster = Cluster.fromSnapshot(loaded.snapshot);
      } catch (error) {
        throw clusterStateProblem(file, error);
      }
      if (options.save) {
        const path = resolve(io.cwd, file);
        await checkSaveTarget(path, file, undefined, `--save cannot replace ${file}`);
        let expected: FileIdentity = loaded.identity;
        persist = async () => {
          const target = await checkSaveTarget(
            path,
            file,
            undefined,
            `--save cannot replace ${file}`,
          );
          const outcome = await saveAtomic(target, cluster.toSnapshot(), expected, {
            signals: NO_SIGNALS,
          });
          if (outcome === 'changed') {
            throw new Error(`${file} was changed by another program; it was left as it is`);
          }
          expected = identityOf(await stat(target.file, { bigint: true }));
        };
      }
    }
    const endpoint = createEcsEndpoint({
      cluster,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(persist ? { persist } : {}),
      ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
      log: (line) => io.stderr.write(`${SERVE_CONTEXT.commandPath}: ${line}\n`),
    });
    const hostName = options.host ?? '127.0.0.1';
    let url: string;
    try {
      url = await endpoint.listen(port, hostName);
    } catch (error) {
      io.stderr.write(
        `${SERVE_CONTEXT.commandPath}: error: cannot listen on ${hostName}:${port}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return ExitCode.toolError;
    }
    io.stdout.write(`listening on ${url}\n`);
    const signal = await host.stopSignal();
    await endpoint.close();
    io.stderr.write(`${SERVE_CONTEXT.commandPath}: stopped (${signal})\n`);
    return ExitCode.success;
  });
}

function wholeNumber(flag: string, text: string | undefined, min: number, max: number) {
  if (text === undefined) return undefined;
  const value = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `argument ${flag}: expected a whole number from ${min} to ${max}, got '${text}'`,
    );
  }
  return value;
}
