/**
 * What the what-if commands (headroom, simulate, drain) share: the run-task request options
 * for headroom, the output renderer (`--output`, `--query`) and the snapshot loading.
 */
import type { Command } from 'commander';
import { Cluster } from '../api/cluster.js';
import type { CliIO } from './cli-io.js';
import {
  colorFor,
  type GlobalOptions,
  resolveOutputFormat,
  terminalWidth,
} from './global-options.js';
import { checkSnapshotRegion } from './global-region.js';
import { clusterStateProblem, loadClusterState } from './load-cluster-state.js';
import { loadRenderer, type Renderer } from './output/render-response.js';
import type { ResponseOperation } from './output/response-member-order.js';
import { UsageError } from './usage-error.js';

/** The renderer of the answer, compiled before anything is read (a bad --query fails first). */
export async function whatIfRenderer(
  globals: GlobalOptions,
  io: CliIO,
  operation: ResponseOperation,
): Promise<Renderer> {
  const output = resolveOutputFormat(globals, io.env);
  return loadRenderer({
    format: output.format,
    query: globals.query,
    operation,
    color: colorFor(globals.color, io.stdout, io.env),
    terminalWidth: terminalWidth(io.stdout),
    timeZone: io.env['TZ'],
  });
}

/** Loads and validates the `--cluster-state` file (ClusterStateError naming the file). */
export function openClusterState(
  file: string | undefined,
  io: CliIO,
  globals: GlobalOptions,
  commandPath: string,
): { cluster: Cluster; snapshot: unknown } {
  if (file === undefined) {
    throw new UsageError('the following arguments are required: --cluster-state');
  }
  const { snapshot } = loadClusterState(file, io.cwd);
  let cluster: Cluster;
  try {
    cluster = Cluster.fromSnapshot(snapshot);
  } catch (error) {
    throw clusterStateProblem(file, error);
  }
  checkSnapshotRegion(snapshot, globals.region, file, io, commandPath);
  return { cluster, snapshot };
}

/** Hides run-task options that a what-if command takes no meaning from (they are refused). */
export function hideOptions(command: Command, flags: readonly string[]): void {
  for (const option of command.options) {
    if (option.long !== undefined && flags.includes(option.long)) option.hideHelp();
  }
}

/** A positive whole number option (`--max-tasks 500`). */
export function readCount(flag: string, raw: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `argument ${flag}: expected a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}
