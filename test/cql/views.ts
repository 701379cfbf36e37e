/** Hand-made instance views for the CQL tests, from a compact JSON-friendly description. */
import type { InstanceView } from '../../src/kernel/instance-view.js';

export interface InstanceDescription {
  ec2InstanceId?: string;
  agentConnected?: boolean;
  agentVersion?: string;
  /** ISO timestamp. */
  registeredAt?: string;
  runningTasksCount?: number;
  /** `null`: a name-only attribute. */
  attributes?: Record<string, string | null>;
  taskGroups?: Record<string, number>;
}

export function viewOf(description: InstanceDescription = {}): InstanceView {
  return {
    ec2InstanceId: description.ec2InstanceId,
    agentConnected: description.agentConnected ?? true,
    agentVersion: description.agentVersion,
    registeredAt:
      description.registeredAt === undefined ? undefined : Date.parse(description.registeredAt),
    runningTasksCount: description.runningTasksCount ?? 0,
    attributes: new Map(Object.entries(description.attributes ?? {})),
    taskGroups: new Map(Object.entries(description.taskGroups ?? {})),
  };
}
