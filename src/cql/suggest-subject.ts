/**
 * "Did you mean" for an unknown subject: the nearest documented subject by edit distance,
 * with special care for the `attribute:` prefix (`attributes:x`, `Attribute:x`, a bare
 * `ecs.instance-type`) so the suggestion keeps the user's attribute name.
 */
import { ATTRIBUTE_PREFIX, FIXED_SUBJECTS } from '../../grammar/subjects.js';

/** Levenshtein distance (insert, delete, substitute), case-sensitive. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-/\\.]+$/;

export function suggestSubject(text: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const subject of FIXED_SUBJECTS) {
    // Case slips count as half an edit so `agentversion` prefers `agentVersion`.
    const distance =
      editDistance(text.toLowerCase(), subject.toLowerCase()) +
      (editDistance(text, subject) > 0 ? 0.5 : 0);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = subject;
    }
  }
  const colon = text.indexOf(':');
  if (colon > 0) {
    const prefix = text.slice(0, colon).toLowerCase();
    const name = text.slice(colon + 1);
    const prefixDistance = editDistance(prefix, 'attribute');
    if (name.length > 0 && prefixDistance <= 3 && prefixDistance < bestDistance) {
      return ATTRIBUTE_PREFIX + name;
    }
  } else if (ATTRIBUTE_NAME.test(text) && /[.\-/\\]/.test(text) && bestDistance > 2) {
    // Looks like a bare attribute name such as `ecs.instance-type`.
    return ATTRIBUTE_PREFIX + text;
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3))) return best;
  // `group`, `version`, `instanceId`: a part of exactly one subject's name.
  const lower = text.toLowerCase();
  if (lower.length >= 4) {
    const containing = FIXED_SUBJECTS.filter((subject) => subject.toLowerCase().includes(lower));
    if (containing.length === 1) return containing[0];
  }
  return undefined;
}
