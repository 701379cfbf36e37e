/** DescribeContainerInstances: up to 100 instances by ARN or id; unknown ones are MISSING failures. */
import type { ContainerInstance } from '../kernel/ecs-types.js';
import type { Failure } from '../kernel/run-task-types.js';
import { type Account, modelOf } from './account.js';
import { lookUpEach } from './look-up-each.js';
import {
  type DescribeContainerInstancesInput,
  describeContainerInstancesInputShape,
} from './operation-shapes.js';
import { atMost } from './paging.js';
import { checkShape } from './validate-shape.js';

export interface DescribeContainerInstancesOutput {
  containerInstances: ContainerInstance[];
  failures: Failure[];
}

export function describeContainerInstances(
  account: Account,
  input: DescribeContainerInstancesInput,
): DescribeContainerInstancesOutput {
  const request = checkShape(input, describeContainerInstancesInputShape);
  atMost('containerInstances', request.containerInstances, 100);
  const model = modelOf(account, request.cluster);
  const withTags = request.include?.includes('TAGS') ?? false;
  const { found, failures } = lookUpEach(request.containerInstances, (ref) => model.instance(ref));
  const containerInstances = found.map((instance) => {
    const described = model.containerInstanceSnapshot(instance);
    if (!withTags) delete described.tags;
    return described;
  });
  return { containerInstances, failures };
}
