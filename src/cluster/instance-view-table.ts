/**
 * The cluster model's instances as one InstanceViewTable: rows are instance indexes, the
 * columns are the model's own (InstanceColumns, the interned attribute columns), so a CQL
 * expression evaluated over many instances (CompiledExpression.filter) reads arrays and
 * visits an instance's view only for the comparisons that have no column.
 */
import type { AttributeColumns, InstanceView, InstanceViewTable } from '../kernel/instance-view.js';
import type { InstanceColumns, InstanceState } from './instance-state.js';

export class ModelViewTable implements InstanceViewTable {
  constructor(
    private readonly instances: readonly InstanceState[],
    private readonly columns: InstanceColumns,
    readonly attributeColumns: AttributeColumns,
  ) {}

  view(row: number): InstanceView {
    return this.instances[row]!.view;
  }

  // Read at each use: the columns' arrays are replaced when they grow.
  get agentConnected(): Uint8Array {
    return this.columns.agentConnected;
  }

  get runningTasksCount(): Float64Array {
    return this.columns.runningTasks;
  }
}
