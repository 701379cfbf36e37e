import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidParameterException } from '../../src/kernel/errors.js';
import { assignFargateZones } from '../../src/capacity/assign-fargate-zones.js';
import { countFargateGroupTasksPerZone } from '../../src/capacity/fargate-zone-load.js';
import type { Task } from '../../src/kernel/ecs-types.js';

const SUBNETS = {
  'subnet-a1': 'us-east-1a',
  'subnet-a2': 'us-east-1a',
  'subnet-b1': 'us-east-1b',
  'subnet-c1': 'us-east-1c',
};
const none = new Map<string, number>();
const zonesOf = (a: { availabilityZone: string }[]) => a.map((x) => x.availabilityZone);

describe('assignFargateZones: examples', () => {
  it('goes round the zones in the order of the subnets', () => {
    const result = assignFargateZones(['subnet-b1', 'subnet-a1', 'subnet-c1'], SUBNETS, none, 5);
    expect(result).toEqual([
      { subnetId: 'subnet-b1', availabilityZone: 'us-east-1b' },
      { subnetId: 'subnet-a1', availabilityZone: 'us-east-1a' },
      { subnetId: 'subnet-c1', availabilityZone: 'us-east-1c' },
      { subnetId: 'subnet-b1', availabilityZone: 'us-east-1b' },
      { subnetId: 'subnet-a1', availabilityZone: 'us-east-1a' },
    ]);
  });

  it('fills the zones with fewer running group tasks first', () => {
    const existing = new Map([
      ['us-east-1a', 2],
      ['us-east-1b', 1],
    ]);
    const result = assignFargateZones(
      ['subnet-a1', 'subnet-b1', 'subnet-c1'],
      SUBNETS,
      existing,
      4,
    );
    expect(zonesOf(result)).toEqual(['us-east-1c', 'us-east-1b', 'us-east-1c', 'us-east-1a']);
  });

  it('ignores running tasks in zones the request does not use', () => {
    const existing = new Map([['us-east-1c', 9]]);
    const result = assignFargateZones(['subnet-a1', 'subnet-b1'], SUBNETS, existing, 2);
    expect(zonesOf(result)).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('counts two subnets of one zone as one zone and alternates between them', () => {
    const result = assignFargateZones(['subnet-a1', 'subnet-a2', 'subnet-b1'], SUBNETS, none, 5);
    expect(result.map((r) => r.subnetId)).toEqual([
      'subnet-a1',
      'subnet-b1',
      'subnet-a2',
      'subnet-b1',
      'subnet-a1',
    ]);
  });

  it('ignores repeated subnets', () => {
    const result = assignFargateZones(['subnet-a1', 'subnet-a1', 'subnet-b1'], SUBNETS, none, 2);
    expect(zonesOf(result)).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('refuses a subnet the snapshot does not map, naming it', () => {
    const run = () => assignFargateZones(['subnet-a1', 'subnet-zz'], SUBNETS, none, 1);
    expect(run).toThrow(InvalidParameterException);
    expect(run).toThrow(/'subnet-zz'/);
    expect(() => assignFargateZones(['subnet-a1'], undefined, none, 1)).toThrow(/'subnet-a1'/);
  });

  it('does not take inherited object keys for subnets', () => {
    expect(() => assignFargateZones(['constructor'], SUBNETS, none, 1)).toThrow(/'constructor'/);
  });

  it('returns nothing for zero tasks', () => {
    expect(assignFargateZones(['subnet-a1'], SUBNETS, none, 0)).toEqual([]);
  });
});

const zoneNames = ['z1', 'z2', 'z3', 'z4', 'z5'];
const layoutArb = fc
  .array(fc.constantFrom(...zoneNames), { minLength: 1, maxLength: 8 })
  .map((zones) => {
    const map: Record<string, string> = {};
    const subnets = zones.map((zone, i) => {
      map[`subnet-${i}`] = zone;
      return `subnet-${i}`;
    });
    return { subnets, map, zones: [...new Set(zones)] };
  });

describe('assignFargateZones: properties', () => {
  it('spreads a fresh group evenly: zone counts differ by at most one', () => {
    fc.assert(
      fc.property(layoutArb, fc.nat({ max: 40 }), ({ subnets, map, zones }, count) => {
        const result = assignFargateZones(subnets, map, none, count);
        expect(result).toHaveLength(count);
        const perZone = zones.map((z) => result.filter((r) => r.availabilityZone === z).length);
        expect(Math.max(...perZone) - Math.min(...perZone)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('puts every task in a least-loaded zone, counting running tasks', () => {
    fc.assert(
      fc.property(
        layoutArb,
        fc.array(fc.nat({ max: 6 }), { minLength: 5, maxLength: 5 }),
        fc.nat({ max: 30 }),
        ({ subnets, map, zones }, running, count) => {
          const existing = new Map(zoneNames.map((z, i) => [z, running[i]!]));
          const result = assignFargateZones(subnets, map, existing, count);
          const load = new Map(zones.map((z) => [z, existing.get(z)!]));
          for (const { subnetId, availabilityZone } of result) {
            expect(map[subnetId]).toBe(availabilityZone);
            expect(subnets).toContain(subnetId);
            expect(load.get(availabilityZone)).toBe(Math.min(...load.values()));
            load.set(availabilityZone, load.get(availabilityZone)! + 1);
          }
          // Deterministic: the same input gives the same answer.
          expect(assignFargateZones(subnets, map, existing, count)).toEqual(result);
        },
      ),
    );
  });
});

describe('countFargateGroupTasksPerZone', () => {
  let serial = 0;
  const task = (extra: Partial<Task>): Task => ({
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/prod/${++serial}`,
    desiredStatus: 'RUNNING',
    group: 'family:web',
    availabilityZone: 'us-east-1a',
    ...extra,
  });
  const tasks: Task[] = [
    task({ capacityProviderName: 'FARGATE' }),
    task({ launchType: 'FARGATE' }),
    task({ capacityProviderName: 'FARGATE', availabilityZone: 'us-east-1b' }),
    task({ capacityProviderName: 'FARGATE_SPOT', availabilityZone: 'us-east-1b' }),
    task({ capacityProviderName: 'FARGATE', desiredStatus: 'STOPPED' }),
    task({ capacityProviderName: 'FARGATE', group: 'family:other' }),
    task({ launchType: 'EC2' }),
    task({ capacityProviderName: 'asg-a' }),
  ];

  it('counts the FARGATE pool, launch-type FARGATE tasks included', () => {
    expect(countFargateGroupTasksPerZone(tasks, 'family:web', 'FARGATE')).toEqual(
      new Map([
        ['us-east-1a', 2],
        ['us-east-1b', 1],
      ]),
    );
  });

  it('counts FARGATE_SPOT on its own', () => {
    expect(countFargateGroupTasksPerZone(tasks, 'family:web', 'FARGATE_SPOT')).toEqual(
      new Map([['us-east-1b', 1]]),
    );
  });
});
