/**
 * Placement strategies as ranking rules: each gives a candidate a key, lower is better.
 * A call applies them lexicographically (docs/placement.md, "Strategies").
 */
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { PlacementStrategy } from '../kernel/ecs-types.js';
import type { InstanceState } from '../cluster/instance-state.js';

export interface RankRule {
  readonly strategy: PlacementStrategy;
  /** The candidate's rank under this rule; lower is better. */
  key(instance: InstanceState): number;
  /**
   * Bucket rules (spread on an attribute): the key is `load[bucketOf(instance)]`, and the
   * load array changes for every instance of a bucket at once. Other rules' keys change only
   * for the instance that receives a task.
   */
  readonly buckets?: { of(instance: InstanceState): number; load: Int32Array };
  /** What the key is about, for the explanation ("us-east-1a: 2 tasks", "1024 MiB left"). */
  describe(instance: InstanceState): string;
  /** Keeps incremental counts right after a task of the call lands on `instance`. */
  onPlaced(instance: InstanceState): void;
}

const ATTRIBUTE_PREFIX = 'attribute:';

function binpack(strategy: PlacementStrategy, field: 'cpu' | 'memory'): RankRule {
  return field === 'cpu'
    ? {
        strategy,
        key: (i) => i.cpu,
        describe: (i) => `${i.cpu} CPU units left`,
        onPlaced: () => {},
      }
    : {
        strategy,
        key: (i) => i.memory,
        describe: (i) => `${i.memory} MiB left`,
        onPlaced: () => {},
      };
}

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
    buckets: { of: bucket, load },
    key: (i) => load[bucket(i)]!,
    describe: (i) =>
      `${column.values[bucket(i)] ?? `(no ${name})`}: ${load[bucket(i)]} task(s) of ${group}`,
    onPlaced: (i) => {
      load[bucket(i)]!++;
    },
  };
}

/**
 * The rules of a call in order. `random` ends the list: it leaves every remaining candidate
 * tied, so later rules could never matter. Unknown fields (rejected earlier by request
 * validation) rank nothing.
 */
export function buildRankRules(
  strategies: readonly PlacementStrategy[],
  model: ClusterModel,
  group: string,
): RankRule[] {
  const rules: RankRule[] = [];
  for (const strategy of strategies) {
    const field = strategy.field ?? '';
    if (strategy.type === 'random' || strategy.type === undefined) break;
    if (strategy.type === 'binpack' && (field === 'cpu' || field === 'memory')) {
      rules.push(binpack(strategy, field));
    } else if (strategy.type === 'spread' && (field === 'instanceId' || field === 'host')) {
      rules.push(spreadInstances(strategy, group));
    } else if (strategy.type === 'spread' && field.startsWith(ATTRIBUTE_PREFIX)) {
      rules.push(spreadAttribute(strategy, model, group, field.slice(ATTRIBUTE_PREFIX.length)));
    }
  }
  return rules;
}
