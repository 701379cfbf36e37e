/**
 * UpdateContainerInstancesState: ACTIVE <-> DRAINING, as ECS validates it. A DRAINING
 * instance takes no new task (only ACTIVE instances are candidates of RunTask and StartTask);
 * its tasks keep running, and setting it ACTIVE again makes it a candidate at once.
 *
 * - up to 10 instances per call, each a container instance ARN or id;
 * - an instance the cluster does not have is a failure entry (reason MISSING), as in ECS;
 * - only an ACTIVE or DRAINING instance may change ("A container instance can't be changed to
 *   DRAINING until it has reached an ACTIVE status"): any other status (INACTIVE,
 *   REGISTERING, ...) is InvalidParameterException, and then nothing of the call is changed;
 * - asking for the status an instance already has changes nothing and returns it.
 */
import type { ContainerInstance } from '../kernel/ecs-types.js';
import { InvalidParameterException } from '../kernel/errors.js';
import type { Failure } from '../kernel/run-task-types.js';
import { type Account, modelOf } from './account.js';
import { lookUpEach } from './look-up-each.js';
import {
  type UpdateContainerInstancesStateInput,
  updateContainerInstancesStateInputShape,
} from './operation-shapes.js';
import { atMost } from './paging.js';
import { checkShape } from './validate-shape.js';

export interface UpdateContainerInstancesStateOutput {
  containerInstances: ContainerInstance[];
  failures: Failure[];
}

/** Container instances per UpdateContainerInstancesState call. */
export const UPDATE_STATE_LIMIT = 10;

export function updateContainerInstancesState(
  account: Account,
  input: UpdateContainerInstancesStateInput,
): UpdateContainerInstancesStateOutput {
  const request = checkShape(input, updateContainerInstancesStateInputShape);
  atMost('containerInstances', request.containerInstances, UPDATE_STATE_LIMIT);
  const model = modelOf(account, request.cluster);
  const { found, failures } = lookUpEach(request.containerInstances, (ref) => model.instance(ref));
  for (const instance of found) {
    if (instance.status !== 'ACTIVE' && instance.status !== 'DRAINING') {
      throw new InvalidParameterException(
        `Container instance ${instance.arn} is ${instance.status}: only an ACTIVE or DRAINING container instance can be set to ${request.status}.`,
      );
    }
  }
  for (const instance of found) model.setStatus(instance, request.status);
  return {
    containerInstances: found.map((i) => model.containerInstanceSnapshot(i)),
    failures,
  };
}
