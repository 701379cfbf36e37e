import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { generateCluster, REFERENCE_EXPRESSION } from '../../bench/generate-cluster.js';
import { referenceRequest } from '../../bench/reference-request.js';
import { FLOOR_EXPRESSION, TypedArrayFloor } from '../../bench/typed-array-floor.js';
import { Cluster } from '../../src/api/cluster.js';
import type { ContainerInstance, Snapshot } from '../../src/kernel/ecs-types.js';

/** Each call's chosen instance ARNs, engine and floor, for calls with rotating groups. */
function runBoth(snapshot: Snapshot, calls: number, groups: number) {
  const engine = Cluster.fromSnapshot(snapshot);
  const floor = new TypedArrayFloor(snapshot);
  const byEngine: string[][] = [];
  const byFloor: string[][] = [];
  for (let n = 1; n <= calls; n++) {
    const group = `group-${n % groups}`;
    const seed = `call-${n}`;
    const out = engine.runTask(referenceRequest(group), { seed, now: 0 });
    byEngine.push(out.tasks.map((t) => t.containerInstanceArn!));
    const placed = floor.runTask(group, seedrandom(seed));
    byFloor.push(Array.from(floor.placed.subarray(0, placed), (i) => floor.arns[i]!));
  }
  return { byEngine, byFloor };
}

/** The reference constraints, written out by hand from the snapshot's own fields. */
function admits(instance: ContainerInstance, tasksPlacedBefore: number): boolean {
  const attribute = (name: string) => instance.attributes?.find((a) => a.name === name)?.value;
  const awslogs = instance.attributes?.some(
    (a) => a.name === 'com.amazonaws.ecs.capability.logging-driver.awslogs',
  );
  return (
    instance.agentConnected &&
    awslogs === true &&
    /^(m5|r5|c5)/.test(attribute('ecs.instance-type') ?? '') &&
    attribute('stack') !== 'dev' &&
    attribute('ecs.cpu-architecture') === 'x86_64' &&
    (instance.runningTasksCount ?? 0) + tasksPlacedBefore < 8
  );
}

describe('the typed-array floor of the bench', () => {
  test('hard-codes the reference expression the engine is timed on', () => {
    expect(FLOOR_EXPRESSION).toBe(REFERENCE_EXPRESSION);
  });

  test('picks the same instances as the engine, call by call, tasks accumulating', () => {
    const snapshot = generateCluster({ instances: 5000, seed: 'bench-5000' });
    const { byEngine, byFloor } = runBoth(snapshot, 120, 50);
    expect(byEngine.every((arns) => arns.length === 10)).toBe(true);
    expect(byFloor).toEqual(byEngine);
  });

  test('stops where the engine stops when distinctInstance runs out of instances', () => {
    const snapshot = generateCluster({ instances: 80, seed: 'tight' });
    const { byEngine, byFloor } = runBoth(snapshot, 6, 1);
    const placed = byEngine.map((arns) => arns.length);
    // One group: every call needs 10 instances the group is not on yet, so the calls run dry.
    expect(placed[0]).toBe(10);
    expect(placed.at(-1)).toBe(0);
    expect(placed.some((n) => n > 0 && n < 10)).toBe(true);
    expect(byFloor).toEqual(byEngine);
  });

  test('respects the memberOf and distinctInstance constraints on its own', () => {
    const snapshot = generateCluster({ instances: 300, seed: 'constraints' });
    const instances = snapshot.clusters[0]!.containerInstances;
    const floor = new TypedArrayFloor(snapshot);
    const placedOn = new Map<number, number>();
    const groupsOn = new Map<number, Set<string>>();
    let total = 0;
    // 12 groups, so distinctInstance alone would let an instance take 12 tasks: the
    // runningTasksCount < 8 comparison is what stops it.
    for (let n = 1; n <= 60; n++) {
      const group = `group-${n % 12}`;
      const placed = floor.runTask(group, seedrandom(`c${n}`));
      total += placed;
      for (const i of floor.placed.subarray(0, placed)) {
        expect(admits(instances[i]!, placedOn.get(i) ?? 0)).toBe(true);
        const groups = groupsOn.get(i) ?? new Set<string>();
        expect(groups.has(group)).toBe(false);
        groups.add(group);
        groupsOn.set(i, groups);
        placedOn.set(i, (placedOn.get(i) ?? 0) + 1);
      }
    }
    expect(total).toBeGreaterThan(0);
    const fullest = Math.max(
      ...[...placedOn].map(([i, placed]) => (instances[i]!.runningTasksCount ?? 0) + placed),
    );
    expect(fullest).toBe(8);
  });

  test('undo restores the state, so a repeated call places the same way', () => {
    const snapshot = generateCluster({ instances: 500, seed: 'undo' });
    const floor = new TypedArrayFloor(snapshot);
    const first = floor.runTask('g', seedrandom('s'));
    const chosen = Array.from(floor.placed.subarray(0, first));
    floor.undo('g', first);
    const again = floor.runTask('g', seedrandom('s'));
    expect(Array.from(floor.placed.subarray(0, again))).toEqual(chosen);
    expect(new Set(chosen).size).toBe(10);
  });
});
