/**
 * Model-based test: random sequences of RegisterContainerInstance, PutAttributes, RunTask and
 * StopTask against the Cluster facade and the naive reference model; every RunTask must
 * choose the same instances, report the same failures and leave the same number of tasks
 * waiting in PROVISIONING. Some task definitions are awsvpc (RESOURCE:ENI), and RunTask may
 * target the capacity provider `asg`, which has managed scaling and owns some instances.
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
} from '../../src/kernel/ecs-types.js';
import {
  awsvpcNetwork,
  clusterSnapshotArb,
  constraintsArb,
  containerInstanceArb,
  GROUPS,
  strategiesArb,
  taskDefinitionArb,
} from '../../src/testing/arbitraries.js';
import { instanceArn, TEST_ACCOUNT, TEST_REGION } from '../../src/testing/builders.js';
import { ReferenceModel } from './reference-model.js';

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

class SetAttribute implements Command {
  constructor(
    readonly which: number,
    readonly name: string,
    readonly value: string,
  ) {}
  check = (model: Readonly<ReferenceModel>) => model.instances.length > 0;
  run(model: ReferenceModel, real: Real): void {
    const instance = model.instances[this.which % model.instances.length]!;
    model.putAttribute(instance.arn, this.name, this.value);
    real.cluster.putAttribute(instance.arn, this.name, this.value);
  }
  toString = () => `put ${this.name}=${this.value} on #${this.which}`;
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
  ) {}
  check = () => true;
  run(model: ReferenceModel, real: Real): void {
    const expected = model.runTask({
      definition: this.definition,
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
        ...(this.constraints.length > 0 ? { placementConstraints: this.constraints } : {}),
        ...(this.strategies.length > 0 ? { placementStrategy: this.strategies } : {}),
      },
      { seed: this.seed },
    );
    const placed = actual.tasks.filter((t) => t.lastStatus !== 'PROVISIONING');
    expect(placed.map((t) => t.containerInstanceArn)).toEqual(expected.placedOn);
    expect(actual.tasks.length - placed.length).toBe(expected.waiting);
    // The model states no `detail` (prose); instance, reason and count must agree.
    expect(actual.failures.map(({ arn, reason }) => ({ arn, reason }))).toEqual(expected.failures);
    model.renameLastTasks(placed.map((t) => t.taskArn));
    real.placed.push(...placed.map((t) => t.taskArn));
  }
  toString = () =>
    `runTask(${this.definition.family}${this.definition.networkMode === 'awsvpc' ? ' awsvpc' : ''} x${this.count}${this.onProvider ? ' on asg' : ''}, ${JSON.stringify(this.constraints)}, ${JSON.stringify(this.strategies)}, seed ${this.seed})`;
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

describe('Cluster against the reference model', () => {
  test('random command sequences agree on every placement and failure', () => {
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
    fc.assert(
      fc.property(
        setup.chain(({ definitions, snapshot }) =>
          fc.record({
            snapshot: fc.constant(snapshot),
            commands: fc.commands(
              [
                containerInstanceArb('template').map((template) => new RegisterInstance(template)),
                fc
                  .tuple(
                    fc.nat(),
                    fc.constantFrom('stack', 'ecs.availability-zone'),
                    fc.constantFrom('prod', 'dev', 'us-east-1a', 'us-east-1c'),
                  )
                  .map(([w, n, v]) => new SetAttribute(w, n, v)),
                fc
                  .record({
                    definition: fc.constantFrom(...definitions),
                    count: fc.integer({ min: 1, max: 10 }),
                    group: fc.option(fc.constantFrom(...GROUPS), { nil: undefined }),
                    constraints: constraintsArb,
                    strategies: strategiesArb,
                    seed: fc.string({ maxLength: 6 }),
                    onProvider: fc.boolean(),
                  })
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
                      ),
                  ),
                fc.nat().map((w) => new StopTask(w)),
              ],
              { maxCommands: 20, size: 'large' },
            ),
          }),
        ),
        ({ snapshot, commands }) => {
          const cluster = Cluster.fromSnapshot(snapshot);
          fc.modelRun(
            () => ({
              model: ReferenceModel.fromSnapshot(snapshot),
              real: { cluster, placed: [] },
            }),
            commands,
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
