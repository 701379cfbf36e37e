/**
 * The rules only the loader checks (JSON Schema cannot express them), as docs/snapshot.md
 * lists them under "What only the loader checks": each with the test that tells whether a
 * SnapshotError is an instance of it. When the schema accepts a file that the loader refuses,
 * the loader's reason must be one of these.
 */
import type { SnapshotError } from '../../src/cluster/validate-snapshot.js';

type Matcher = (message: string, value: unknown) => boolean;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A date-time whose day its month does not have (2024-02-30, 2023-02-29, 2024-04-31). */
function impossibleDay(value: unknown): boolean {
  const date = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!date) return false;
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
  return day > days;
}

/** Keyed by the bold title of each item of the docs' list. */
export const LOADER_ONLY_RULES = {
  'Unique identifiers': (m) =>
    /duplicate (containerInstanceArn|taskArn|clusterName|capacity provider|task definition|taskDefinitionArn) /.test(
      m,
    ) || /^".*" is listed twice$/.test(m),
  'One live registration per EC2 instance': (m) => m.includes('duplicate ec2InstanceId'),
  'Unique names within a list': (m) => /duplicate (resource|attribute|container name) /.test(m),
  'Remaining never above registered': (m) => m.includes('is more than the registered'),
  "A task's instance is in its cluster": (m) => m.includes("in this cluster's containerInstances"),
  'Capacity providers are known and associated': (m) =>
    /unknown capacity provider|is not associated with the cluster|is not one of the cluster's capacityProviders/.test(
      m,
    ),
  'A GPU is held by one task': (m) => m.includes('is already held by'),
  'Container memory not below its reservation': (m) =>
    m.includes('cannot be below the memoryReservation'),
  'Real calendar days': (m, value) => m.includes('expected an ISO 8601') && impossibleDay(value),
  'Whole numbers written as text': (m, value) =>
    /expected a whole number/.test(m) && typeof value === 'string',
  'Client token times': (m) => m.includes('expected an ISO timestamp'),
  'Nesting depth': (m) => m.includes('nested more than 100 levels'),
} satisfies Record<string, Matcher>;

export type LoaderOnlyRule = keyof typeof LOADER_ONLY_RULES;

/** The loader-only rule `error` applies, or undefined when the schema should have caught it. */
export function loaderOnlyRuleOf(error: SnapshotError, json: unknown): LoaderOnlyRule | undefined {
  const value = valueAt(json, error.path);
  const message = error.message.slice(error.path.length + 2);
  return (Object.keys(LOADER_ONLY_RULES) as LoaderOnlyRule[]).find((rule) =>
    LOADER_ONLY_RULES[rule](message, value),
  );
}

/** The value at a SnapshotError path (`$.a[0].b`, `$.subnets["x y"]`), or undefined. */
export function valueAt(json: unknown, path: string): unknown {
  let node: unknown = json;
  const steps = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  steps.lastIndex = 1; // after `$`
  for (let step = steps.exec(path); step; step = steps.exec(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = step[1] ?? (step[2] !== undefined ? Number(step[2]) : JSON.parse(step[3]!));
    node = Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return node;
}
