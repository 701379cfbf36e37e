export type { CompiledConstraints } from './checks/check-chain.js';
export { buildCheckChain } from './checks/check-chain.js';
export type { InstancePredicate } from './checks/member-of-check.js';
export type { CheckContext, PlacementCheck } from './checks/placement-check.js';
export type * from './explanation.js';
export { CHECK_ORDER, FAILURE_REASONS } from './failure-reasons.js';
export {
  type PlacementCall,
  type PlacementFailure,
  type PlacementOutcome,
  placeTasks,
} from './place-tasks.js';
export { buildRankRules, type RankRule } from './rank-rules.js';
export { computeTaskNeeds, type TaskNeeds } from './task-needs.js';
export { summarizeVerdicts } from './trace-summary.js';
export { whyNot } from './why-not.js';
