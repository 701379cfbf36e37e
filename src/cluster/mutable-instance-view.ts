import type { AttributeColumns, InstanceView } from '../kernel/instance-view.js';

/**
 * The model's own InstanceView: the same object for the instance's whole life, updated in
 * place when tasks come and go, so compiled CQL predicates read it without any copying.
 */
export class MutableInstanceView implements InstanceView {
  runningTasksCount = 0;
  readonly taskGroups = new Map<string, number>();

  constructor(
    public ec2InstanceId: string | undefined,
    public agentConnected: boolean,
    public agentVersion: string | undefined,
    public registeredAt: number | undefined,
    readonly attributes: Map<string, string | null>,
    /** The model's attribute columns and this instance's row; undefined outside a model. */
    readonly attributeColumns: AttributeColumns | undefined = undefined,
    readonly attributeRow: number | undefined = undefined,
  ) {}

  addGroupTask(group: string): void {
    this.taskGroups.set(group, (this.taskGroups.get(group) ?? 0) + 1);
    this.runningTasksCount++;
  }

  removeGroupTask(group: string): void {
    const left = (this.taskGroups.get(group) ?? 0) - 1;
    if (left > 0) this.taskGroups.set(group, left);
    else this.taskGroups.delete(group);
    this.runningTasksCount--;
  }
}
