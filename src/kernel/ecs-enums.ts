/**
 * The ECS enumerations more than one layer needs, defined once: each list is the API's
 * enum, and its type is derived from the list so the two cannot drift apart.
 */

/** RunTask's `launchType`, and a task definition's (required) compatibilities. */
export const LAUNCH_TYPES = ['EC2', 'FARGATE', 'EXTERNAL'] as const;
export type LaunchType = (typeof LAUNCH_TYPES)[number];

/** Launch types whose tasks run on container instances. */
export type InstanceLaunchType = Exclude<LaunchType, 'FARGATE'>;
