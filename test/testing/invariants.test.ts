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

  test('managed-scaling scenarios exercise both waiting and failing, and awsvpc ones RESOURCE:ENI', () => {
    const managed = fc
      .sample(placementScenarioArb({ managedScaling: true }), 300)
      .map(planScenario)
      .filter((p) => p !== undefined);
    const waits = managed.filter((p) => p.plan.tasks.some((t) => t.lastStatus === 'PROVISIONING'));
    expect(waits.length).toBeGreaterThan(20);
    expect(managed.filter((p) => p.plan.failures.length > 0).length).toBeGreaterThan(5);
    const eni = fc
      .sample(placementScenarioArb({ managedScaling: false }), 400)
      .map(planScenario)
      .filter((p) => p?.plan.failures.some((f) => f.reason === 'RESOURCE:ENI'));
    expect(eni.length).toBeGreaterThan(3);
  });
});
