// Type-level contract with the AWS SDK v3 (checked by `tsc --noEmit`; vitest runs the few
// runtime assertions): a RunTaskCommandInput can be handed to us where the seed's members
// overlap, and our RunTask output is a RunTaskCommandOutput without `$metadata`.
import type {
  RunTaskCommandInput,
  RunTaskCommandOutput,
  ResourceRequirement as SdkResourceRequirement,
} from '@aws-sdk/client-ecs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RunTaskInput, RunTaskOutput } from '../../src/kernel/run-task-types.js';
import { parseRunTaskInput } from '../../src/api/validate-run-task.js';

/**
 * The SDK's request, seen through the seed (the contract). Two kinds of difference are
 * taken out, everything else must match as it is:
 * - the SDK types every member `T | undefined` (callers may pass `undefined` explicitly)
 *   while our types, under exactOptionalPropertyTypes, express "absent" with `?` only, and
 *   parseRunTaskInput drops `undefined` members; so `undefined` is removed;
 * - the SDK model is newer than the seed: it added the launch type MANAGED_INSTANCES, the
 *   resource type NeuronDevice and `sharingStrategy`, and made a resource requirement's
 *   `value` optional; the seed has `value` and `type` (GPU | InferenceAccelerator) required.
 */
type SeedView<T> = T extends Date
  ? T
  : T extends readonly (infer U)[]
    ? SeedView<U>[]
    : T extends SdkResourceRequirement
      ? { value: string; type: Exclude<T['type'], 'NeuronDevice' | undefined> }
      : T extends object
        ? { [K in keyof T]: SeedView<Exclude<T[K], undefined>> }
        : T extends 'MANAGED_INSTANCES'
          ? never
          : T;

/** The SDK's request members that the seed also lists. */
type SeedRunTaskInput = SeedView<Pick<RunTaskCommandInput, keyof RunTaskInput>>;

/** What the SDK returns as `Date` travels as epoch seconds (or an ISO string) in JSON. */
type AsJson<T> = T extends Date
  ? string | number
  : T extends readonly (infer U)[]
    ? AsJson<U>[]
    : T extends object
      ? { [K in keyof T]: AsJson<T[K]> }
      : T;

describe('types shared with @aws-sdk/client-ecs', () => {
  it('a RunTaskCommandInput (seed members) is a RunTaskInput', () => {
    expectTypeOf<SeedRunTaskInput>().toExtend<RunTaskInput>();
    // Every member of ours is one the SDK has too (no invented names).
    expectTypeOf<Exclude<keyof RunTaskInput, keyof RunTaskCommandInput>>().toEqualTypeOf<never>();
    // ...and the check has teeth: a wrongly typed member does not pass.
    expectTypeOf<{ taskDefinition: string; count: string }>().not.toExtend<RunTaskInput>();
  });

  it('a RunTaskInput can be sent to AWS as a RunTaskCommandInput', () => {
    expectTypeOf<RunTaskInput>().toExtend<RunTaskCommandInput>();
  });

  it('our RunTaskOutput is a RunTaskCommandOutput without $metadata (timestamps as JSON)', () => {
    expectTypeOf<RunTaskOutput>().toExtend<AsJson<Omit<RunTaskCommandOutput, '$metadata'>>>();
  });

  it('parseRunTaskInput takes an SDK request object with explicit undefined members', () => {
    const sdkRequest: RunTaskCommandInput = {
      taskDefinition: 'web:3',
      cluster: 'default',
      count: 2,
      launchType: 'EC2',
      group: undefined,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    };
    expect(parseRunTaskInput(sdkRequest)).toEqual({
      taskDefinition: 'web:3',
      cluster: 'default',
      count: 2,
      launchType: 'EC2',
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    });
  });
});
