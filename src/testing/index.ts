export * from './arbitraries.js';
export * from './builders.js';
export { cqlExpressionArb, instanceViewArb } from './cql-arbitraries.js';
export * from './invariants.js';
export {
  type CallFacts,
  callFacts,
  independentFailures,
  type PlannedCall,
  planScenario,
  type ReplayStep,
  replay,
} from './replay.js';
export * from './hostile-arbitraries.js';
