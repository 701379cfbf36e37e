/** Runs the placement engine directly on a snapshot, without the facade (and without CQL). */
import seedrandom from 'seedrandom';
import { ClusterModel, type InstanceScope } from '../../src/cluster/cluster-model.js';
import type { PlacementStrategy, Snapshot, TaskDefinition } from '../../src/kernel/ecs-types.js';
import type { InstanceView } from '../../src/kernel/instance-view.js';
import type { InstancePredicate } from '../../src/placement/checks/member-of-check.js';
import type { PlacementExplanation } from '../../src/placement/explanation.js';
import { type PlacementOutcome, placeTasks } from '../../src/placement/place-tasks.js';
import { computeTaskNeeds } from '../../src/placement/task-needs.js';

/** A memberOf stand-in: `attribute:NAME == VALUE`. */
export function attributeEquals(
  name: string,
  value: string,
): { expression: string; predicate: InstancePredicate } {
  const expression = `attribute:${name} == ${value}`;
  const matches = (view: InstanceView) => view.attributes.get(name) === value;
  return {
    expression,
    predicate: {
      matches,
      explain: (view) =>
        matches(view)
          ? []
          : [
              {
                text: expression,
                span: { start: 0, end: expression.length },
                observed: view.attributes.get(name) ?? null,
              },
            ],
    },
  };
}

export interface EngineRun {
  definition: TaskDefinition;
  count?: number;
  group?: string;
  strategies?: PlacementStrategy[];
  memberOf?: { expression: string; predicate: InstancePredicate }[];
  distinctInstance?: boolean;
  seed?: string;
  scope?: InstanceScope;
  explain?: boolean;
  /** Called each time the engine builds a task, before it does (to act from inside a placement). */
  beforeBuildTask?: () => void;
}

export interface EngineResult extends PlacementOutcome {
  model: ClusterModel;
  explanation: PlacementExplanation;
  /** Container instance id of each placed task, in order. */
  placedOn: string[];
}

export function runEngine(
  snapshot: Snapshot,
  run: EngineRun,
  model = new ClusterModel(snapshot.clusters[0]!),
): EngineResult {
  const seed = run.seed ?? 'test';
  const explanation: PlacementExplanation = { seed, tasks: [], summary: '' };
  const group = run.group ?? `family:${run.definition.family}`;
  const outcome = placeTasks({
    model,
    candidates: model.candidates(run.scope ?? { kind: 'EC2' }),
    needs: computeTaskNeeds(run.definition, undefined),
    group,
    constraints: { memberOf: run.memberOf ?? [], distinctInstance: run.distinctInstance ?? false },
    strategies: run.strategies ?? [],
    count: run.count ?? 1,
    random: seedrandom(seed),
    buildTask: (instance, gpuIds) => {
      run.beforeBuildTask?.();
      return {
        taskArn: `arn:aws:ecs:us-east-1:123456789012:task/default/t${model.tasks.length}`,
        containerInstanceArn: instance.arn,
        desiredStatus: 'RUNNING',
        lastStatus: 'PENDING',
        group,
        containers: gpuIds.map((ids, k) => ({ name: `c${k}`, gpuIds: ids })),
      };
    },
    ...(run.explain ? { trace: { tasks: explanation.tasks, firstTaskIndex: 0 } } : {}),
  });
  const placedOn = outcome.tasks.map((t) =>
    t.containerInstanceArn!.slice(t.containerInstanceArn!.lastIndexOf('/') + 1),
  );
  return { ...outcome, model, explanation, placedOn };
}
