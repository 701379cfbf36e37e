/**
 * The timestamp members of the ECS shapes this project reads and writes, in one place: the
 * snapshot checks normalise a task's, the CLI prints a RunTask response's as the AWS CLI
 * does, and the ECS endpoint and client convert every operation's (epoch seconds, Dates).
 */

/** A Task's own timestamps. */
export const TASK_TIMESTAMPS: readonly string[] = [
  'createdAt',
  'startedAt',
  'stoppedAt',
  'stoppingAt',
  'pullStartedAt',
  'pullStoppedAt',
  'executionStoppedAt',
  'connectivityAt',
];

/** The timestamps of a RunTask or StartTask response: a task's and its managed agents'. */
export const TASK_RESPONSE_TIMESTAMPS: ReadonlySet<string> = new Set([
  ...TASK_TIMESTAMPS,
  'lastStartedAt',
]);

/** The timestamps of every ECS operation's response (container instances, clusters, ...). */
export const ECS_TIMESTAMPS: ReadonlySet<string> = new Set([
  ...TASK_RESPONSE_TIMESTAMPS,
  'registeredAt',
  'deregisteredAt',
  'updatedAt',
  'lastUpdated',
  'lastStatusChange',
]);
