/**
 * A deliberately naive re-implementation of RunTask placement, for differential testing
 * and as the bench's baseline. Every task re-filters every instance from scratch, views are
 * rebuilt from the task list for every evaluation, and strategies are ranked by plain
 * sorting-free scans. It shares no logic with the engine: task needs come from
 * ./reference-needs.ts, memberOf expressions are parsed by the grammar and evaluated by the
 * CQL tests' reference interpreter (not the engine's compiler). Shared are only the ENI limit
 * tables (data) and the seeded tie-break convention (one draw per placed task over the ties
 * in snapshot order; a task's GPU ids are the first free ones, container by container).
 *
 * Managed scaling, modelled from docs/capacity.md: when no instance of a managed-scaling
 * provider fits, the rest of the call waits in PROVISIONING if a new, empty instance like
 * one of the provider's (its registered resources, no tasks) would fit, or if the provider
 * has no instance at all; otherwise the call fails as usual.
 */
import seedrandom from 'seedrandom';
import type {
  Attribute,
  ContainerInstance,
  PlacementConstraint,
  PlacementStrategy,
  Snapshot,
  TaskDefinition,
  TaskOverride,
} from '../../src/kernel/ecs-types.js';
import { parseCql } from '../../grammar/parser.js';
import type { InstanceView } from '../../src/kernel/instance-view.js';
import { MAX_NETWORK_INTERFACES, TRUNK_TASK_LIMITS } from '../../src/placement/data/eni-limits.js';
import { referenceEvaluate } from '../cql/reference-interpreter.js';
import { referenceNeeds } from './reference-needs.js';

export interface RefInstance {
  arn: string;
  ec2InstanceId: string | undefined;
  status: string;
  agentConnected: boolean;
  agentVersion: string | undefined;
  registeredAt: number | undefined;
  capacityProviderName: string | undefined;
  attributes: Map<string, string | null>;
  cpu: number;
  memory: number;
  tcp: number[];
  udp: number[];
  gpus: string[];
  /** What an empty instance like this one offers (registered resources, else remaining). */
  registered: { cpu: number; memory: number; tcp: number[]; udp: number[]; gpus: number };
  /** registeredResources ENI, when the snapshot states it. */
  eniOverride: number | undefined;
  /**
   * RUNNING-desired tasks the instance's own `runningTasksCount` reports beyond those the
   * snapshot lists on it (docs/placement.md): CQL sees them on top of the listed ones.
   */
  unlistedRunning: number;
}

export interface RefTask {
  arn: string;
  instanceArn: string;
  group: string;
  desiredStatus: 'RUNNING' | 'PENDING' | 'STOPPED';
  cpu: number;
  memory: number;
  tcp: number[];
  udp: number[];
  gpus: string[];
  /** Holds a task network interface (awsvpc). */
  eni: boolean;
}

export interface RefRunTask {
  definition: TaskDefinition;
  overrides?: TaskOverride;
  count: number;
  group?: string;
  constraints?: PlacementConstraint[];
  strategies?: PlacementStrategy[];
  seed: string;
  kind?: 'EC2' | 'EXTERNAL';
  /** Run on this capacity provider's instances; `managedScaling` when it has it ENABLED. */
  capacityProvider?: string;
  managedScaling?: boolean;
}

export interface RefOutcome {
  /** The container instance ARN of each placed task, in order. */
  placedOn: string[];
  /** The GPU ids of each placed task's containers, in order. */
  gpuIds: string[][][];
  failures: { arn: string; reason: string }[];
  /** Tasks left waiting in PROVISIONING (after the placed ones). */
  waiting: number;
}

const REASONS = {
  agent: 'AGENT',
  attribute: 'ATTRIBUTE',
  cpu: 'RESOURCE:CPU',
  memory: 'RESOURCE:MEMORY',
  ports: 'RESOURCE:PORTS',
  udp: 'RESOURCE:PORTS_UDP',
  eni: 'RESOURCE:ENI',
  gpu: 'RESOURCE:GPU',
  memberOf: 'MemberOf placement constraint unsatisfied.',
  distinct: 'DistinctInstance placement constraint unsatisfied.',
};

function numeric(instance: ContainerInstance, name: string): number {
  const r = instance.remainingResources?.find((x) => x.name === name);
  return r ? r.integerValue || r.longValue || r.doubleValue || 0 : 0;
}

function strings(instance: ContainerInstance, name: string): string[] {
  return instance.remainingResources?.find((x) => x.name === name)?.stringSetValue ?? [];
}

/** A registered resource, falling back to the remaining one when not registered. */
function registeredOf(instance: ContainerInstance, name: string) {
  return (
    instance.registeredResources?.find((x) => x.name === name) ??
    instance.remainingResources?.find((x) => x.name === name)
  );
}

function registeredNumber(instance: ContainerInstance, name: string): number {
  const r = registeredOf(instance, name);
  return r ? r.integerValue || r.longValue || r.doubleValue || 0 : 0;
}

function toMillis(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value * 1000 : Date.parse(value);
}

function refInstance(ci: ContainerInstance): RefInstance {
  return {
    arn: ci.containerInstanceArn,
    ec2InstanceId: ci.ec2InstanceId,
    status: ci.status,
    agentConnected: ci.agentConnected,
    agentVersion: ci.versionInfo?.agentVersion,
    registeredAt: toMillis(ci.registeredAt),
    capacityProviderName: ci.capacityProviderName,
    attributes: new Map((ci.attributes ?? []).map((a: Attribute) => [a.name, a.value ?? null])),
    cpu: numeric(ci, 'CPU'),
    memory: numeric(ci, 'MEMORY'),
    tcp: strings(ci, 'PORTS').map(Number),
    udp: strings(ci, 'PORTS_UDP').map(Number),
    gpus: [...strings(ci, 'GPU')],
    registered: {
      cpu: registeredNumber(ci, 'CPU'),
      memory: registeredNumber(ci, 'MEMORY'),
      tcp: (registeredOf(ci, 'PORTS')?.stringSetValue ?? []).map(Number),
      udp: (registeredOf(ci, 'PORTS_UDP')?.stringSetValue ?? []).map(Number),
      gpus: registeredOf(ci, 'GPU')?.stringSetValue?.length ?? 0,
    },
    eniOverride: ci.registeredResources?.some((r) => r.name === 'ENI')
      ? registeredNumber(ci, 'ENI')
      : undefined,
    unlistedRunning: ci.runningTasksCount ?? 0,
  };
}

/** awsvpc tasks the instance can hold: override, else trunk or EC2 limit of its type. */
function eniLimit(instance: RefInstance): number | undefined {
  if (instance.eniOverride !== undefined) return instance.eniOverride;
  const type = instance.attributes.get('ecs.instance-type');
  if (type === undefined || type === null) return undefined;
  if (instance.attributes.has('ecs.awsvpc-trunk-id')) return TRUNK_TASK_LIMITS[type];
  const max = MAX_NETWORK_INTERFACES[type];
  return max === undefined ? undefined : max - 1;
}

export class ReferenceModel {
  readonly instances: RefInstance[] = [];
  readonly tasks: RefTask[] = [];
  /** Named by the failure of a call that finds no ACTIVE instance at all. */
  clusterArn = '';
  /** Named instead when the call ran on a capacity provider. */
  providerArns = new Map<string, string>();

  static fromSnapshot(snapshot: Snapshot): ReferenceModel {
    const model = new ReferenceModel();
    const cluster = snapshot.clusters[0]!;
    model.clusterArn =
      cluster.clusterArn ??
      `arn:aws:ecs:${snapshot.region}:${snapshot.accountId}:cluster/${cluster.clusterName}`;
    for (const provider of snapshot.capacityProviders ?? []) {
      model.providerArns.set(
        provider.name,
        provider.capacityProviderArn ??
          `arn:aws:ecs:${snapshot.region}:${snapshot.accountId}:capacity-provider/${provider.name}`,
      );
    }
    for (const ci of cluster.containerInstances) model.instances.push(refInstance(ci));
    for (const task of cluster.tasks) {
      if (task.containerInstanceArn === undefined) continue;
      // Snapshot tasks' reservations are already in remainingResources: record them with no footprint.
      model.tasks.push({
        arn: task.taskArn,
        instanceArn: task.containerInstanceArn,
        group: task.group ?? '',
        desiredStatus: task.desiredStatus,
        cpu: 0,
        memory: 0,
        tcp: [],
        udp: [],
        gpus: [],
        eni: (task.attachments ?? []).some((a) => a.type === 'ElasticNetworkInterface'),
      });
    }
    for (const instance of model.instances) {
      const listed = model.tasks.filter(
        (t) => t.instanceArn === instance.arn && t.desiredStatus === 'RUNNING',
      ).length;
      instance.unlistedRunning = Math.max(0, instance.unlistedRunning - listed);
    }
    return model;
  }

  registerInstance(ci: ContainerInstance): void {
    this.instances.push(refInstance(ci));
  }

  putAttribute(arn: string, name: string, value: string | null): void {
    this.instances.find((i) => i.arn === arn)!.attributes.set(name, value);
  }

  stopTask(arn: string): void {
    const task = this.tasks.find((t) => t.arn === arn);
    if (!task || task.desiredStatus === 'STOPPED') return;
    task.desiredStatus = 'STOPPED';
    const instance = this.instances.find((i) => i.arn === task.instanceArn)!;
    instance.cpu += task.cpu;
    instance.memory += task.memory;
    instance.tcp = instance.tcp.filter((p) => !task.tcp.includes(p));
    instance.udp = instance.udp.filter((p) => !task.udp.includes(p));
    instance.gpus.push(...task.gpus);
  }

  /** The CQL view of an instance, rebuilt from the task list. */
  view(instance: RefInstance): InstanceView {
    const taskGroups = new Map<string, number>();
    let running = 0;
    for (const task of this.tasks) {
      if (task.instanceArn !== instance.arn || task.desiredStatus !== 'RUNNING') continue;
      running++;
      taskGroups.set(task.group, (taskGroups.get(task.group) ?? 0) + 1);
    }
    return {
      ec2InstanceId: instance.ec2InstanceId,
      agentConnected: instance.agentConnected,
      agentVersion: instance.agentVersion,
      registeredAt: instance.registeredAt,
      runningTasksCount: running + instance.unlistedRunning,
      attributes: instance.attributes,
      taskGroups,
    };
  }

  runTask(request: RefRunTask): RefOutcome {
    const needs = referenceNeeds(request.definition, request.overrides);
    const group = request.group ?? `family:${request.definition.family}`;
    const constraints = [
      ...(request.definition.placementConstraints ?? []),
      ...(request.constraints ?? []),
    ];
    const memberOf = constraints
      .filter((c) => c.type === 'memberOf')
      .map((c) => {
        const { ast } = parseCql(c.expression!);
        if (ast === undefined)
          throw new Error(`the model takes valid expressions: ${c.expression}`);
        return (view: InstanceView) => referenceEvaluate(ast, view);
      });
    const distinct = constraints.some((c) => c.type === 'distinctInstance');
    const random = seedrandom(request.seed);
    const kind = request.kind ?? 'EC2';
    const outcome: RefOutcome = { placedOn: [], gpuIds: [], failures: [], waiting: 0 };
    const awsvpc = needs.networkMode === 'awsvpc';

    const reasonFor = (instance: RefInstance): string | undefined => {
      if (!instance.agentConnected) return REASONS.agent;
      for (const required of needs.requiredAttributes) {
        const value = instance.attributes.get(required.name);
        if (value === undefined || (required.value !== undefined && required.value !== value))
          return REASONS.attribute;
      }
      if (needs.cpu > 0 && needs.cpu > instance.cpu) return REASONS.cpu;
      if (needs.memory > 0 && needs.memory > instance.memory) return REASONS.memory;
      if (needs.tcpPorts.some((p) => instance.tcp.includes(p))) return REASONS.ports;
      if (needs.udpPorts.some((p) => instance.udp.includes(p))) return REASONS.udp;
      if (awsvpc) {
        const limit = eniLimit(instance);
        const used = this.tasks.filter(
          (t) => t.instanceArn === instance.arn && t.eni && t.desiredStatus !== 'STOPPED',
        ).length;
        if (limit !== undefined && used >= limit) return REASONS.eni;
      }
      if (needs.gpus > 0 && needs.gpus > instance.gpus.length) return REASONS.gpu;
      const view = this.view(instance);
      for (const matches of memberOf) if (!matches(view)) return REASONS.memberOf;
      if (
        distinct &&
        this.tasks.some(
          (t) =>
            t.instanceArn === instance.arn && t.group === group && t.desiredStatus !== 'STOPPED',
        )
      ) {
        return REASONS.distinct;
      }
      return undefined;
    };

    /** Could a new, empty instance like `like` take the task? */
    const freshFits = (like: RefInstance): boolean => {
      for (const required of needs.requiredAttributes) {
        const value = like.attributes.get(required.name);
        if (value === undefined || (required.value !== undefined && required.value !== value))
          return false;
      }
      const r = like.registered;
      if (needs.cpu > 0 && needs.cpu > r.cpu) return false;
      if (needs.memory > 0 && needs.memory > r.memory) return false;
      if (needs.tcpPorts.some((p) => r.tcp.includes(p))) return false;
      if (needs.udpPorts.some((p) => r.udp.includes(p))) return false;
      const limit = eniLimit(like);
      if (awsvpc && limit !== undefined && limit < 1) return false;
      if (needs.gpus > 0 && needs.gpus > r.gpus) return false;
      const emptyView: InstanceView = {
        ...this.view(like),
        agentConnected: true,
        runningTasksCount: 0,
        taskGroups: new Map(),
      };
      return memberOf.every((matches) => matches(emptyView));
    };

    for (let n = 0; n < request.count; n++) {
      const candidates = this.instances.filter((i) =>
        request.capacityProvider !== undefined
          ? i.status === 'ACTIVE' && i.capacityProviderName === request.capacityProvider
          : i.status === 'ACTIVE' &&
            i.attributes.has('ecs.capability.external') === (kind === 'EXTERNAL'),
      );
      if (request.managedScaling && candidates.every((i) => reasonFor(i) !== undefined)) {
        const group = this.instances.filter(
          (i) => i.capacityProviderName === request.capacityProvider,
        );
        if (group.length === 0 || group.some(freshFits)) {
          outcome.waiting = request.count - n;
          return outcome;
        }
      }
      if (candidates.length === 0) {
        // No ACTIVE instance of the launch type or provider: the whole call fails as one entry.
        const arn =
          request.capacityProvider !== undefined
            ? this.providerArns.get(request.capacityProvider)!
            : this.clusterArn;
        outcome.failures = [{ arn, reason: 'NO ACTIVE INSTANCES' }];
        return outcome;
      }
      let remaining = candidates.filter((i) => reasonFor(i) === undefined);
      if (remaining.length === 0) {
        outcome.failures = candidates.map((i) => ({ arn: i.arn, reason: reasonFor(i)! }));
        return outcome;
      }
      for (const strategy of request.strategies ?? []) {
        if (strategy.type === 'random') break;
        const score = this.scorer(strategy, group);
        const scores = remaining.map(score);
        const best = Math.min(...scores);
        remaining = remaining.filter((_, k) => scores[k] === best);
      }
      const chosen = remaining[Math.floor(random() * remaining.length)]!;
      const gpus = chosen.gpus.splice(0, needs.gpus);
      chosen.cpu -= needs.cpu;
      chosen.memory -= needs.memory;
      chosen.tcp.push(...needs.tcpPorts);
      chosen.udp.push(...needs.udpPorts);
      this.tasks.push({
        arn: `reference-task-${this.tasks.length}`,
        instanceArn: chosen.arn,
        group,
        desiredStatus: 'RUNNING',
        cpu: needs.cpu,
        memory: needs.memory,
        tcp: [...needs.tcpPorts],
        udp: [...needs.udpPorts],
        gpus,
        eni: awsvpc,
      });
      outcome.placedOn.push(chosen.arn);
      let next = 0;
      outcome.gpuIds.push(
        needs.containerGpus.map((n) => {
          next += n;
          return gpus.slice(next - n, next);
        }),
      );
    }
    return outcome;
  }

  /** Gives the reference's own ids to the tasks of the last call, e.g. the real ARNs. */
  renameLastTasks(arns: readonly string[]): void {
    const start = this.tasks.length - arns.length;
    arns.forEach((arn, k) => {
      this.tasks[start + k]!.arn = arn;
    });
  }

  /** A strategy's key function, with its task counts recomputed from scratch. */
  private scorer(strategy: PlacementStrategy, group: string): (instance: RefInstance) => number {
    const field = strategy.field ?? '';
    if (strategy.type === 'binpack') return (i) => (field === 'cpu' ? i.cpu : i.memory);
    const perInstance = new Map<string, number>();
    for (const task of this.tasks) {
      if (task.group !== group || task.desiredStatus !== 'RUNNING') continue;
      perInstance.set(task.instanceArn, (perInstance.get(task.instanceArn) ?? 0) + 1);
    }
    if (field === 'instanceId' || field === 'host') return (i) => perInstance.get(i.arn) ?? 0;
    const name = field.slice('attribute:'.length);
    const load = new Map<string | null, number>();
    for (const other of this.instances) {
      if (other.status !== 'ACTIVE') continue;
      const value = other.attributes.get(name) ?? null;
      load.set(value, (load.get(value) ?? 0) + (perInstance.get(other.arn) ?? 0));
    }
    return (i) => load.get(i.attributes.get(name) ?? null) ?? 0;
  }
}
