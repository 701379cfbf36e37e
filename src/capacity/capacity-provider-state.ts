import type { CapacityProvider } from '../kernel/ecs-types.js';

/**
 * The status that decides whether a described capacity provider may be used in a strategy.
 *
 * ECS only admits providers that are ACTIVE or UPDATING. DescribeCapacityProviders reports
 * `status` (ACTIVE | INACTIVE) and, separately, `updateStatus` (UPDATE_IN_PROGRESS, ...), so
 * we read them together: an explicit INACTIVE always wins; `status: "UPDATING"` or an
 * `updateStatus` that says an update is running (contains UPDATING or is UPDATE_IN_PROGRESS)
 * means UPDATING; an absent status means ACTIVE, as everywhere else in snapshots.
 */
export function capacityProviderState(provider: CapacityProvider): string {
  // Snapshots are user JSON: the status may be a string outside the typed union.
  const status: string = provider.status ?? 'ACTIVE';
  if (status === 'INACTIVE') return status;
  const update = provider.updateStatus ?? '';
  if (status === 'UPDATING' || update.includes('UPDATING') || update === 'UPDATE_IN_PROGRESS') {
    return 'UPDATING';
  }
  return status;
}

export function isUsableCapacityProviderState(state: string): boolean {
  return state === 'ACTIVE' || state === 'UPDATING';
}
