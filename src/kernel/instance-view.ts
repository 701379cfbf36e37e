/**
 * What a compiled CQL predicate may read of a container instance. The cluster model keeps
 * one view per instance and updates it in place as tasks are placed, so a predicate never
 * allocates and never rescans tasks.
 */
export interface InstanceView {
  readonly ec2InstanceId: string | undefined;
  readonly agentConnected: boolean;
  readonly agentVersion: string | undefined;
  /** Registration time in epoch milliseconds. */
  readonly registeredAt: number | undefined;
  /** Tasks on the instance whose desiredStatus is RUNNING (pending ones included). */
  readonly runningTasksCount: number;
  /** Attribute name -> value; `null` for a name-only attribute; absent key = no attribute. */
  readonly attributes: ReadonlyMap<string, string | null>;
  /** Group -> number of tasks of that group on the instance whose desiredStatus is RUNNING. */
  readonly taskGroups: ReadonlyMap<string, number>;
  /**
   * Optional, for speed: the attribute columns of the view's cluster, and the view's row in
   * them (the cluster model sets both; a view built by hand leaves them out). For every
   * attribute name, `values[ids[attributeRow]]` of its column is the view's value: `null`
   * when the view lacks the attribute or has it without a value. A compiled comparison then
   * decides once per distinct value of the column instead of once per instance.
   */
  readonly attributeColumns?: AttributeColumns | undefined;
  readonly attributeRow?: number | undefined;
}

/** The attribute columns of a cluster (see InstanceView.attributeColumns). */
export interface AttributeColumns {
  /** The column of attribute `name`. */
  column(name: string): AttributeColumnView;
}

/** One attribute's values across a cluster's instances, interned (see InstanceView). */
export interface AttributeColumnView {
  /** Per row: the id of the instance's value; 0 when it lacks the attribute or has no value. */
  readonly ids: Int32Array;
  /** id -> value; `values[0]` is null. An id keeps its value for the column's life. */
  readonly values: readonly (string | null)[];
  /**
   * A number no other column has had: what a reader remembers about the column (instead of
   * holding it), so that a new column with new ids is never mistaken for it.
   */
  readonly serial: number;
}

/**
 * Many instances' views at once, by row (the cluster model's instance index), so that an
 * expression can be evaluated over many instances in one pass (CompiledExpression.filter):
 * a comparison on a field that is a column here reads the column, any other reads the
 * row's view. For every row, `view(row)` has the row's values of these columns, and its
 * `attributeColumns` and `attributeRow` are this table's and the row.
 */
export interface InstanceViewTable {
  /** The view of a row. */
  view(row: number): InstanceView;
  readonly attributeColumns: AttributeColumns;
  /** Per row: 1 when the agent is connected, else 0 (InstanceView.agentConnected). */
  readonly agentConnected: ArrayLike<number>;
  /** Per row: InstanceView.runningTasksCount. */
  readonly runningTasksCount: ArrayLike<number>;
}
