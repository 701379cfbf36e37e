/**
 * What the what-if tools need of a cluster: the `Cluster` facade's RunTask, plan, what-if
 * transaction and its instances. Written as an interface so that this layer sits below `api`
 * (which offers `cluster.headroom`) without importing it.
 */
import type { RunTaskInput, RunTaskOutput } from '../kernel/run-task-types.js';
import type { PlacementExplanation } from '../placement/explanation.js';
import type { InstanceUsage } from './instance-inventory.js';

export interface WhatIfCallOptions {
  seed?: string;
  now?: number | Date;
}

export interface WhatIfHost {
  runTask(input: RunTaskInput, options?: WhatIfCallOptions): RunTaskOutput;
  planRunTask(
    input: RunTaskInput,
    options?: WhatIfCallOptions,
  ): RunTaskOutput & { explanation: PlacementExplanation };
  whatIf<T>(scenario: (cluster: this) => T, clusterName?: string): T;
  /** Every container instance of a cluster (name or ARN; default `default`), as copies. */
  instanceUsage(cluster?: string): InstanceUsage[];
}
