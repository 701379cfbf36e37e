// capture types the few parts of the AWS SDK it uses itself (src/snapshot/capture/
// aws-sdk-types.ts) so the build never loads the SDK's declarations. This checks them: the real
// @aws-sdk/client-ecs module must fit EcsSdk (at type-check time), and both packages must have
// every member capture calls (at run time).
import type * as Ecs from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import type { Ec2Sdk, EcsSdk } from '../../src/snapshot/capture/aws-sdk-types.js';

/** Compiles only while the real module fits the shape capture relies on. */
const ecsFits = (sdk: typeof Ecs): EcsSdk => sdk;

const ECS_MEMBERS: readonly (keyof EcsSdk)[] = [
  'ECSClient',
  'DescribeClustersCommand',
  'DescribeContainerInstancesCommand',
  'DescribeTasksCommand',
  'DescribeTaskDefinitionCommand',
  'DescribeCapacityProvidersCommand',
  'paginateListContainerInstances',
  'paginateListTasks',
];
const EC2_MEMBERS: readonly (keyof Ec2Sdk)[] = ['EC2Client', 'paginateDescribeSubnets'];

describe('the AWS SDK members capture uses', () => {
  it('exist in @aws-sdk/client-ecs and @aws-sdk/client-ec2', async () => {
    const ecs = ecsFits(await import('@aws-sdk/client-ecs')) as unknown as Record<string, unknown>;
    const ec2 = (await import('@aws-sdk/client-ec2')) as unknown as Record<string, unknown>;
    expect(ECS_MEMBERS.filter((name) => typeof ecs[name] !== 'function')).toEqual([]);
    expect(EC2_MEMBERS.filter((name) => typeof ec2[name] !== 'function')).toEqual([]);
  });
});
