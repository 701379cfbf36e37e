// The public API of ecs-placement (re-exports only). See README.md and docs/.
export {
  Cluster,
  type ClusterRunTaskOptions,
  DEFAULT_SEED,
  type RunTaskPlan,
} from './api/cluster.js';
export * from './kernel/errors.js';
export type * from './kernel/run-task-types.js';
export { estimateScaleOut, type ScaleOutEstimate } from './capacity/estimate-scale-out.js';
export { PROVISIONING_TASKS_PER_CLUSTER } from './capacity/provisioning-quota.js';
export {
  type CapacityProviderShare,
  splitByCapacityProvider,
} from './capacity/split-by-capacity-provider.js';
export type * from './kernel/ecs-types.js';
export type { InstanceView } from './kernel/instance-view.js';
export { SnapshotError, validateSnapshot } from './cluster/validate-snapshot.js';
export {
  type CompiledExpression,
  CqlError,
  CqlSyntaxError,
  compileExpression,
  type Expression,
  type ParseResult,
  parseExpression,
  printExpression,
  validateExpression,
} from './cql/index.js';
export type * from './placement/explanation.js';
export { whyNot } from './placement/why-not.js';
export {
  type ImportDocument,
  type ImportSnapshotOptions,
  type ImportSnapshotResult,
  importSnapshot,
  parseJsonDocuments,
  SnapshotImportError,
} from './snapshot/index.js';
