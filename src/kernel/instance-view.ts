/**
 * What a compiled CQL predicate may read of a container instance. The cluster model keeps
 * one view per instance and updates it in place as tasks are placed, so a predicate never
 * allocates and never rescans tasks.
 */
export interface InstanceView {
  readonly ec2InstanceId: string | undefined;
  readonly agentConnected: boolean;
  readonly agentVersion: string | undefined;
  /** Registration time in epoch milliseconds. */
  readonly registeredAt: number | undefined;
  /** Tasks on the instance whose desiredStatus is RUNNING (pending ones included). */
  readonly runningTasksCount: number;
  /** Attribute name -> value; `null` for a name-only attribute; absent key = no attribute. */
  readonly attributes: ReadonlyMap<string, string | null>;
  /** Group -> number of tasks of that group on the instance whose desiredStatus is RUNNING. */
  readonly taskGroups: ReadonlyMap<string, number>;
}
