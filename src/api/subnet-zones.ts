import type { NetworkConfiguration } from '../kernel/run-task-types.js';

/** The snapshot's `subnets` object as a Map: subnet ids are user text (`__proto__`, `toString`). */
export function subnetZoneMap(
  subnets: Readonly<Record<string, string>> | undefined,
): ReadonlyMap<string, string> {
  return new Map(subnets === undefined ? [] : Object.entries(subnets));
}

/**
 * The Availability Zones of a request's awsvpc subnets, for the LOCATION check. When the
 * snapshot's `subnets` map does not know every subnet, the zones cannot be known and the
 * check is skipped (undefined) rather than guessed.
 */
export function subnetZones(
  network: NetworkConfiguration | undefined,
  subnetToZone: ReadonlyMap<string, string>,
): ReadonlySet<string> | undefined {
  const subnets = network?.awsvpcConfiguration?.subnets;
  if (!subnets || subnets.length === 0 || subnetToZone.size === 0) return undefined;
  const zones = new Set<string>();
  for (const subnet of subnets) {
    const zone = subnetToZone.get(subnet);
    if (zone === undefined) return undefined;
    zones.add(zone);
  }
  return zones;
}
