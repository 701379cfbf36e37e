/**
 * The prepare phase of RunTask: every check the request must pass, each made once and in
 * the service's order (shape, single-valued members, cluster, clientToken, task definition,
 * launch targets, the rules of each launch type, instances, Fargate), then everything the
 * placers and the response need, settled: a PreparedCall. Nothing here changes the cluster.
 */
import seedrandom from 'seedrandom';
import type { LaunchTarget } from '../capacity/resolve-launch-targets.js';
import { resolveLaunchTargets } from '../capacity/resolve-launch-targets.js';
import { managedScalingOf } from '../capacity/managed-scaling.js';
import type { InstanceTarget, PlacementTarget } from '../capacity/placement-target.js';
import { settleFargateTargets } from '../capacity/settle-fargate-targets.js';
import type { ClusterModel } from '../cluster/cluster-model.js';
import { defaultGroup } from '../cluster/task-group.js';
import type { ClusterSnapshot, Snapshot, TaskDefinition } from '../kernel/ecs-types.js';
import { InvalidParameterException } from '../kernel/errors.js';
import type { RunTaskInput, RunTaskOutput } from '../kernel/run-task-types.js';
import type { PlacementExplanation } from '../placement/explanation.js';
import type { CallPlacement } from '../placement/placer.js';
import { computeTaskNeeds } from '../placement/task-needs.js';
import { type ArnContext, capacityProviderArn, clusterArn, taskDefinitionArn } from './arns.js';
import type { ClientTokens } from './client-tokens.js';
import { compileConstraints } from './compile-constraints.js';
import { resolveCluster } from './resolve-cluster.js';
import { resolveTaskDefinition } from './resolve-task-definition.js';
import { subnetZones } from './subnet-zones.js';
import { echoOverrides, taskTags } from './task-echo.js';
import { type CallArns, RunTaskFactory } from './task-factory.js';
import { parseRunTaskInput, validateForLaunchType } from './validate-run-task.js';
import { validateScalars } from './validate-scalars.js';

/** What the prepare phase reads of the Cluster facade. */
export interface RunTaskContext {
  readonly snapshot: Snapshot;
  /** The snapshot's subnet id -> Availability Zone map. */
  readonly subnetZones: ReadonlyMap<string, string>;
  model(cluster: ClusterSnapshot): ClusterModel;
  tokens(cluster: ClusterSnapshot): ClientTokens | undefined;
}

export interface RunTaskSettings {
  seed: string;
  /** The clock for `createdAt` and the clientToken window (epoch milliseconds or a Date). */
  now: number | Date | undefined;
  /** Plan mode: where the placers record their traces. */
  explanation: PlacementExplanation | undefined;
}

/** A RunTask call that passed every check, ready for its placers and its response. */
export interface PreparedCall extends CallPlacement {
  readonly kind: 'call';
  readonly request: RunTaskInput;
  readonly definition: TaskDefinition;
  readonly snapshot: Snapshot;
  readonly tokens: ClientTokens | undefined;
  readonly arns: CallArns;
  /** The call's clock: epoch milliseconds (the clientToken window) and the tasks' createdAt. */
  readonly clock: { readonly nowMs: number; readonly createdAt: string };
  /** Tasks asked for (the request's count, 1 by default). */
  readonly count: number;
  /** Where the tasks go, share by share, in strategy order. */
  readonly targets: readonly PlacementTarget[];
}

/** A call whose clientToken repeats a recorded one: its response, and nothing to place. */
export interface ReplayedCall {
  readonly kind: 'replay';
  readonly response: RunTaskOutput;
  readonly replayOf: { clientToken: string; recordedAt: string };
  readonly clientToken: string;
  readonly clusterName: string;
}

const NO_INSTANCES = 'No Container Instances were found in your cluster.';

/** Validates the request once, in the service's order, and settles the call; throws the ECS exceptions. */
export function prepareRunTask(
  context: RunTaskContext,
  input: unknown,
  settings: RunTaskSettings,
): PreparedCall | ReplayedCall {
  const { snapshot } = context;
  const request = parseRunTaskInput(input);
  // count (and the other launch-independent members) must hold before the split uses count.
  validateScalars(request);
  const cluster = resolveCluster(snapshot, request.cluster);
  const nowMs = new Date(settings.now ?? Date.now()).getTime();
  const tokens = context.tokens(cluster);
  const replayed = tokens?.replay(request, nowMs);
  if (replayed) {
    return {
      kind: 'replay',
      ...replayed,
      clientToken: replayed.replayOf.clientToken,
      clusterName: cluster.clusterName,
    };
  }
  const model = context.model(cluster);
  const definition = resolveTaskDefinition(
    snapshot.taskDefinitions,
    request.taskDefinition,
    snapshot,
  );
  const count = request.count ?? 1;
  const shares = resolveLaunchTargets(request, cluster, snapshot, count);
  // The request rules depend on the launch type only: once per kind, not once per share.
  for (const kind of new Set(shares.map((t) => t.kind))) {
    validateForLaunchType(request, definition, kind);
  }
  const arns = callArnsOf(snapshot, model, definition);
  const instanceTargets = shares.flatMap((share) =>
    share.kind === 'FARGATE' ? [] : [instanceTarget(share, share.kind, snapshot, arns)],
  );
  // A managed-scaling share needs no instance yet: its tasks can wait for the group to grow.
  if (
    instanceTargets.some((t) => t.managedScaling === undefined) &&
    !model.instances.some((i) => i.status !== 'INACTIVE')
  ) {
    throw new InvalidParameterException(NO_INSTANCES);
  }
  const createdAt = new Date(nowMs).toISOString();
  const fargateTargets = settleFargateTargets(
    request,
    definition,
    shares.filter((share) => share.kind === 'FARGATE'),
    snapshot.subnets,
  );
  // Back in the order of the shares.
  let instanceAt = 0;
  let fargateAt = 0;
  const targets: PlacementTarget[] = shares.map((share) =>
    share.kind === 'FARGATE' ? fargateTargets[fargateAt++]! : instanceTargets[instanceAt++]!,
  );

  const needs = computeTaskNeeds(
    definition,
    request.overrides,
    subnetZones(request.networkConfiguration, context.subnetZones),
  );
  const group = request.group ?? defaultGroup(definition);
  const tasks = new RunTaskFactory(
    {
      arns,
      seed: settings.seed,
      request,
      needs,
      group,
      overrides: echoOverrides(definition, request.overrides),
      tags: taskTags(request, definition, model.clusterName),
      createdAt,
      subnets: context.subnetZones,
    },
    model,
  );
  return {
    kind: 'call',
    request,
    definition,
    snapshot,
    tokens,
    arns,
    clock: { nowMs, createdAt },
    count,
    targets,
    model,
    needs,
    group,
    constraints: compileConstraints(definition, request.placementConstraints),
    strategies: request.placementStrategy ?? [],
    random: seedrandom(settings.seed),
    tasks,
    trace: settings.explanation?.tasks,
  };
}

/** The snapshot's ARNs where it has them, else built as ECS builds them. */
function callArnsOf(snapshot: Snapshot, model: ClusterModel, definition: TaskDefinition): CallArns {
  const context: ArnContext = { region: snapshot.region, accountId: snapshot.accountId };
  return {
    context,
    cluster: model.source.clusterArn ?? clusterArn(context, model.clusterName),
    taskDefinition:
      definition.taskDefinitionArn ??
      taskDefinitionArn(context, definition.family, definition.revision),
  };
}

function instanceTarget(
  share: LaunchTarget,
  kind: InstanceTarget['kind'],
  snapshot: Snapshot,
  arns: CallArns,
): InstanceTarget {
  const provider = share.capacityProvider;
  const described =
    provider !== undefined
      ? snapshot.capacityProviders?.find((p) => p.name === provider)
      : undefined;
  return {
    kind,
    count: share.count,
    capacityProvider: provider,
    managedScaling: managedScalingOf(snapshot, provider),
    scopeArn:
      provider !== undefined
        ? (described?.capacityProviderArn ?? capacityProviderArn(arns.context, provider))
        : arns.cluster,
  };
}
