/**
 * `--debug`: one line per step on stderr (`ecs-placement run-task: debug: ...`), so a user
 * can see which file was read, with which seed and clock, and what was ignored. Nothing is
 * written without --debug.
 */
import type { CliIO } from './cli-io.js';

export type DebugLog = (message: string) => void;

export function debugLog(enabled: boolean, io: CliIO, commandPath: string): DebugLog {
  if (!enabled) return () => {};
  return (message) => io.stderr.write(`${commandPath}: debug: ${message}\n`);
}
