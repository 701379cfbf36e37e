import { describe, expect, it } from 'vitest';
import { InvalidParameterException, ScenarioError, simulate } from '../../src/index.js';
import { smallCluster } from './fixtures.js';

/** smallCluster fits 7 `half` tasks (test/whatif/fixtures.ts). */
const FILL = { 'run-task': { taskDefinition: 'half', launchType: 'EC2', count: 10 } };

describe('simulate', () => {
  it('runs the steps once per seed and gives the distribution of the outcomes', async () => {
    const result = await simulate(
      smallCluster(),
      {
        steps: [
          FILL,
          { 'stop-task': { group: 'family:half', count: 2 } },
          { 'run-task': { taskDefinition: 'half', launchType: 'EC2', count: 2 } },
        ],
      },
      { seeds: 5, now: 0 },
    );
    expect(result.seeds).toBe(5);
    expect(
      result.steps.map((s) => [s.kind, s.placed.median, s.failed.median, s.stopped.median]),
    ).toEqual([
      ['run-task', 7, 3, 0],
      ['stop-task', 0, 0, 2],
      // The two stopped tasks gave their room back, whichever they were.
      ['run-task', 2, 0, 0],
    ]);
    expect(result.seedsWithFailures).toBe(5);
    expect(result.steps[0]!.seedsWithFailures).toBe(5);
    expect(result.placed).toEqual({ min: 9, median: 9, max: 9, mean: 9 });
    // 7 running at the end: 4 on a (us-east-1a), 1 on b and 2 on c (us-east-1b).
    expect(result.perAvailabilityZone).toEqual({
      'us-east-1a': { min: 4, median: 4, max: 4, mean: 4 },
      'us-east-1b': { min: 3, median: 3, max: 3, mean: 3 },
    });
    expect(result.perInstance.max.max).toBe(4);
    expect(result.perSeed.map((s) => s.seed)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('the same seeds give the same results; a seed list is used as given', async () => {
    const scenario = {
      steps: [
        {
          'run-task': {
            taskDefinition: 'half',
            launchType: 'EC2',
            count: 3,
            placementStrategy: [{ type: 'random' }],
          },
        },
      ],
    };
    const seen: string[] = [];
    const a = await simulate(smallCluster(), scenario, {
      seeds: ['x', 'y'],
      now: 0,
      onSeed: (r, done, total) => seen.push(`${r.seed} ${done}/${total}`),
    });
    const b = await simulate(smallCluster(), scenario, { seeds: ['x', 'y'], now: 0 });
    expect(a).toEqual(b);
    expect(seen).toEqual(['x 1/2', 'y 2/2']);
  });

  it('drain, register and put-attribute steps are undone between seeds', async () => {
    const result = await simulate(
      smallCluster(),
      {
        steps: [
          { 'register-instance': { like: 'i-a', availabilityZone: 'us-east-1c' } },
          { 'put-attribute': { containerInstance: 'i-a', name: 'stage', value: 'blue' } },
          {
            'run-task': {
              taskDefinition: 'half',
              launchType: 'EC2',
              count: 4,
              placementConstraints: [{ type: 'memberOf', expression: 'attribute:stage == blue' }],
            },
          },
          { 'drain-instance': 'i-a' },
          FILL,
        ],
      },
      { seeds: 3, now: 0 },
    );
    // a (stage blue) takes 4; draining it moves them to the new instance (a copy of a,
    // empty, 4 tasks' room) or to b/c; then the fill places what is left of 4 + 1 + 2 room.
    expect(result.steps[2]!.placed.median).toBe(4);
    expect(result.steps[3]!).toMatchObject({ kind: 'drain-instance', seedsWithFailures: 0 });
    expect(result.steps[3]!.placed.median).toBe(4);
    expect(result.steps[4]!.placed.median).toBe(3);
    // Every seed starts from the loaded state: the registration, the attribute and the
    // status of the seed before are gone (else the second seed's registration would clash,
    // or a would stay DRAINING and take nothing).
    for (const step of result.steps) {
      expect(step.placed.min, `step ${step.step}`).toBe(step.placed.max);
      expect(step.failed.min, `step ${step.step}`).toBe(step.failed.max);
    }
  });

  it('refuses 0 seeds, more than MAX_SEEDS, and bad workers', async () => {
    const scenario = { steps: [FILL] };
    await expect(simulate(smallCluster(), scenario, { seeds: 0 })).rejects.toThrow(
      'seeds is a number from 1 to 10,000 or a list of that many seeds; got 0.',
    );
    await expect(simulate(smallCluster(), scenario, { seeds: 1_000_000 })).rejects.toThrow(
      InvalidParameterException,
    );
    await expect(simulate(smallCluster(), scenario, { seeds: 1, workers: -1 })).rejects.toThrow(
      'workers is a whole number from 0 to 64; got -1.',
    );
  });

  it('a step RunTask refuses fails the simulation naming the step', async () => {
    const run = simulate(
      smallCluster(),
      { steps: [FILL, { 'run-task': { taskDefinition: 'nope' } }] },
      { seeds: 1 },
    );
    await expect(run).rejects.toThrow(ScenarioError);
    await expect(run).rejects.toThrow(
      'step 2 (run-task): ClientException: TaskDefinition not found.',
    );
  });

  it('drain of an unknown or DRAINING instance names the step', async () => {
    await expect(
      simulate(smallCluster(), { steps: [{ 'drain-instance': 'i-zz' }] }, { seeds: 1 }),
    ).rejects.toThrow(
      /^step 1 \(drain-instance\): InvalidParameterException: Container instance i-zz not found/,
    );
    await expect(
      simulate(smallCluster(), { steps: [{ 'drain-instance': 'i-d' }] }, { seeds: 1 }),
    ).rejects.toThrow(
      'Container instance i-d is DRAINING: only an ACTIVE instance can be drained.',
    );
  });
});
