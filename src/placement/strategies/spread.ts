import type { ClusterModel } from '../../cluster/cluster-model.js';
import type { InstanceState } from '../../cluster/instance-state.js';
import type { PlacementStrategy } from '../../kernel/ecs-types.js';
import type { RankRule } from '../rank-rules.js';
import type { PlacementStrategyType } from './placement-strategy-type.js';

const ATTRIBUTE_PREFIX = 'attribute:';
/** Attribute names as ECS allows them: letters, numbers, `_ - / \ .`, 1..128 characters. */
const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-/\\.]{1,128}$/;

/** spread instanceId/host: each instance is its own bucket; its load is its own group tasks. */
function spreadInstances(strategy: PlacementStrategy, group: string): RankRule {
  return {
    strategy,
    key: (i) => i.view.taskGroups.get(group) ?? 0,
    describe: (i) => `${i.id}: ${i.view.taskGroups.get(group) ?? 0} task(s) of ${group}`,
    onPlaced: () => {}, // the instance's own view is already updated by the commit
  };
}

/**
 * spread attribute:X: a bucket per value (instances lacking X share one bucket); its load is
 * the group's RUNNING-desired tasks on every ACTIVE instance with that value, kept
 * incrementally for the rest of the call.
 */
function spreadAttribute(
  strategy: PlacementStrategy,
  model: ClusterModel,
  group: string,
  name: string,
): RankRule {
  const column = model.attributeColumn(name);
  const load = new Int32Array(column.size);
  for (const [host, tasks] of model.groupHostsOf(group) ?? []) {
    if (host.status === 'ACTIVE') load[column.ids[host.index]!]! += tasks;
  }
  const bucket = (i: InstanceState) => column.ids[i.index]!;
  return {
    strategy,
    buckets: { of: bucket, load, ids: column.ids },
    key: (i) => load[bucket(i)]!,
    describe: (i) =>
      `${column.values[bucket(i)] ?? `(no ${name})`}: ${load[bucket(i)]} task(s) of ${group}`,
    onPlaced: (i) => {
      load[bucket(i)]!++;
    },
  };
}

/** spread: the instance whose bucket (itself, or its value of an attribute) has fewest group tasks first. */
export const spreadStrategy: PlacementStrategyType = {
  type: 'spread',
  fieldProblem(field) {
    if (field === 'instanceId' || field === 'host') return undefined;
    if (
      field?.startsWith(ATTRIBUTE_PREFIX) &&
      ATTRIBUTE_NAME.test(field.slice(ATTRIBUTE_PREFIX.length))
    ) {
      return undefined;
    }
    return 'spread needs the field instanceId, host or attribute:NAME (NAME: 1 to 128 letters, numbers, _ - / \\ .)';
  },
  rank(strategy, { model, group }) {
    const field = strategy.field ?? '';
    if (field === 'instanceId' || field === 'host') return spreadInstances(strategy, group);
    if (field.startsWith(ATTRIBUTE_PREFIX)) {
      return spreadAttribute(strategy, model, group, field.slice(ATTRIBUTE_PREFIX.length));
    }
    return undefined;
  },
};
