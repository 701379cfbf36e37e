// ecs-placement/testing: fast-check arbitraries, snapshot builders and the placement
// invariants as reusable properties. The replay machinery the invariants use (replay.ts)
// stays internal: it works on the cluster model, which is not part of the API.
export * from './arbitraries.js';
export * from './builders.js';
export { cqlExpressionArb, instanceViewArb } from './cql-arbitraries.js';
export * from './invariants.js';
export * from './hostile-arbitraries.js';
