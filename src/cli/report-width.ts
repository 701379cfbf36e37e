/**
 * How wide the `--explain` report may be: the terminal's width when stderr is one, else
 * `COLUMNS` when it holds a width, else a default that reads well in a file or a CI log.
 */
import type { CliIO, OutputStream } from './cli-io.js';

export const DEFAULT_REPORT_WIDTH = 120;
/** Below this, tables cannot be laid out sensibly; narrower terminals get this width. */
export const MIN_REPORT_WIDTH = 40;

export function reportWidth(stream: OutputStream, env: CliIO['env']): number {
  const fromTerminal = stream.isTTY === true ? stream.columns : undefined;
  const fromEnv = /^\d+$/.test(env['COLUMNS'] ?? '') ? Number(env['COLUMNS']) : undefined;
  const width = [fromTerminal, fromEnv].find((w) => w !== undefined && w > 0);
  return Math.max(MIN_REPORT_WIDTH, width ?? DEFAULT_REPORT_WIDTH);
}
