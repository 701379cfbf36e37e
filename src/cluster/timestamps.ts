/**
 * Snapshot timestamps appear both as ISO strings and as epoch seconds (real `aws ecs` output
 * uses either, depending on the CLI version), so every reader goes through here.
 */
export function toEpochMillis(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
