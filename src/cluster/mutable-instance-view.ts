import type { AttributeColumns, InstanceView } from '../kernel/instance-view.js';
import type { AttributeMap } from './attribute-map.js';
import type { InstanceColumns } from './instance-state.js';

/** The task groups of a view without tasks: shared, never written to (see addGroupTask). */
const NO_TASK_GROUPS: ReadonlyMap<string, number> = new Map();

/**
 * The model's own InstanceView: the same object for the instance's whole life, updated in
 * place when tasks come and go, so compiled CQL predicates read it without any copying.
 * `agentConnected` and `runningTasksCount` live in the instance's row of the typed columns
 * (InstanceColumns), so a pass over many instances reads them without visiting the views.
 */
export class MutableInstanceView implements InstanceView {
  /** Shared and empty until the view's first task (most instances of a large cluster have none). */
  taskGroups: ReadonlyMap<string, number> = NO_TASK_GROUPS;

  constructor(
    /** The columns holding this view's agentConnected and runningTasksCount, at `row`. */
    private readonly counts: InstanceColumns,
    private readonly row: number,
    public ec2InstanceId: string | undefined,
    agentConnected: boolean,
    public agentVersion: string | undefined,
    public registeredAt: number | undefined,
    readonly attributes: AttributeMap,
    /** The model's attribute columns and this instance's row; undefined outside a model. */
    readonly attributeColumns: AttributeColumns | undefined = undefined,
    readonly attributeRow: number | undefined = undefined,
  ) {
    this.agentConnected = agentConnected;
    this.runningTasksCount = 0;
  }

  get agentConnected(): boolean {
    return this.counts.agentConnected[this.row] === 1;
  }

  set agentConnected(connected: boolean) {
    this.counts.agentConnected[this.row] = connected ? 1 : 0;
  }

  get runningTasksCount(): number {
    return this.counts.runningTasks[this.row]!;
  }

  set runningTasksCount(count: number) {
    this.counts.runningTasks[this.row] = count;
  }

  addGroupTask(group: string): void {
    let groups = this.taskGroups as Map<string, number>;
    if (groups === NO_TASK_GROUPS) {
      groups = new Map();
      this.taskGroups = groups;
    }
    groups.set(group, (groups.get(group) ?? 0) + 1);
    this.runningTasksCount++;
  }

  removeGroupTask(group: string): void {
    const groups = this.taskGroups as Map<string, number>;
    const left = (groups.get(group) ?? 0) - 1;
    if (left > 0) groups.set(group, left);
    else if (groups !== NO_TASK_GROUPS) groups.delete(group);
    this.runningTasksCount--;
  }
}
