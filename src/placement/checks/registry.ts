/**
 * The feasibility checks, in one list: everything else about checks is derived from it (the
 * chain of a call, the ECS order, the failure reasons, the memo key, the summary's order).
 * To add a check: write its file with `defineCheck` and put it in BUILT_IN_CHECKS (see
 * docs/ARCHITECTURE.md, "How to add a check"). `registerCheck` adds one at run time (tests,
 * experiments) and returns the function that removes it again.
 */
import type { CheckFailure } from '../explanation.js';
import { agentCheck } from './agent-check.js';
import { attributeCheck } from './attribute-check.js';
import { distinctInstanceCheck } from './distinct-instance-check.js';
import { eniCheck } from './eni-check.js';
import { locationCheck } from './location-check.js';
import { memberOfCheck } from './member-of-check.js';
import type { PlacementCheck } from './placement-check.js';
import { tcpPortCheck, udpPortCheck } from './port-checks.js';
import { cpuCheck, gpuCheck, memoryCheck } from './resource-checks.js';

/** The checks ECS makes, in its order (each check's `order` says where it goes). */
export const BUILT_IN_CHECKS = [
  agentCheck,
  attributeCheck,
  cpuCheck,
  memoryCheck,
  tcpPortCheck,
  udpPortCheck,
  eniCheck,
  gpuCheck,
  locationCheck,
  memberOfCheck,
  distinctInstanceCheck,
] as const;

/** The names of the built-in checks ('AGENT', 'RESOURCE:CPU', 'MemberOf', ...). */
export type BuiltInCheckName = (typeof BUILT_IN_CHECKS)[number]['name'];

// biome-ignore lint/suspicious/noExplicitAny: a list of checks whose states differ
type AnyCheck = PlacementCheck<any>;

/** A registered check and its registration number (its identity in memo keys). */
export interface Registered {
  readonly check: AnyCheck;
  readonly id: number;
}

let nextId = 1;
let registered: readonly Registered[] = sortByOrder(
  BUILT_IN_CHECKS.map((check) => ({ check, id: nextId++ })),
);
let checks: readonly AnyCheck[] = registered.map((r) => r.check);

function sortByOrder(list: readonly Registered[]): Registered[] {
  return [...list].sort((a, b) => a.check.order - b.check.order);
}

/** The registered checks, in ECS order. */
export function registeredChecks(): readonly AnyCheck[] {
  return checks;
}

/** The registered checks with their registration numbers, in ECS order (for the memo key). */
export function registrations(): readonly Registered[] {
  return registered;
}

/**
 * Adds a check to every placement from now on, in its `order`; returns the function that
 * removes it. Its name and order must be new (two checks at one position would make the
 * first failing check ambiguous). A check registered anew gets a new number, so no memoised
 * verdict of an earlier registration is reused.
 */
export function registerCheck(check: AnyCheck): () => void {
  for (const known of checks) {
    if (known.name === check.name)
      throw new Error(`A check named ${check.name} is registered already.`);
    if (known.order === check.order) {
      throw new Error(
        `Check ${check.name} has order ${check.order}, the order of ${known.name}; choose a free position.`,
      );
    }
  }
  const entry = { check, id: nextId++ };
  registered = sortByOrder([...registered, entry]);
  checks = registered.map((r) => r.check);
  return () => {
    registered = registered.filter((r) => r !== entry);
    checks = registered.map((r) => r.check);
  };
}

/** The registered check of that name. */
export function checkNamed(name: string): AnyCheck | undefined {
  return checks.find((c) => c.name === name);
}

/** The ECS failure reason of a check by name. */
export function failureReasonOf(name: string): string {
  const check = checkNamed(name);
  if (!check) throw new Error(`No check named ${name} is registered.`);
  return check.reason;
}

/** A check's position in the ECS order (unknown names last), for sorting. */
export function checkRank(name: string): number {
  const rank = checks.findIndex((c) => c.name === name);
  return rank < 0 ? checks.length : rank;
}

/** How the one-line summary names a failure (MemberOf quotes its expression). */
export function failureLabel(failure: CheckFailure): string {
  return checkNamed(failure.check)?.label?.(failure) ?? failure.check;
}
