/**
 * The EventBridge events ECS emits about container instances and tasks, and what applying
 * one to a cluster did (docs/embedding.md, "Applying ECS events").
 */
import type { ContainerInstance, Task } from '../kernel/ecs-types.js';

export const INSTANCE_STATE_CHANGE = 'ECS Container Instance State Change';
export const TASK_STATE_CHANGE = 'ECS Task State Change';

/** What ECS adds to the resource in an event's `detail`. */
export interface EventDetailExtras {
  clusterArn: string;
  /** The resource's version: ECS bumps it on every change, duplicates repeat it. */
  version: number;
  updatedAt?: string;
}

/** The EventBridge envelope (its own `version` is always "0"; the detail's is the resource's). */
export interface EcsEvent<Detail> {
  version?: string;
  id?: string;
  'detail-type': string;
  source: string;
  account?: string;
  time?: string;
  region?: string;
  resources?: string[];
  detail: Detail;
}

export interface ContainerInstanceStateChange
  extends EcsEvent<ContainerInstance & EventDetailExtras> {
  'detail-type': typeof INSTANCE_STATE_CHANGE;
}

export interface TaskStateChange extends EcsEvent<Task & EventDetailExtras> {
  'detail-type': typeof TASK_STATE_CHANGE;
}

export type EcsStateChangeEvent = ContainerInstanceStateChange | TaskStateChange;

/** What applying one event did: exactly one of applied, ignored, rejected. */
export type EventResult = EventApplied | EventIgnored | EventRejected;

export interface EventApplied {
  result: 'applied';
  kind: 'instance' | 'task';
  /** The cluster's name. */
  cluster: string;
  /** The container instance's or task's ARN. */
  arn: string;
  version: number;
  /**
   * instance: `registered` (new), `deregistered` (now INACTIVE), `updated`;
   * task: `recorded` (new), `stopped` (lastStatus or desiredStatus now STOPPED), `updated`.
   */
  change: 'registered' | 'updated' | 'deregistered' | 'recorded' | 'stopped';
  /** A task naming a container instance the cluster does not know yet: recorded, it joins the instance when that instance's event arrives. */
  waitingForInstance?: true;
  eventId?: string;
}

export interface EventIgnored {
  result: 'ignored';
  /**
   * `duplicate`: the state already has this version; `stale`: it has a newer one;
   * `unsupported`: an ECS event of another kind (service action, deployment).
   */
  reason: 'duplicate' | 'stale' | 'unsupported';
  message: string;
  kind?: 'instance' | 'task';
  arn?: string;
  version?: number;
  /** The version the state holds. */
  currentVersion?: number;
  eventId?: string;
}

export interface EventRejected {
  result: 'rejected';
  /**
   * `malformed`: not an ECS event, or a detail that fails the snapshot's rules (`path` says
   * where); `unknown-cluster`: no cluster of this snapshot has the detail's clusterArn;
   * `conflict`: the detail contradicts the state (another EC2 instance for a registration,
   * a task of another cluster).
   */
  reason: 'malformed' | 'unknown-cluster' | 'conflict';
  message: string;
  /** JSON path of the problem in the event, for `malformed`. */
  path?: string;
  eventId?: string;
}

/** applyAll's answer: one result per event, in order, and the counts. */
export interface ApplyAllResult {
  applied: number;
  ignored: number;
  rejected: number;
  results: EventResult[];
}
