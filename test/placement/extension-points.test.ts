// docs/ARCHITECTURE.md, "How to add a check" and "How to add a strategy", followed step by
// step: a toy check and a toy strategy, each one definition plus one registration, show up
// in decisions and explanations, and are gone again once unregistered.
import { afterEach, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { validateStrategies } from '../../src/api/validate-placement-rules.js';
import type { PlacementStrategy } from '../../src/kernel/ecs-types.js';
import { type CheckSpec, defineCheck } from '../../src/placement/checks/placement-check.js';
import { registerCheck } from '../../src/placement/checks/registry.js';
import { whyNot } from '../../src/placement/why-not.js';
import type { PlacementStrategyType } from '../../src/placement/strategies/placement-strategy-type.js';
import { registerStrategy } from '../../src/placement/strategies/registry.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { runEngine } from './engine-harness.js';

const definition = taskDefinition('web', [{ name: 'app', cpu: 10, memory: 10 }]);
const snapshot = () =>
  snapshotOf({
    instances: ['ci7', 'ci8', 'ci9'].map((id) => containerInstance({ id })),
    taskDefinitions: [definition],
  });

// Step 1 of "How to add a check": one definition.
const idDigit: CheckSpec = {
  name: 'ID_DIGIT',
  reason: 'ID_DIGIT',
  order: 95, // after LOCATION (90), before MemberOf (100)
  memoKey: () => '7', // the verdict depends on the instance alone
  passes: (instance) => !instance.id.endsWith('7'),
  explain: (instance) => ({ detail: `container instance id ${instance.id} ends in 7` }),
};
const idDigitCheck = defineCheck(idDigit);

// Step 1 of "How to add a strategy": one definition (highest last digit first, or lowest).
const lastDigitStrategy: PlacementStrategyType = {
  type: 'lastDigit',
  fieldProblem: (field) =>
    field === 'desc' || field === 'asc' ? undefined : 'lastDigit needs the field desc or asc',
  rank: (strategy) => {
    const digit = (id: string) => Number(id.at(-1));
    const sign = strategy.field === 'desc' ? -1 : 1;
    return {
      strategy,
      key: (i) => sign * digit(i.id),
      describe: (i) => `${i.id} ends in ${digit(i.id)}`,
      onPlaced: () => {},
    };
  },
};

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const remove of cleanup.splice(0)) remove();
});

describe('a check added through the registry', () => {
  test('refuses instances in decisions and explanations, and leaves no trace once removed', () => {
    // Step 2: one registration (removed again after the test).
    cleanup.push(registerCheck(idDigitCheck));
    const cluster = Cluster.fromSnapshot(snapshot());
    const request = {
      taskDefinition: 'web',
      count: 3,
      placementConstraints: [{ type: 'distinctInstance' as const }],
      placementStrategy: [{ type: 'spread' as const, field: 'instanceId' }],
    };

    const plan = cluster.planRunTask(request, { seed: 's' });
    // Two tasks placed (ci8 and ci9 tie under spread; the seed orders them), ci7 never.
    expect(plan.tasks.map((t) => t.containerInstanceArn?.slice(-3)).sort()).toEqual(['ci8', 'ci9']);
    // The third task: ci7 refused by the toy check, the others by distinctInstance.
    expect(plan.failures).toEqual([
      { arn: expect.stringMatching(/ci7$/), reason: 'ID_DIGIT' },
      {
        arn: expect.stringMatching(/ci8$/),
        reason: 'DistinctInstance placement constraint unsatisfied.',
      },
      {
        arn: expect.stringMatching(/ci9$/),
        reason: 'DistinctInstance placement constraint unsatisfied.',
      },
    ]);
    expect(whyNot(plan, 'ci7')).toEqual([
      { check: 'ID_DIGIT', reason: 'ID_DIGIT', detail: 'container instance id ci7 ends in 7' },
    ]);
    expect(plan.explanation.tasks[2]!.summary).toBe(
      '0/3 instances: 2 DistinctInstance, 1 ID_DIGIT',
    );
    // The run decides the same (the second call reads the feasibility memo).
    expect(cluster.runTask(request, { seed: 's' }).failures[0]).toEqual({
      arn: expect.stringMatching(/ci7$/),
      reason: 'ID_DIGIT',
    });

    // Removed: ci7 takes tasks again, on the same cluster (no memoised verdict survives).
    cleanup.pop()!();
    const again = cluster.planRunTask({ taskDefinition: 'web', count: 1 }, { seed: 's' });
    expect(again.explanation.tasks[0]!.verdicts.every((v) => v.failures.length === 0)).toBe(true);
    expect(whyNot(again, 'ci7')).toEqual([]);
  });

  test('a name or an ECS position already taken is refused', () => {
    expect(() => registerCheck(defineCheck({ ...idDigit, name: 'AGENT' }))).toThrow(
      'A check named AGENT is registered already.',
    );
    expect(() => registerCheck(defineCheck({ ...idDigit, order: 90 }))).toThrow(
      'Check ID_DIGIT has order 90, the order of LOCATION; choose a free position.',
    );
  });
});

describe('a strategy added through the registry', () => {
  const lastDigit = (field: string) =>
    ({ type: 'lastDigit', field }) as unknown as PlacementStrategy;

  test('request validation knows its type and its fields', () => {
    expect(() => validateStrategies([lastDigit('desc')])).toThrow(
      'a placement strategy needs a type: random, spread or binpack',
    );
    // Step 2: one registration (removed again after the test).
    cleanup.push(registerStrategy(lastDigitStrategy));
    expect(() => validateStrategies([lastDigit('desc')])).not.toThrow();
    expect(() => validateStrategies([lastDigit('sideways')])).toThrow(
      'Invalid placementStrategy[0].field "sideways": lastDigit needs the field desc or asc.',
    );
    expect(() => validateStrategies([{ type: 'nope' } as unknown as PlacementStrategy])).toThrow(
      'a placement strategy needs a type: random, spread, binpack or lastDigit',
    );
  });

  test('ranks in decisions and explanations', () => {
    cleanup.push(registerStrategy(lastDigitStrategy));
    const run = runEngine(snapshot(), {
      definition,
      count: 3,
      distinctInstance: true,
      strategies: [lastDigit('desc')],
      explain: true,
    });
    expect(run.placedOn).toEqual(['ci9', 'ci8', 'ci7']);
    const first = run.explanation.tasks[0]!.steps[0]!;
    expect(first.strategy).toEqual({ type: 'lastDigit', field: 'desc' });
    expect(first.ranking.map((r) => [r.key, r.score, r.kept])).toEqual([
      ['ci7 ends in 7', -7, false],
      ['ci8 ends in 8', -8, false],
      ['ci9 ends in 9', -9, true],
    ]);
    const ascending = runEngine(snapshot(), { definition, strategies: [lastDigit('asc')] });
    expect(ascending.placedOn).toEqual(['ci7']);
  });
});
