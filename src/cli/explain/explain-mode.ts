/**
 * `--explain [summary|full|json]`: `--explain` alone is `full` (the report it always was).
 * Every mode writes to stderr, so stdout stays the response (for --query and pipes).
 */
import { UsageError } from '../usage-error.js';

export const EXPLAIN_MODES = ['summary', 'full', 'json'] as const;
export type ExplainMode = (typeof EXPLAIN_MODES)[number];

export function parseExplainMode(value: string | true): ExplainMode {
  if (value === true) return 'full';
  const mode = EXPLAIN_MODES.find((m) => m === value);
  if (!mode) {
    throw new UsageError(
      `argument --explain: invalid choice: '${value}' (choose from ${EXPLAIN_MODES.join(', ')})`,
    );
  }
  return mode;
}
