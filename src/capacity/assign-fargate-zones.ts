import { InvalidParameterException } from '../kernel/errors.js';

/** Where one Fargate task of the call lands. */
export interface FargateZoneAssignment {
  subnetId: string;
  availabilityZone: string;
}

/**
 * Gives each of `count` Fargate tasks a subnet of the request and that subnet's Availability
 * Zone, spreading the task group evenly across the zones the subnets cover.
 *
 * - `subnetToAz` is the snapshot's `subnets` map; a subnet missing from it is refused.
 * - `existingGroupCountPerAz`: tasks of the same group already on this Fargate capacity
 *   provider in each zone (see `countFargateGroupTasksPerZone`); FARGATE and FARGATE_SPOT are
 *   spread independently, so the caller passes the counts of one provider only.
 * - Each task goes to the zone with the fewest group tasks so far (existing + this call);
 *   ties go to the zone whose first subnet comes first in the request. Inside a zone the
 *   zone's subnets take turns in request order. No randomness: same input, same answer.
 */
export function assignFargateZones(
  subnets: readonly string[],
  subnetToAz: Readonly<Record<string, string>> | undefined,
  existingGroupCountPerAz: ReadonlyMap<string, number>,
  count: number,
): FargateZoneAssignment[] {
  return assignToZones(fargateZones(subnets, subnetToAz), existingGroupCountPerAz, count);
}

/** The same assignment over zones already read with `fargateZones`. */
export function assignToZones(
  zones: readonly FargateZone[],
  existingGroupCountPerAz: ReadonlyMap<string, number>,
  count: number,
): FargateZoneAssignment[] {
  if (zones.length === 0 && count > 0) {
    throw new InvalidParameterException('Tasks on Fargate need at least one subnet.');
  }
  const load = zones.map((zone) => existingGroupCountPerAz.get(zone.availabilityZone) ?? 0);
  const turns = zones.map(() => 0);
  const assignments: FargateZoneAssignment[] = [];
  for (let task = 0; task < count; task++) {
    let best = 0;
    for (let z = 1; z < zones.length; z++) if (load[z]! < load[best]!) best = z;
    const zone = zones[best]!;
    const subnetId = zone.subnets[turns[best]! % zone.subnets.length]!;
    assignments.push({ subnetId, availabilityZone: zone.availabilityZone });
    load[best]! += 1;
    turns[best]! += 1;
  }
  return assignments;
}

/** An Availability Zone of the request, with the request's subnets in it. */
export interface FargateZone {
  readonly availabilityZone: string;
  readonly subnets: readonly string[];
}

/**
 * The request's zones in order of their first subnet, each with its subnets in order; a
 * subnet the snapshot's `subnets` map does not know is refused (its zone is unknown).
 */
export function fargateZones(
  subnets: readonly string[],
  subnetToAz: Readonly<Record<string, string>> | undefined,
): FargateZone[] {
  const known = subnetToAz ?? {};
  const zones: { availabilityZone: string; subnets: string[] }[] = [];
  const byName = new Map<string, (typeof zones)[number]>();
  for (const subnetId of new Set(subnets)) {
    const availabilityZone = Object.hasOwn(known, subnetId) ? known[subnetId] : undefined;
    if (availabilityZone === undefined) {
      throw new InvalidParameterException(
        `Subnet '${subnetId}' is not in the snapshot's subnets map, so its Availability Zone is unknown.`,
      );
    }
    let zone = byName.get(availabilityZone);
    if (zone === undefined) {
      zone = { availabilityZone, subnets: [] };
      byName.set(availabilityZone, zone);
      zones.push(zone);
    }
    zone.subnets.push(subnetId);
  }
  return zones;
}
