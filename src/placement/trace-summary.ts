/** One-line summaries of why instances were rejected. */
import { checkRank, failureLabel } from './checks/registry.js';
import type { InstanceVerdict } from './explanation.js';

/**
 * "3/12 instances: 7 MemberOf (`attribute:ecs.instance-type =~ g2.*`), 2 DistinctInstance":
 * feasible over candidates, then each instance counted once under its first failing check,
 * most frequent first; equal counts in check order (then by text), so the line does not
 * depend on the order of the instances.
 */
export function summarizeVerdicts(verdicts: readonly InstanceVerdict[]): string {
  const counts = new Map<string, number>();
  const rank = new Map<string, number>();
  let feasible = 0;
  for (const verdict of verdicts) {
    const first = verdict.failures[0];
    if (!first) {
      feasible++;
      continue;
    }
    const key = failureLabel(first);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    rank.set(key, checkRank(first.check));
  }
  const head = `${feasible}/${verdicts.length} instances`;
  if (counts.size === 0) return head;
  const parts = [...counts]
    .sort(
      ([keyA, a], [keyB, b]) =>
        b - a || rank.get(keyA)! - rank.get(keyB)! || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0),
    )
    .map(([key, n]) => `${n} ${key}`);
  return `${head}: ${parts.join(', ')}`;
}
