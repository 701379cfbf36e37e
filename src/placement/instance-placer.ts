/**
 * EC2 and EXTERNAL shares: the placement engine (place-tasks.ts) over the target's ACTIVE
 * instances; a share with no instance to try fails as a whole (NO ACTIVE INSTANCES); with
 * managed scaling, the tasks no instance can take wait in PROVISIONING, within the quota.
 */
import type { InstanceTarget } from '../capacity/placement-target.js';
import {
  PROVISIONING_TASKS_PER_CLUSTER,
  provisioningQuotaReached,
  provisioningTaskCount,
} from '../capacity/provisioning-quota.js';
import type { ClusterModel } from '../cluster/cluster-model.js';
import { emptyCopyOf } from '../cluster/empty-copy.js';
import type { InstanceState } from '../cluster/instance-state.js';
import type { Failure } from '../kernel/run-task-types.js';
import { placeTasks } from './place-tasks.js';
import type { Placer } from './placer.js';

/**
 * A share whose scope has no ACTIVE instance (a capacity provider without instances, every
 * instance DRAINING, EXTERNAL without external instances) fails as a whole; ECS reports
 * this state as "NO ACTIVE INSTANCES". The entry names the provider, else the cluster.
 */
function noActiveInstances(model: ClusterModel, target: InstanceTarget): Failure {
  const provider = target.capacityProvider;
  return {
    arn: target.scopeArn,
    reason: 'NO ACTIVE INSTANCES',
    detail:
      provider !== undefined
        ? `Capacity provider ${provider} has no ACTIVE container instances in cluster ${model.clusterName} for ${target.count} task(s).`
        : `Cluster ${model.clusterName} has no ACTIVE ${target.kind === 'EXTERNAL' ? 'external ' : ''}container instances for ${target.count} task(s) of launch type ${target.kind}.`,
  };
}

export const instancePlacer: Placer<InstanceTarget> = {
  place(call, target, firstTaskIndex) {
    const { model } = call;
    const provider = target.capacityProvider;
    const scaling = target.managedScaling;
    const candidates = model.candidates(
      provider !== undefined
        ? { kind: target.kind, capacityProvider: provider }
        : { kind: target.kind },
    );
    // A managed-scaling share needs no instance yet: its tasks can wait for the group to grow.
    if (candidates.length === 0 && !scaling) {
      return { tasks: [], failures: [noActiveInstances(model, target)] };
    }
    let copies: readonly InstanceState[] | undefined;
    const outcome = placeTasks({
      model,
      candidates,
      needs: call.needs,
      group: call.group,
      constraints: call.constraints,
      strategies: call.strategies,
      count: target.count,
      random: call.random,
      buildTask: (instance, gpuIds) => call.tasks.onInstance(target, instance, gpuIds),
      ...(call.trace
        ? {
            trace: {
              tasks: call.trace,
              firstTaskIndex,
              ...(provider !== undefined ? { capacityProvider: provider } : {}),
            },
          }
        : {}),
      ...(scaling && provider !== undefined
        ? {
            scaleOut: {
              capacityProvider: provider,
              groupInstances: () =>
                (copies ??= model.instances
                  .filter((i) => i.capacityProviderName === provider)
                  .map(emptyCopyOf)),
            },
          }
        : {}),
    });
    const waiting = outcome.waiting ?? 0;
    if (waiting === 0 || !scaling || provider === undefined) {
      if (candidates.length === 0 && outcome.tasks.length === 0) {
        return { tasks: [], failures: [noActiveInstances(model, target)] };
      }
      return { tasks: outcome.tasks, failures: outcome.failures };
    }
    // The tasks that fit nowhere wait in PROVISIONING for the group to grow, within the quota.
    let provisioning = provisioningTaskCount(model.tasks);
    const tasks = [...outcome.tasks];
    const waitingTasks = [];
    for (let w = 0; w < waiting; w++) {
      if (provisioning >= PROVISIONING_TASKS_PER_CLUSTER) {
        throw provisioningQuotaReached(model.clusterName);
      }
      const task = call.tasks.waiting(target);
      model.recordTask(task);
      provisioning++;
      waitingTasks.push(task);
      tasks.push(task);
    }
    return {
      tasks,
      failures: [],
      waiting: { capacityProvider: provider, settings: scaling, tasks: waitingTasks },
    };
  },
};
