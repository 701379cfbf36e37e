/**
 * Model-based test: random sequences of RegisterContainerInstance, PutAttributes, RunTask and
 * StopTask against the Cluster facade and the naive reference model; every RunTask must
 * choose the same instances, report the same failures and leave the same number of tasks
 * waiting in PROVISIONING, and give each container the same GPU ids. Task definitions use
 * every network mode (awsvpc: RESOURCE:ENI), task-level sizes in units or "1 vCPU" / "2 GB",
 * and requests may override task and container sizes and GPUs. Snapshots hold tasks whose
 * desiredStatus is PENDING and name-only attributes, which spread and CQL must treat as the
 * docs say. RunTask may target the capacity provider `asg`, which has managed scaling and
 * owns some instances. The model shares no code with the engine (see reference-model.ts).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type {
  ContainerInstance,
  PlacementConstraint,
  PlacementStrategy,
  Snapshot,
  TaskDefinition,
  TaskOverride,
} from '../../src/kernel/ecs-types.js';
import {
  awsvpcNetwork,
  clusterSnapshotArb,
  constraintsArb,
  containerInstanceArb,
  GROUPS,
  strategiesArb,
  taskDefinitionArb,
  taskOverrideArb,
} from '../../src/testing/arbitraries.js';
import { instanceArn, TEST_ACCOUNT, TEST_REGION } from '../../src/testing/builders.js';
import { ReferenceModel } from './reference-model.js';
import { runs } from '../support/runs.js';

const PROVIDER = 'asg';

/** Every other instance joins the managed-scaling provider `asg`. */
function withProvider(snapshot: Snapshot): Snapshot {
  const copy = structuredClone(snapshot);
  const cluster = copy.clusters[0]!;
  cluster.capacityProviders = [PROVIDER];
  cluster.containerInstances.forEach((instance, k) => {
    if (k % 2 === 0) instance.capacityProviderName = PROVIDER;
  });
  copy.capacityProviders = [
    {
      name: PROVIDER,
      status: 'ACTIVE',
      capacityProviderArn: `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}:capacity-provider/${PROVIDER}`,
      autoScalingGroupProvider: { managedScaling: { status: 'ENABLED' } },
    },
  ];
  return copy;
}

interface Real {
  cluster: Cluster;
  /** ARNs of the tasks placed so far, in order. */
  placed: string[];
}

type Command = fc.Command<ReferenceModel, Real>;

class RegisterInstance implements Command {
  constructor(readonly template: ContainerInstance) {}
  check = () => true;
  run(model: ReferenceModel, real: Real): void {
    const id = `new${model.instances.length}`;
    const instance = {
      ...this.template,
      containerInstanceArn: instanceArn(id),
      ec2InstanceId: `i-${id}`,
    };
    model.registerInstance(instance);
    real.cluster.registerContainerInstance(instance);
  }
  toString = () => 'register';
}

/** PutAttributes; `value` undefined puts a name-only attribute. */
class SetAttribute implements Command {
  constructor(
    readonly which: number,
    readonly name: string,
    readonly value: string | undefined,
  ) {}
  check = (model: Readonly<ReferenceModel>) => model.instances.length > 0;
  run(model: ReferenceModel, real: Real): void {
    const instance = model.instances[this.which % model.instances.length]!;
    model.putAttribute(instance.arn, this.name, this.value ?? null);
    real.cluster.putAttribute(instance.arn, this.name, this.value);
  }
  toString = () =>
    `put ${this.name}${this.value === undefined ? '' : `=${this.value}`} on #${this.which}`;
}

class RunTask implements Command {
  constructor(
    readonly definition: TaskDefinition,
    readonly count: number,
    readonly group: string | undefined,
    readonly constraints: PlacementConstraint[],
    readonly strategies: PlacementStrategy[],
    readonly seed: string,
    readonly onProvider: boolean,
    readonly overrides: TaskOverride | undefined,
  ) {}
  check = () => true;
  run(model: ReferenceModel, real: Real): void {
    const expected = model.runTask({
      definition: this.definition,
      ...(this.overrides !== undefined ? { overrides: this.overrides } : {}),
      count: this.count,
      ...(this.group !== undefined ? { group: this.group } : {}),
      constraints: this.constraints,
      strategies: this.strategies,
      seed: this.seed,
      ...(this.onProvider ? { capacityProvider: PROVIDER, managedScaling: true } : {}),
    });
    const actual = real.cluster.runTask(
      {
        taskDefinition: this.definition.family,
        count: this.count,
        ...(this.onProvider
          ? { capacityProviderStrategy: [{ capacityProvider: PROVIDER }] }
          : { launchType: 'EC2' as const }),
        ...(this.definition.networkMode === 'awsvpc'
          ? { networkConfiguration: awsvpcNetwork() }
          : {}),
        ...(this.group !== undefined ? { group: this.group } : {}),
        ...(this.overrides !== undefined ? { overrides: this.overrides } : {}),
        ...(this.constraints.length > 0 ? { placementConstraints: this.constraints } : {}),
        ...(this.strategies.length > 0 ? { placementStrategy: this.strategies } : {}),
      },
      { seed: this.seed },
    );
    const placed = actual.tasks.filter((t) => t.lastStatus !== 'PROVISIONING');
    expect(placed.map((t) => t.containerInstanceArn)).toEqual(expected.placedOn);
    expect(placed.map((t) => (t.containers ?? []).map((c) => c.gpuIds ?? []))).toEqual(
      expected.gpuIds,
    );
    expect(actual.tasks.length - placed.length).toBe(expected.waiting);
    // The model states no `detail` (prose); instance, reason and count must agree.
    expect(actual.failures.map(({ arn, reason }) => ({ arn, reason }))).toEqual(expected.failures);
    model.renameLastTasks(placed.map((t) => t.taskArn));
    real.placed.push(...placed.map((t) => t.taskArn));
  }
  toString = () =>
    `runTask(${this.definition.family}${this.definition.networkMode ? ` ${this.definition.networkMode}` : ''} x${this.count}${this.onProvider ? ' on asg' : ''}, ${JSON.stringify(this.constraints)}, ${JSON.stringify(this.strategies)}, overrides ${JSON.stringify(this.overrides)}, seed ${this.seed})`;
}

class StopTask implements Command {
  constructor(readonly which: number) {}
  check = () => true;
  run(model: ReferenceModel, real: Real): void {
    if (real.placed.length === 0) return;
    const arn = real.placed[this.which % real.placed.length]!;
    model.stopTask(arn);
    real.cluster.stopTask(arn);
  }
  toString = () => `stop #${this.which}`;
}

/** Random command sequences on a random cluster, with RunTask strategies from `strategies`. */
function scenarioArb(strategies: fc.Arbitrary<PlacementStrategy[]>) {
  const setup = fc
    .tuple(taskDefinitionArb('web'), taskDefinitionArb('batch'))
    .chain(([web, batch]) =>
      fc.record({
        definitions: fc.constant([web, batch]),
        snapshot: clusterSnapshotArb([web, batch], { minInstances: 3, maxInstances: 8 }).map(
          withProvider,
        ),
      }),
    );
  return setup.chain(({ definitions, snapshot }) =>
    fc.record({
      snapshot: fc.constant(snapshot),
      commands: fc.commands(
        [
          containerInstanceArb('template').map((template) => new RegisterInstance(template)),
          fc
            .tuple(
              fc.nat(),
              fc.constantFrom('stack', 'ecs.availability-zone'),
              fc.constantFrom('prod', 'dev', 'us-east-1a', 'us-east-1c', undefined),
            )
            .map(([w, n, v]) => new SetAttribute(w, n, v)),
          fc
            .constantFrom(...definitions)
            .chain((definition) =>
              fc.record({
                definition: fc.constant(definition),
                overrides: taskOverrideArb(definition),
                count: fc.integer({ min: 1, max: 10 }),
                group: fc.option(fc.constantFrom(...GROUPS), { nil: undefined }),
                constraints: constraintsArb,
                strategies,
                seed: fc.string({ maxLength: 6 }),
                onProvider: fc.boolean(),
              }),
            )
            .map(
              (r) =>
                new RunTask(
                  r.definition,
                  r.count,
                  r.group,
                  r.constraints,
                  r.strategies,
                  r.seed,
                  r.onProvider,
                  r.overrides,
                ),
            ),
          fc.nat().map((w) => new StopTask(w)),
        ],
        { maxCommands: 20, size: 'large' },
      ),
    }),
  );
}

function agree({ snapshot, commands }: { snapshot: Snapshot; commands: Iterable<Command> }): void {
  const cluster = Cluster.fromSnapshot(snapshot);
  fc.modelRun(
    () => ({ model: ReferenceModel.fromSnapshot(snapshot), real: { cluster, placed: [] } }),
    commands,
  );
}

/** A spread rule first: the bucket counts decide (PENDING-desired tasks, name-only `stack`). */
const spreadFirstArb = fc
  .tuple(
    fc.constantFrom<PlacementStrategy>(
      { type: 'spread', field: 'instanceId' },
      { type: 'spread', field: 'host' },
      { type: 'spread', field: 'attribute:stack' },
    ),
    strategiesArb,
  )
  .map(([spread, rest]) => [spread, ...rest].slice(0, 5));

describe('Cluster against the reference model', () => {
  test('random command sequences agree on every placement and failure', () => {
    fc.assert(fc.property(scenarioArb(strategiesArb), agree), { numRuns: runs(100) });
  });

  test('with a spread rule first, they agree too', () => {
    fc.assert(fc.property(scenarioArb(spreadFirstArb), agree), { numRuns: runs(100) });
  });
});
