/**
 * The change feed: what each state-changing call on a Cluster changed, for a scheduler that
 * acts on decisions (calls StartTask on AWS) and mirrors ECS. Listeners run synchronously
 * after the change is complete; `changes()` is the same feed as an async iterator.
 * See docs/embedding.md, "The change feed".
 */
import { cloneData } from '../cluster/copy-data.js';
import type { Task } from '../kernel/ecs-types.js';

export type ChangeCause =
  | 'runTask'
  | 'startTask'
  | 'stopTask'
  | 'registerContainerInstance'
  | 'deregisterContainerInstance'
  | 'updateContainerInstancesState'
  | 'putAttribute'
  | 'deleteAttributes'
  | 'confirmTask'
  | 'event'
  | 'rollback';

/** CPU units and MiB of memory an instance had left before and after a change. */
export interface ResourceMove {
  containerInstanceArn: string;
  cpu: { before: number; after: number };
  memory: { before: number; after: number };
}

export interface ClusterChange {
  /** 1 for the first change a Cluster object reports, then one more for each. */
  sequence: number;
  /** The cluster's name. */
  cluster: string;
  cause: ChangeCause;
  /** Tasks recorded by runTask or startTask (copies, as the response has them). */
  tasksPlaced: Task[];
  /** ARNs of tasks stopped by stopTask. */
  tasksStopped: string[];
  /** ARNs of tasks recorded or replaced by ECS events, or confirmed (confirmTask). */
  tasksUpdated: string[];
  /** Container instance ARNs registered (registerContainerInstance, or a first event). */
  instancesRegistered: string[];
  /** Container instance ARNs whose record, attributes or status changed (not deregistered). */
  instancesChanged: string[];
  /** Container instance ARNs an event or deregisterContainerInstance made INACTIVE. */
  instancesDeregistered: string[];
  /** CPU and memory left on each instance the change touched, before and after. */
  resources: ResourceMove[];
  /** For a rollback: the sequence numbers of the changes it undid, newest first. */
  undid?: number[];
}

export type ChangeListener = (change: ClusterChange) => void;

/** The parts of a change its maker fills in; the feed numbers it. */
export type ChangeBody = Omit<ClusterChange, 'sequence'>;

export function emptyChange(cluster: string, cause: ChangeCause): ChangeBody {
  return {
    cluster,
    cause,
    tasksPlaced: [],
    tasksStopped: [],
    tasksUpdated: [],
    instancesRegistered: [],
    instancesChanged: [],
    instancesDeregistered: [],
    resources: [],
  };
}

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private sequence = 0;
  /** Sequence numbers reported inside each open transaction, innermost last. */
  private readonly open: number[][] = [];

  /** True when someone listens: callers build a change only then. */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  subscribe(listener: ChangeListener): () => void {
    const own = (change: ClusterChange) => listener(change);
    this.listeners.add(own);
    return () => {
      this.listeners.delete(own);
    };
  }

  /**
   * Reports a change to every listener, each with its own copy. A listener that throws does
   * not stop the others, and does not undo the change: the first error is rethrown once
   * every listener has run.
   */
  emit(body: ChangeBody): void {
    this.sequence++;
    const change: ClusterChange = { sequence: this.sequence, ...body };
    this.open.at(-1)?.push(change.sequence);
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.listeners]) {
      try {
        listener(cloneData(change));
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  /** A transaction starts: the changes reported until it ends are its own. */
  enter(): void {
    this.open.push([]);
  }

  /** The innermost transaction kept its changes: they now belong to the one around it. */
  keep(): void {
    const inner = this.open.pop() ?? [];
    this.open.at(-1)?.push(...inner);
  }

  /** The innermost transaction was rolled back: reports that, naming what it undid. */
  rollback(cluster: string): void {
    const undone = this.open.pop() ?? [];
    if (undone.length === 0 || !this.active) return;
    this.emit({ ...emptyChange(cluster, 'rollback'), undid: undone.reverse() });
  }

  /** The feed as an async iterator; unread changes wait in memory until read or `return()`. */
  iterate(): AsyncIterableIterator<ClusterChange> {
    const buffered: ClusterChange[] = [];
    const waiting: ((result: IteratorResult<ClusterChange>) => void)[] = [];
    let done = false;
    const unsubscribe = this.subscribe((change) => {
      const next = waiting.shift();
      if (next) next({ value: change, done: false });
      else buffered.push(change);
    });
    const finish = (): Promise<IteratorResult<ClusterChange>> => {
      done = true;
      unsubscribe();
      buffered.length = 0;
      for (const next of waiting.splice(0)) next({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    };
    const iterator: AsyncIterableIterator<ClusterChange> = {
      next: () => {
        const value = buffered.shift();
        if (value !== undefined) return Promise.resolve({ value, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: finish,
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
