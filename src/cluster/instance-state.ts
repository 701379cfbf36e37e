import type { ContainerInstance, ContainerInstanceStatus } from '../kernel/ecs-types.js';
import { MutableInstanceView } from './mutable-instance-view.js';
import { hasResource, numericResource, portSet, stringSetResource } from './resources.js';
import { toEpochMillis } from './timestamps.js';

/** The attribute ECS sets on instances registered with ECS Anywhere (EXTERNAL launch type). */
export const EXTERNAL_ATTRIBUTE = 'ecs.capability.external';

/** The last path segment of an ARN (the container instance id), or the text itself. */
export function arnId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * One container instance as placement sees it: what is left of its resources, what it
 * hosts, and the CQL view. Mutated in place by the cluster model only.
 */
export class InstanceState {
  readonly arn: string;
  readonly id: string;
  status: ContainerInstanceStatus;
  readonly capacityProviderName: string | undefined;
  cpu: number;
  memory: number;
  /** registeredResources CPU / MEMORY, when the snapshot gives them. */
  readonly registeredCpu: number | undefined;
  readonly registeredMemory: number | undefined;
  readonly tcpTaken: Set<number>;
  readonly udpTaken: Set<number>;
  /** Free GPU ids, in the snapshot's order; placement takes from the front. */
  freeGpus: string[];
  readonly view: MutableInstanceView;
  /** Tasks holding a task network interface (awsvpc) whose desiredStatus is not STOPPED (RESOURCE:ENI). */
  eniTasks = 0;
  /** Group -> tasks of that group whose desiredStatus is not STOPPED (distinctInstance). */
  readonly activeGroups = new Map<string, number>();
  /**
   * Change in PENDING tasks since the snapshot (for `pendingTasksCount`): tasks we recorded
   * (lastStatus PENDING), less PENDING tasks stopped since.
   */
  pendingAdded = 0;
  /**
   * Bumped by the cluster model on every change to this instance (resources, tasks,
   * attributes), so results computed from its state can be reused until it changes.
   */
  version = 1;

  constructor(
    /** Position in snapshot order (registration order for later instances). */
    readonly index: number,
    readonly source: ContainerInstance,
  ) {
    this.arn = source.containerInstanceArn;
    this.id = arnId(this.arn);
    this.status = source.status;
    this.capacityProviderName = source.capacityProviderName;
    const remaining = source.remainingResources;
    this.cpu = numericResource(remaining, 'CPU');
    this.memory = numericResource(remaining, 'MEMORY');
    const registered = source.registeredResources;
    this.registeredCpu = hasResource(registered, 'CPU')
      ? numericResource(registered, 'CPU')
      : undefined;
    this.registeredMemory = hasResource(registered, 'MEMORY')
      ? numericResource(registered, 'MEMORY')
      : undefined;
    this.tcpTaken = portSet(remaining, 'PORTS');
    this.udpTaken = portSet(remaining, 'PORTS_UDP');
    this.freeGpus = [...stringSetResource(remaining, 'GPU')];
    const attributes = new Map<string, string | null>();
    for (const attribute of source.attributes ?? []) {
      attributes.set(attribute.name, attribute.value ?? null);
    }
    this.view = new MutableInstanceView(
      source.ec2InstanceId,
      source.agentConnected,
      source.versionInfo?.agentVersion,
      toEpochMillis(source.registeredAt),
      attributes,
    );
  }

  get external(): boolean {
    return this.view.attributes.has(EXTERNAL_ATTRIBUTE);
  }

  get agentConnected(): boolean {
    return this.view.agentConnected;
  }

  get ec2InstanceId(): string | undefined {
    return this.view.ec2InstanceId;
  }
}
