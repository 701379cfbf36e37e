import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { placementScenarioArb } from '../../src/testing/arbitraries.js';
import { placementInvariants } from '../../src/testing/invariants.js';
import { planScenario } from '../../src/testing/replay.js';

describe('placement invariants hold on generated clusters and requests', () => {
  for (const [name, invariant] of Object.entries(placementInvariants)) {
    test(name, () => {
      fc.assert(fc.property(placementScenarioArb(), invariant));
    });
  }

  test('the generated requests are mostly accepted and often place tasks', () => {
    const samples = fc.sample(placementScenarioArb(), 200);
    const planned = samples.map(planScenario);
    const accepted = planned.filter((p) => p !== undefined);
    expect(accepted.length).toBeGreaterThan(150);
    expect(accepted.filter((p) => p!.plan.tasks.length > 0).length).toBeGreaterThan(50);
    expect(accepted.filter((p) => p!.plan.failures.length > 0).length).toBeGreaterThan(20);
  });
});
