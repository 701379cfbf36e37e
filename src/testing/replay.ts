/**
 * Replays a planned RunTask call step by step on a fresh model of the same snapshot, so
 * invariants can look at the cluster exactly as it was before each task was placed.
 */
import { subnetZoneMap, subnetZones } from '../api/subnet-zones.js';
import { Cluster } from '../api/cluster.js';
import { EcsServiceException } from '../kernel/errors.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';
import { ClusterModel } from '../cluster/cluster-model.js';
import { defaultGroup } from '../cluster/task-group.js';
import type { Snapshot, Task, TaskDefinition } from '../kernel/ecs-types.js';
import type { InstanceState } from '../cluster/instance-state.js';
import { hasResource, numericResource } from '../cluster/resources.js';
import { footprintOfTask } from '../cluster/task-footprint.js';
import { compileExpression } from '../cql/index.js';
import type { InstancePredicate } from '../placement/checks/member-of-check.js';
import { type BuiltInCheckName, registeredChecks } from '../placement/checks/registry.js';
import { MAX_NETWORK_INTERFACES, TRUNK_TASK_LIMITS } from '../placement/data/eni-limits.js';
import type { CheckName, TaskTrace } from '../placement/explanation.js';
import { computeTaskNeeds, type TaskNeeds } from '../placement/task-needs.js';
import { resolveTaskDefinition } from '../api/resolve-task-definition.js';
import type { PlacementScenario } from './arbitraries.js';

export interface PlannedCall {
  plan: ReturnType<Cluster['planRunTask']>;
  /** The snapshot as the cluster loaded it (validated and normalised). */
  snapshot: Snapshot;
}

/** Plans the scenario's call; `undefined` when the service refuses the request. */
export function planScenario(scenario: PlacementScenario): PlannedCall | undefined {
  const cluster = Cluster.fromSnapshot(scenario.snapshot);
  const snapshot = cluster.toSnapshot();
  try {
    return {
      plan: cluster.planRunTask(scenario.request, { seed: scenario.seed, now: 0 }),
      snapshot,
    };
  } catch (error) {
    if (error instanceof EcsServiceException) return undefined;
    throw error;
  }
}

/** The facts of a call that an independent evaluation needs. */
export interface CallFacts {
  definition: TaskDefinition;
  needs: TaskNeeds;
  group: string;
  memberOf: { expression: string; predicate: InstancePredicate }[];
  distinctInstance: boolean;
}

export function callFacts(snapshot: Snapshot, request: RunTaskInput): CallFacts {
  const definition = resolveTaskDefinition(snapshot.taskDefinitions, request.taskDefinition);
  const constraints = [
    ...(definition.placementConstraints ?? []),
    ...(request.placementConstraints ?? []),
  ];
  return {
    definition,
    needs: computeTaskNeeds(
      definition,
      request.overrides,
      subnetZones(request.networkConfiguration, subnetZoneMap(snapshot.subnets)),
    ),
    group: request.group ?? defaultGroup(definition),
    memberOf: constraints
      .filter((c) => c.type === 'memberOf' && c.expression !== undefined)
      .map((c) => ({ expression: c.expression!, predicate: compileExpression(c.expression!) })),
    distinctInstance: constraints.some((c) => c.type === 'distinctInstance'),
  };
}

/**
 * The awsvpc tasks an instance can hold, read straight from the snapshot and the ENI tables
 * (not through the engine): the `ENI` registered resource, else the trunk or EC2 limit of
 * its `ecs.instance-type`; undefined when unknown.
 */
export function independentEniLimit(instance: InstanceState): number | undefined {
  const registered = instance.source.registeredResources;
  if (hasResource(registered, 'ENI')) return numericResource(registered, 'ENI');
  const type = instance.view.attributes.get('ecs.instance-type');
  if (type == null) return undefined;
  if (instance.view.attributes.has('ecs.awsvpc-trunk-id')) return TRUNK_TASK_LIMITS[type];
  const interfaces = MAX_NETWORK_INTERFACES[type];
  return interfaces === undefined ? undefined : interfaces - 1;
}

type Evaluation = (instance: InstanceState, facts: CallFacts) => number;

/**
 * How often each check fails on an instance, computed directly from the model's state (not
 * through the engine's check objects): 0 or 1, one per failing constraint for MemberOf.
 * Every built-in check must have one (the type says so), so a new check cannot go untested.
 */
const INDEPENDENT: Readonly<Record<BuiltInCheckName, Evaluation>> = {
  AGENT: (instance) => (instance.view.agentConnected ? 0 : 1),
  ATTRIBUTE: (instance, { needs }) => {
    const attributes = instance.view.attributes;
    const lacking = needs.requiredAttributes.some(
      (a) =>
        !attributes.has(a.name) || (a.value !== undefined && attributes.get(a.name) !== a.value),
    );
    return lacking ? 1 : 0;
  },
  'RESOURCE:CPU': (instance, { needs }) => (needs.cpu > 0 && needs.cpu > instance.cpu ? 1 : 0),
  'RESOURCE:MEMORY': (instance, { needs }) =>
    needs.memory > 0 && needs.memory > instance.memory ? 1 : 0,
  'RESOURCE:PORTS': (instance, { needs }) =>
    needs.tcpPorts.some((p) => instance.tcpTaken.has(p)) ? 1 : 0,
  'RESOURCE:PORTS_UDP': (instance, { needs }) =>
    needs.udpPorts.some((p) => instance.udpTaken.has(p)) ? 1 : 0,
  'RESOURCE:ENI': (instance, { needs }) => {
    if (needs.networkMode !== 'awsvpc') return 0;
    const limit = independentEniLimit(instance);
    return limit !== undefined && instance.eniTasks >= limit ? 1 : 0;
  },
  'RESOURCE:GPU': (instance, { needs }) =>
    needs.gpus > 0 && needs.gpus > instance.freeGpus.length ? 1 : 0,
  LOCATION: (instance, { needs }) =>
    needs.zones && !needs.zones.has(instance.view.attributes.get('ecs.availability-zone') ?? '')
      ? 1
      : 0,
  MemberOf: (instance, { memberOf }) =>
    memberOf.filter(({ predicate }) => !predicate.matches(instance.view)).length,
  DistinctInstance: (instance, facts) =>
    facts.distinctInstance && instance.activeGroups.has(facts.group) ? 1 : 0,
};

/**
 * The failing checks of an instance, each evaluated independently of the engine, in the
 * order of the check registry; one MemberOf entry per failing constraint.
 */
export function independentFailures(instance: InstanceState, facts: CallFacts): CheckName[] {
  const failing: CheckName[] = [];
  for (const { name } of registeredChecks()) {
    const evaluate = INDEPENDENT[name as BuiltInCheckName] as Evaluation | undefined;
    if (evaluate === undefined) throw new Error(`No independent evaluation of check ${name}.`);
    for (let n = evaluate(instance, facts); n > 0; n--) failing.push(name);
  }
  return failing;
}

export interface ReplayStep {
  trace: TaskTrace;
  /** The cluster just before this task was decided. */
  model: ClusterModel;
  chosen: InstanceState | undefined;
  task: Task | undefined;
}

/** Visits each decision of a planned call with the cluster state it was taken on. */
export function replay(call: PlannedCall, visit: (step: ReplayStep) => void): void {
  const model = new ClusterModel(call.snapshot.clusters[0]!);
  let placed = 0;
  for (const trace of call.plan.explanation.tasks) {
    const chosen = trace.chosen !== undefined ? model.instance(trace.chosen) : undefined;
    // A task without an instance (Fargate, PROVISIONING) is in the response too.
    const returned = chosen || trace.fargate || trace.provisioning;
    const task = returned ? call.plan.tasks[placed++] : undefined;
    visit({ trace, model, chosen, task });
    if (chosen && task) model.commit(chosen, task, footprintOfTask(task));
    else if (task) model.recordTask(task);
  }
}
