import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/index.js';

const problem = (value: unknown) => {
  try {
    parseScenario(value);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('parseScenario', () => {
  it('reads every kind of step, with name and repeat', () => {
    const scenario = parseScenario({
      cluster: 'default',
      steps: [
        { name: 'w', 'run-task': { taskDefinition: 'web', count: 2 }, repeat: 3 },
        { 'stop-task': { group: 'family:web', count: 1 } },
        { 'drain-instance': 'i-1' },
        { 'drain-instance': { containerInstance: 'i-2', placementStrategy: [{ type: 'random' }] } },
        { 'register-instance': { like: 'i-1', availabilityZone: 'us-east-1c' }, repeat: 2 },
        { 'put-attribute': { containerInstance: 'i-1', name: 'stage', value: 'blue' } },
      ],
    });
    expect(scenario.steps.map((s) => [s.kind, s.repeat])).toEqual([
      ['run-task', 3],
      ['stop-task', 1],
      ['drain-instance', 1],
      ['drain-instance', 1],
      ['register-instance', 2],
      ['put-attribute', 1],
    ]);
    expect(scenario.steps[3]).toMatchObject({ strategy: [{ type: 'random' }] });
  });

  it('names the step and the member of the first problem', () => {
    expect(
      problem({ steps: [{ 'run-task': { taskDefinition: 'web' } }, { 'launch-task': {} }] }),
    ).toBe(
      'step 2: unknown step `launch-task`; a step has one of `run-task`, `stop-task`, `drain-instance`, `register-instance`, `put-attribute`',
    );
    expect(problem({ steps: [{ 'stop-task': { group: 'g', cuont: 1 } }] })).toBe(
      'step 1 (stop-task): unknown member `cuont` (known: `group`, `count`)',
    );
    expect(problem({ steps: [{ 'run-task': { taskDefinition: 'web', cuont: 1 } }] })).toMatch(
      /^step 1 \(run-task\): .*cuont/,
    );
    expect(problem({ steps: [{ 'run-task': { taskDefinition: 'web' }, repeat: 0 }] })).toBe(
      'step 1 (run-task): `repeat` is a whole number from 1 to 10,000, got 0',
    );
    expect(
      problem({ steps: [{ 'run-task': { taskDefinition: 'w' }, 'stop-task': { group: 'g' } }] }),
    ).toBe('step 1: a step has one kind, not `run-task` and `stop-task`');
    expect(problem({ steps: [{ 'put-attribute': { containerInstance: 'i-1' } }] })).toBe(
      'step 1 (put-attribute): `name` is required',
    );
    expect(problem({ steps: [{ 'drain-instance': 'i-1', repeat: 2 }] })).toBe(
      'step 1 (drain-instance): this step cannot repeat',
    );
    expect(problem({ steps: [{ 'run-task': { taskDefinition: 'w', clientToken: 't' } }] })).toMatch(
      /clientToken/,
    );
    expect(problem({ steps: [{ 'run-task': { taskDefinition: 'w', cluster: 'other' } }] })).toBe(
      "step 1 (run-task): the scenario's `cluster` names the cluster of every step; leave `cluster` out of the request",
    );
  });

  it('refuses what is not a scenario', () => {
    expect(problem([])).toBe('a scenario is an object with a `steps` list');
    expect(problem({ steps: [] })).toBe('`steps` is a non-empty list of steps');
    expect(problem({ steps: [{ 'run-task': { taskDefinition: 'w' } }], extra: 1 })).toBe(
      'unknown member `extra` (a scenario has `cluster` and `steps`)',
    );
    expect(
      problem({
        steps: Array.from({ length: 11 }, () => ({
          'run-task': { taskDefinition: 'w' },
          repeat: 10_000,
        })),
      }),
    ).toBe('the steps run 110,000 times with their repeats; at most 100,000');
  });
});
