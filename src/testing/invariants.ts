/**
 * The placement invariants as reusable properties: each takes a scenario (snapshot, request,
 * seed), runs it, and throws an Error describing the first violation. Use them with
 * `fc.assert(fc.property(placementScenarioArb(), invariant))`.
 */
import { Cluster } from '../api/cluster.js';
import { managedScalingOf } from '../capacity/managed-scaling.js';
import type { Attribute } from '../kernel/ecs-types.js';
import { emptyCopyOf } from '../cluster/empty-copy.js';
import { EXTERNAL_ATTRIBUTE, type InstanceState } from '../cluster/instance-state.js';
import type { PlacementScenario } from './arbitraries.js';
import {
  callFacts,
  independentEniLimit,
  independentFailures,
  planScenario,
  replay,
} from './replay.js';

function fail(message: string): never {
  throw new Error(`placement invariant violated: ${message}`);
}

/** Every placed task's instance satisfied all checks and constraints when it was chosen. */
export function constraintsNeverViolated(scenario: PlacementScenario): void {
  const call = planScenario(scenario);
  if (!call) return;
  const facts = callFacts(call.snapshot, scenario.request);
  replay(call, ({ chosen, trace }) => {
    if (!chosen) return;
    if (chosen.status !== 'ACTIVE')
      fail(`task ${trace.taskIndex} placed on ${chosen.status} ${chosen.id}`);
    const failing = independentFailures(chosen, facts);
    if (failing.length > 0)
      fail(`task ${trace.taskIndex} placed on ${chosen.id} which fails ${failing.join(', ')}`);
  });
}

/**
 * No instance ends with negative CPU or memory, a port taken twice, a GPU given twice, or
 * more awsvpc tasks than its known ENI limit. Each container gets as many GPU ids as it
 * needs, all free; the ids of a task are pairwise distinct and held by no other active task
 * of the instance.
 */
export function resourcesNeverOvercommitted(scenario: PlacementScenario): void {
  const call = planScenario(scenario);
  if (!call) return;
  const facts = callFacts(call.snapshot, scenario.request);
  replay(call, ({ model, chosen, task, trace }) => {
    if (!chosen || !task) return;
    const cpu = Number(task.cpu ?? 0);
    const memory = Number(task.memory ?? 0);
    if (cpu > chosen.cpu) fail(`${chosen.id}: ${cpu} CPU placed with ${chosen.cpu} left`);
    if (memory > chosen.memory)
      fail(`${chosen.id}: ${memory} MiB placed with ${chosen.memory} left`);
    for (const container of task.containers ?? []) {
      for (const binding of container.networkBindings ?? []) {
        const taken = binding.protocol === 'udp' ? chosen.udpTaken : chosen.tcpTaken;
        if (taken.has(binding.hostPort!))
          fail(`${chosen.id}: host port ${binding.hostPort} bound twice`);
      }
      for (const gpu of container.gpuIds ?? []) {
        if (!chosen.freeGpus.includes(gpu)) fail(`${chosen.id}: GPU ${gpu} is not free`);
      }
    }
    const perContainer = (task.containers ?? []).map((c) => c.gpuIds ?? []);
    facts.needs.containers.forEach((container, k) => {
      const given = perContainer[k]?.length ?? 0;
      if (given !== container.gpus)
        fail(
          `task ${trace.taskIndex}: container ${container.name} got ${given} GPU ids for ${container.gpus}`,
        );
    });
    const ids = perContainer.flat();
    if (new Set(ids).size !== ids.length)
      fail(`task ${trace.taskIndex} on ${chosen.id}: a GPU id given twice (${ids.join(', ')})`);
    const held = new Set(
      model.tasks
        .filter((t) => t.containerInstanceArn === chosen.arn && t.desiredStatus !== 'STOPPED')
        .flatMap((t) => (t.containers ?? []).flatMap((c) => c.gpuIds ?? [])),
    );
    for (const id of ids)
      if (held.has(id)) fail(`${chosen.id}: GPU ${id} is already held by a task`);
    const limit = independentEniLimit(chosen);
    const eni = task.attachments?.some((a) => a.type === 'ElasticNetworkInterface');
    if (eni && limit !== undefined && chosen.eniTasks >= limit)
      fail(`${chosen.id}: awsvpc task placed with all ${limit} task interfaces taken`);
  });
}

/**
 * Managed scaling: a task waits in PROVISIONING only when no candidate could take it and an
 * empty instance like one of the provider's could (or the provider has none); it is then
 * returned without an instance. A task that fails outright could not run on any empty copy.
 */
export function provisioningOnlyWhenNothingFits(scenario: PlacementScenario): void {
  const call = planScenario(scenario);
  if (!call) return;
  const facts = callFacts(call.snapshot, scenario.request);
  replay(call, ({ model, trace, task }) => {
    const provider = trace.capacityProvider;
    const managed = managedScalingOf(call.snapshot, provider) !== undefined;
    if (trace.provisioning) {
      if (!managed)
        fail(`task ${trace.taskIndex} waits although ${provider} has no managed scaling`);
      if (trace.verdicts.some((v) => v.failures.length === 0))
        fail(`task ${trace.taskIndex} waits although an instance was feasible`);
      if (task?.lastStatus !== 'PROVISIONING' || task.containerInstanceArn !== undefined)
        fail(`task ${trace.taskIndex} waits but is returned as ${task?.lastStatus} on an instance`);
    }
    if (!managed || trace.chosen !== undefined || trace.fargate) return;
    const group = model.instances.filter((i) => i.capacityProviderName === provider);
    const fits = group.find((i) => independentFailures(emptyCopyOf(i), facts).length === 0);
    const couldWait = group.length === 0 || fits !== undefined;
    if (trace.provisioning && !couldWait)
      fail(`task ${trace.taskIndex} waits although no new instance of ${provider} could run it`);
    if (!trace.provisioning && couldWait)
      fail(`task ${trace.taskIndex} failed although a new instance like ${fits?.id} could run it`);
  });
}

/** With distinctInstance, an instance never ends up with two active tasks of the group. */
export function distinctInstanceHolds(scenario: PlacementScenario): void {
  const call = planScenario(scenario);
  if (!call) return;
  const facts = callFacts(call.snapshot, scenario.request);
  if (!facts.distinctInstance) return;
  const used = new Set<string>();
  replay(call, ({ chosen }) => {
    if (!chosen) return;
    if (used.has(chosen.arn) || chosen.activeGroups.has(facts.group)) {
      fail(`${chosen.id} already hosts a task of ${facts.group}`);
    }
    used.add(chosen.arn);
  });
}

function spreadKey(instance: InstanceState, field: string): string {
  if (field === 'instanceId' || field === 'host') return instance.arn;
  return instance.view.attributes.get(field.slice('attribute:'.length)) ?? '\u0000absent';
}

/**
 * With spread first, each task goes to a least-loaded bucket among the buckets that had a
 * feasible instance (load = the group's RUNNING-desired tasks on ACTIVE instances).
 */
export function spreadBalances(scenario: PlacementScenario): void {
  const first = scenario.request.placementStrategy?.[0];
  if (first?.type !== 'spread' || first.field === undefined) return;
  const field = first.field;
  const call = planScenario(scenario);
  if (!call) return;
  const facts = callFacts(call.snapshot, scenario.request);
  replay(call, ({ model, chosen, trace }) => {
    if (!chosen) return;
    const load = new Map<string, number>();
    for (const instance of model.instances) {
      if (instance.status !== 'ACTIVE') continue;
      const key = spreadKey(instance, field);
      load.set(key, (load.get(key) ?? 0) + (instance.view.taskGroups.get(facts.group) ?? 0));
    }
    const feasible = trace.verdicts
      .filter((v) => v.failures.length === 0)
      .map((v) => model.instance(v.containerInstanceArn)!);
    const least = Math.min(...feasible.map((i) => load.get(spreadKey(i, field)) ?? 0));
    const mine = load.get(spreadKey(chosen, field)) ?? 0;
    if (mine !== least)
      fail(`task ${trace.taskIndex} went to a bucket with ${mine} tasks while one had ${least}`);
  });
}

/** With binpack first, the chosen instance had no more of the field left than any feasible one. */
export function binpackPacks(scenario: PlacementScenario): void {
  const first = scenario.request.placementStrategy?.[0];
  if (first?.type !== 'binpack') return;
  const field = first.field === 'cpu' ? 'cpu' : 'memory';
  const call = planScenario(scenario);
  if (!call) return;
  replay(call, ({ model, chosen, trace }) => {
    if (!chosen) return;
    for (const verdict of trace.verdicts) {
      if (verdict.failures.length > 0) continue;
      const other = model.instance(verdict.containerInstanceArn)!;
      if (other[field] < chosen[field]) {
        fail(
          `task ${trace.taskIndex}: ${chosen.id} has ${chosen[field]} ${field} left, ${other.id} only ${other[field]}`,
        );
      }
    }
  });
}

/** Two runs from the same snapshot with the same seed give identical responses. */
export function sameSeedSameResult(scenario: PlacementScenario): void {
  const run = () => {
    try {
      return Cluster.fromSnapshot(scenario.snapshot).runTask(scenario.request, {
        seed: scenario.seed,
        now: 0,
      });
    } catch (error) {
      return { error: String(error) };
    }
  };
  const a = JSON.stringify(run());
  const b = JSON.stringify(run());
  if (a !== b) fail('two runs with one seed differ');
}

/**
 * When no tie had to be broken at random, listing the instances in another order changes
 * neither the instances chosen, nor the failures, nor the explanation's summary line.
 */
export function orderDoesNotMatterWithoutRandomness(scenario: PlacementScenario): void {
  const call = planScenario(scenario);
  if (!call) return;
  if (call.plan.explanation.tasks.some((t) => t.tieBreak !== undefined && t.tieBreak.among > 1))
    return;
  const reversed = structuredClone(scenario.snapshot);
  reversed.clusters[0]!.containerInstances.reverse();
  const again = planScenario({ ...scenario, snapshot: reversed });
  if (!again) fail('the reordered snapshot was refused');
  const hosts = (p: typeof call.plan) => p.tasks.map((t) => t.containerInstanceArn);
  const failures = (p: typeof call.plan) => p.failures.map((f) => `${f.arn} ${f.reason}`).sort();
  if (JSON.stringify(hosts(call.plan)) !== JSON.stringify(hosts(again.plan)))
    fail('reordering changed the hosts');
  if (JSON.stringify(failures(call.plan)) !== JSON.stringify(failures(again.plan)))
    fail('reordering changed the failures');
  if (call.plan.explanation.summary !== again.plan.explanation.summary)
    fail('reordering changed the explanation summary');
}

/**
 * Every reason in the explanation reproduces when re-evaluated independently on the state
 * it was given for, an instance with no reason passes every check, and each failure entry
 * carries the first reason of its instance.
 */
function isExternal(attributes: readonly Attribute[] | undefined): boolean {
  return (attributes ?? []).some((a) => a.name === EXTERNAL_ATTRIBUTE);
}

export function explanationsAreSound(scenario: PlacementScenario): void {
  const call = planScenario(scenario);
  if (!call) return;
  const facts = callFacts(call.snapshot, scenario.request);
  let last: Map<string, string> | undefined;
  replay(call, ({ model, trace }) => {
    last = new Map();
    for (const verdict of trace.verdicts) {
      const instance = model.instance(verdict.containerInstanceArn)!;
      const stated = verdict.failures.map((f) => f.check);
      const actual = independentFailures(instance, facts);
      if (JSON.stringify(stated) !== JSON.stringify(actual)) {
        fail(
          `task ${trace.taskIndex}, ${instance.id}: explanation says [${stated}] but re-evaluation gives [${actual}]`,
        );
      }
      for (const failure of verdict.failures) {
        if (failure.check === 'RESOURCE:MEMORY' && failure.available !== instance.memory)
          fail('memory amount misreported');
        if (failure.check === 'RESOURCE:CPU' && failure.available !== instance.cpu)
          fail('cpu amount misreported');
      }
      if (verdict.failures[0]) last.set(verdict.containerInstanceArn, verdict.failures[0].reason);
    }
  });
  for (const failure of call.plan.failures) {
    if (failure.reason === 'NO ACTIVE INSTANCES') {
      // A whole share refused for want of candidates: true only if its scope had none.
      const scope = call.snapshot.clusters
        .flatMap((c) => c.containerInstances)
        .filter((i) => i.status === 'ACTIVE' && !isExternal(i.attributes));
      if (scenario.request.launchType === 'EC2' && scope.length > 0)
        fail(`NO ACTIVE INSTANCES reported while ${scope.length} EC2 instance(s) are ACTIVE`);
      continue;
    }
    if (last?.get(failure.arn!) !== failure.reason)
      fail(`failure for ${failure.arn} says ${failure.reason}`);
  }
}

/** planRunTask returns exactly what runTask then does, and changes nothing itself. */
export function planMatchesRun(scenario: PlacementScenario): void {
  const cluster = Cluster.fromSnapshot(scenario.snapshot);
  const before = JSON.stringify(cluster.toSnapshot());
  let planned: string;
  try {
    const { explanation: _explanation, ...plan } = cluster.planRunTask(scenario.request, {
      seed: scenario.seed,
      now: 0,
    });
    planned = JSON.stringify(plan);
  } catch (error) {
    planned = `error ${String(error)}`;
  }
  if (JSON.stringify(cluster.toSnapshot()) !== before) fail('planRunTask changed the cluster');
  let ran: string;
  try {
    ran = JSON.stringify(cluster.runTask(scenario.request, { seed: scenario.seed, now: 0 }));
  } catch (error) {
    ran = `error ${String(error)}`;
  }
  if (planned !== ran) fail('planRunTask and runTask disagree');
}

/** Every invariant above, by name. */
export const placementInvariants = {
  constraintsNeverViolated,
  resourcesNeverOvercommitted,
  provisioningOnlyWhenNothingFits,
  distinctInstanceHolds,
  spreadBalances,
  binpackPacks,
  sameSeedSameResult,
  orderDoesNotMatterWithoutRandomness,
  explanationsAreSound,
  planMatchesRun,
} as const;
