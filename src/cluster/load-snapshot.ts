/**
 * Loading a snapshot into the cluster models a Cluster keeps, in one pass: each instance and
 * task is checked and copied (validate-snapshot.ts, every rule and message of
 * validateSnapshot) and, in the same step, joins its cluster's model, which takes what the
 * check has already read (resource figures, port and GPU sets, the attribute map, the
 * registration time) instead of reading the copy again.
 *
 * What is kept is the checker's copy, never the caller's objects: the caller may change its
 * snapshot afterwards without reaching the cluster. An instance's attributes are kept once,
 * in its model's attribute map (the copy's `attributes` member stays in its place, but
 * undefined; the model writes the list out from the map), so the copy is for the library's
 * own keeping, never to be handed to a caller (the Cluster hands out what the model writes).
 */
import type { ContainerInstance, Snapshot, Task } from '../kernel/ecs-types.js';
import { ClusterModel } from './cluster-model.js';
import { InstanceLoad } from './validate-container-instance.js';
import { type ClusterLoad, checkSnapshot } from './validate-snapshot.js';

export interface LoadedSnapshot {
  /** The checked, normalised copy (see validateSnapshot). */
  snapshot: Snapshot;
  /** Each cluster's model, built from that copy, by cluster name. */
  models: Map<string, ClusterModel>;
}

/** Checks a parsed snapshot (throws SnapshotError with a JSON path) and builds its models. */
export function loadSnapshot(json: unknown): LoadedSnapshot {
  const models = new Map<string, ClusterModel>();
  const snapshot = checkSnapshot(json, {
    cluster: (copy) => {
      const model = ClusterModel.loading(copy);
      models.set(copy.clusterName, model);
      return new ModelLoad(model, new InstanceLoad(model.attributeShapes));
    },
  });
  return { snapshot, models };
}

class ModelLoad implements ClusterLoad {
  constructor(
    private readonly model: ClusterModel,
    readonly instances: InstanceLoad,
  ) {}

  instance(copy: ContainerInstance): void {
    this.model.loadInstance(copy, this.instances.reading);
  }

  task(copy: Task): void {
    this.model.loadTaskRecord(copy);
  }

  done(): void {
    this.model.loaded();
  }
}
