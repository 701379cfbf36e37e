/**
 * DeregisterContainerInstance: the instance becomes INACTIVE and takes no task again; its
 * EC2 instance may register anew (a new container instance ARN).
 *
 * Without `force`, an instance that still has tasks (desiredStatus other than STOPPED) is
 * refused with InvalidParameterException: stop them first, or force. With `force`, as ECS
 * documents, its tasks "remain running until you terminate the instance or the tasks stop
 * through some other means, but they're orphaned": they stay in the cluster's task list as
 * they were, still holding the instance's resources, and StopTask still stops them.
 */
import type { ContainerInstance } from '../kernel/ecs-types.js';
import { InvalidParameterException } from '../kernel/errors.js';
import { type Account, modelOf } from './account.js';
import {
  type DeregisterContainerInstanceInput,
  deregisterContainerInstanceInputShape,
} from './operation-shapes.js';
import { checkShape } from './validate-shape.js';

export interface DeregisterContainerInstanceOutput {
  containerInstance: ContainerInstance;
}

export function deregisterContainerInstance(
  account: Account,
  input: DeregisterContainerInstanceInput,
): DeregisterContainerInstanceOutput {
  const request = checkShape(input, deregisterContainerInstanceInputShape);
  const model = modelOf(account, request.cluster);
  const instance = model.instance(request.containerInstance);
  if (!instance) {
    throw new InvalidParameterException(
      `Container instance ${request.containerInstance} not found in cluster ${model.clusterName}.`,
    );
  }
  if (instance.status !== 'INACTIVE' && request.force !== true) {
    const live = model.tasks.filter(
      (t) => t.containerInstanceArn === instance.arn && t.desiredStatus !== 'STOPPED',
    ).length;
    if (live > 0) {
      throw new InvalidParameterException(
        `Container instance ${instance.arn} has ${live} task(s) that are not stopped: stop them or deregister with force.`,
      );
    }
  }
  model.setStatus(instance, 'INACTIVE');
  return { containerInstance: model.containerInstanceSnapshot(instance) };
}
