import type { ContainerInstance, ContainerInstanceStatus } from '../kernel/ecs-types.js';
import type { InstanceView } from '../kernel/instance-view.js';
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
 * hosts, and the CQL view. Read-only everywhere: only the cluster model changes an
 * instance (its own MutableInstanceState), so every change goes through its journal.
 */
export interface InstanceState {
  /** Position in snapshot order (registration order for later instances); -1 for a copy outside the model. */
  readonly index: number;
  readonly source: ContainerInstance;
  readonly arn: string;
  readonly id: string;
  readonly status: ContainerInstanceStatus;
  readonly capacityProviderName: string | undefined;
  readonly cpu: number;
  readonly memory: number;
  /** registeredResources CPU / MEMORY, when the snapshot gives them. */
  readonly registeredCpu: number | undefined;
  readonly registeredMemory: number | undefined;
  readonly tcpTaken: ReadonlySet<number>;
  readonly udpTaken: ReadonlySet<number>;
  /** Free GPU ids, in the snapshot's order; placement takes from the front. */
  readonly freeGpus: readonly string[];
  readonly view: InstanceView;
  /** Tasks holding a task network interface (awsvpc) whose desiredStatus is not STOPPED (RESOURCE:ENI). */
  readonly eniTasks: number;
  /** Group -> tasks of that group whose desiredStatus is not STOPPED (distinctInstance). */
  readonly activeGroups: ReadonlyMap<string, number>;
  /**
   * Change in PENDING tasks since the snapshot (for `pendingTasksCount`): tasks we recorded
   * (lastStatus PENDING), less PENDING tasks stopped since.
   */
  readonly pendingAdded: number;
  /**
   * Bumped by the cluster model on every change to this instance (resources, tasks,
   * attributes), so results computed from its state can be reused until it changes.
   */
  readonly version: number;
  readonly external: boolean;
  readonly agentConnected: boolean;
  readonly ec2InstanceId: string | undefined;
}

/**
 * The instances' versions as one typed column indexed by instance (the cluster model's), so
 * a pass over many instances (the feasibility memo's) reads numbers instead of visiting
 * every instance object. An instance outside a model has a column of its own.
 */
export class VersionColumn {
  values = new Uint32Array(1024);

  /** Makes room for the instance at `index`, starting at version 1. */
  add(index: number): void {
    if (index >= this.values.length) {
      const grown = new Uint32Array(Math.max(index + 1, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[index] = 1;
  }
}

/**
 * The cluster model's own record of an instance, mutated in place by the model alone
 * (src/cluster); every other layer holds it as a read-only InstanceState.
 */
export class MutableInstanceState implements InstanceState {
  readonly arn: string;
  readonly id: string;
  status: ContainerInstanceStatus;
  readonly capacityProviderName: string | undefined;
  cpu: number;
  memory: number;
  readonly registeredCpu: number | undefined;
  readonly registeredMemory: number | undefined;
  readonly tcpTaken: Set<number>;
  readonly udpTaken: Set<number>;
  freeGpus: readonly string[];
  readonly view: MutableInstanceView;
  eniTasks = 0;
  readonly activeGroups = new Map<string, number>();
  pendingAdded = 0;
  private readonly versions: VersionColumn;
  private readonly slot: number;

  constructor(
    readonly index: number,
    readonly source: ContainerInstance,
    versions?: VersionColumn,
  ) {
    this.versions = versions ?? new VersionColumn();
    this.slot = versions ? index : 0;
    this.versions.add(this.slot);
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

  get version(): number {
    return this.versions.values[this.slot]!;
  }

  set version(value: number) {
    this.versions.values[this.slot] = value;
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
