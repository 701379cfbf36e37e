// The typed public API: TypeScript callers get RunTaskInput checked at compile time (this
// file is compiled by `npm run typecheck`, so each @ts-expect-error must meet an error),
// and untyped input goes through parseRunTaskInput, which checks it at run time.
import { describe, expect, expectTypeOf, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { parseRunTaskInput } from '../../src/api/validate-run-task.js';
import type { ContainerInstance } from '../../src/kernel/ecs-types.js';
import { InvalidParameterException } from '../../src/kernel/errors.js';
import type { RunTaskInput, RunTaskOutput } from '../../src/kernel/run-task-types.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';

const cluster = () =>
  Cluster.fromSnapshot(
    snapshotOf({
      instances: [containerInstance({ id: 'a' })],
      taskDefinitions: [taskDefinition('web', [{ name: 'app', cpu: 1, memory: 1 }])],
    }),
  );

describe('typed RunTask', () => {
  test('a misspelt member does not compile (and is refused at run time)', () => {
    const c = cluster();
    expect(() =>
      // @ts-expect-error -- `taskDefintion` and `cuont` are not RunTaskInput members
      c.planRunTask({ taskDefintion: 'web', cuont: 2 }),
    ).toThrow(InvalidParameterException);
    expect(() =>
      // @ts-expect-error -- count is a number
      c.runTask({ taskDefinition: 'web', count: '2' }),
    ).toThrow(InvalidParameterException);
    // @ts-expect-error -- taskDefinition is required
    expect(() => c.runTask({ count: 1 })).toThrow(InvalidParameterException);
  });

  test('the signatures: RunTaskInput in, RunTaskOutput out', () => {
    const c = cluster();
    expectTypeOf(c.runTask).parameter(0).toEqualTypeOf<RunTaskInput>();
    expectTypeOf(c.planRunTask).parameter(0).toEqualTypeOf<RunTaskInput>();
    expectTypeOf(c.runTask).returns.toEqualTypeOf<RunTaskOutput>();
    expectTypeOf(c.registerContainerInstance).parameter(0).toEqualTypeOf<ContainerInstance>();
    expectTypeOf(parseRunTaskInput).parameter(0).toBeUnknown();
    expectTypeOf(parseRunTaskInput).returns.toEqualTypeOf<RunTaskInput>();
    expect(c.runTask({ taskDefinition: 'web', count: 1 }).tasks).toHaveLength(1);
  });

  test('untyped input goes through parseRunTaskInput', () => {
    const json: unknown = JSON.parse('{"taskDefinition":"web","count":1}');
    // @ts-expect-error -- unknown is not a RunTaskInput: parse it first
    expect(cluster().runTask(json).tasks).toHaveLength(1);
    expect(cluster().runTask(parseRunTaskInput(json)).tasks).toHaveLength(1);
    expect(() => parseRunTaskInput(JSON.parse('{"taskDefintion":"web"}'))).toThrow(
      'Unknown parameter in input: "taskDefintion", must be one of:',
    );
  });
});
