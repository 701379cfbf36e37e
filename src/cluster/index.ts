export type { AttributeColumn } from './attribute-column.js';
export { CPU_FORMS, MEMORY_FORMS, parseCpuUnits, parseMemoryMiB } from './cpu-memory-units.js';
export { ClusterModel, groupOfTask, type InstanceScope } from './cluster-model.js';
export { EXTERNAL_ATTRIBUTE, InstanceState, arnId } from './instance-state.js';
export { MutableInstanceView } from './mutable-instance-view.js';
export { footprintOfTask, type TaskFootprint } from './task-footprint.js';
export { toEpochMillis } from './timestamps.js';
export { SnapshotError, validateSnapshot } from './validate-snapshot.js';
