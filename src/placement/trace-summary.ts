/** One-line summaries of why instances were rejected. */
import type { CheckFailure, InstanceVerdict } from './explanation.js';

function label(failure: CheckFailure): string {
  if (failure.check === 'MemberOf') return `MemberOf (\`${failure.expression ?? ''}\`)`;
  return failure.check;
}

/**
 * "3/12 instances: 7 MemberOf (`attribute:ecs.instance-type =~ g2.*`), 2 DistinctInstance":
 * feasible over candidates, then each instance counted once under its first failing check,
 * most frequent first.
 */
export function summarizeVerdicts(verdicts: readonly InstanceVerdict[]): string {
  const counts = new Map<string, number>();
  let feasible = 0;
  for (const verdict of verdicts) {
    const first = verdict.failures[0];
    if (!first) {
      feasible++;
      continue;
    }
    const key = label(first);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const head = `${feasible}/${verdicts.length} instances`;
  if (counts.size === 0) return head;
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${n} ${key}`);
  return `${head}: ${parts.join(', ')}`;
}
