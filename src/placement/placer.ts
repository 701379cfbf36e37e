/**
 * The place phase of RunTask: each share of the call (a PlacementTarget) goes to the placer
 * of its kind, InstancePlacer for EC2 and EXTERNAL, FargatePlacer for Fargate, in the order
 * of the shares. Placers record the tasks they place in the cluster model and build them
 * with the call's one TaskFactory, so a task looks the same whoever placed it.
 */
import type { FargateZoneAssignment } from '../capacity/assign-fargate-zones.js';
import type { ManagedScalingSettings } from '../capacity/managed-scaling.js';
import type {
  FargateTarget,
  InstanceTarget,
  PlacementTarget,
} from '../capacity/placement-target.js';
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { InstanceState } from '../cluster/instance-state.js';
import type { PlacementStrategy, Task } from '../kernel/ecs-types.js';
import type { Failure } from '../kernel/run-task-types.js';
import type { CompiledConstraints } from './checks/placement-check.js';
import type { TaskTrace } from './explanation.js';
import { fargatePlacer } from './fargate-placer.js';
import { instancePlacer } from './instance-placer.js';
import type { TaskNeeds } from './task-needs.js';

/** Builds the call's tasks, one shape for every placer; ids follow the cluster's task count. */
export interface TaskFactory {
  /** A task placed on `instance` (lastStatus PENDING); container k gets the GPU ids `gpuIds[k]`. */
  onInstance(target: InstanceTarget, instance: InstanceState, gpuIds: readonly string[][]): Task;
  /** A task of a managed-scaling share that waits for capacity (lastStatus PROVISIONING). */
  waiting(target: InstanceTarget): Task;
  /** A Fargate task in the subnet and zone it was given (lastStatus PROVISIONING). */
  onFargate(target: FargateTarget, placement: FargateZoneAssignment): Task;
}

/** What every placer of a call shares: the prepared call, as placement sees it. */
export interface CallPlacement {
  readonly model: ClusterModel;
  readonly needs: TaskNeeds;
  readonly group: string;
  readonly constraints: CompiledConstraints;
  readonly strategies: readonly PlacementStrategy[];
  /** Uniform [0, 1) generator; exactly one draw per task placed on an instance. */
  readonly random: () => number;
  readonly tasks: TaskFactory;
  /** Plan mode: receives one trace per task of the call. */
  readonly trace: TaskTrace[] | undefined;
}

/** Tasks of a managed-scaling share that wait in PROVISIONING for the group to grow. */
export interface WaitingTasks {
  capacityProvider: string;
  settings: ManagedScalingSettings;
  tasks: Task[];
}

/** What one share came to. */
export interface ShareOutcome {
  /** Every task of the share returned to the caller, in order (waiting ones included). */
  tasks: Task[];
  /** One per candidate instance when a task could not be placed; empty otherwise. */
  failures: Failure[];
  waiting?: WaitingTasks;
}

export interface Placer<T extends PlacementTarget> {
  /** Places the target's tasks; `firstTaskIndex` numbers them in the call's explanation. */
  place(call: CallPlacement, target: T, firstTaskIndex: number): ShareOutcome;
}

/** Places every share of the call, in order, each with the placer of its kind. */
export function placeTargets(
  call: CallPlacement,
  targets: readonly PlacementTarget[],
): ShareOutcome[] {
  let firstTaskIndex = 0;
  return targets.map((target) => {
    const outcome =
      target.kind === 'FARGATE'
        ? fargatePlacer.place(call, target, firstTaskIndex)
        : instancePlacer.place(call, target, firstTaskIndex);
    // Tasks of earlier shares, placed or not: the explanation numbers tasks across the call.
    firstTaskIndex += target.count;
    return outcome;
  });
}
