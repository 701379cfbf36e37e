import type { NetworkConfiguration } from './run-task-types.js';

/**
 * The Availability Zones of a request's awsvpc subnets, for the LOCATION check. When the
 * snapshot's `subnets` map does not know every subnet, the zones cannot be known and the
 * check is skipped (undefined) rather than guessed.
 */
export function subnetZones(
  network: NetworkConfiguration | undefined,
  subnetToZone: Readonly<Record<string, string>> | undefined,
): ReadonlySet<string> | undefined {
  const subnets = network?.awsvpcConfiguration?.subnets;
  if (!subnets || subnets.length === 0 || !subnetToZone) return undefined;
  const zones = new Set<string>();
  for (const subnet of subnets) {
    const zone = subnetToZone[subnet];
    if (zone === undefined) return undefined;
    zones.add(zone);
  }
  return zones;
}
