import type { CheckName } from './explanation.js';

/** The ECS `failures[].reason` string of each check (docs/placement.md, "Checks and failure reasons"). */
export const FAILURE_REASONS: Readonly<Record<CheckName, string>> = {
  AGENT: 'AGENT',
  ATTRIBUTE: 'ATTRIBUTE',
  'RESOURCE:CPU': 'RESOURCE:CPU',
  'RESOURCE:MEMORY': 'RESOURCE:MEMORY',
  'RESOURCE:PORTS': 'RESOURCE:PORTS',
  'RESOURCE:PORTS_UDP': 'RESOURCE:PORTS_UDP',
  'RESOURCE:ENI': 'RESOURCE:ENI',
  'RESOURCE:GPU': 'RESOURCE:GPU',
  LOCATION: 'LOCATION',
  MemberOf: 'MemberOf placement constraint unsatisfied.',
  DistinctInstance: 'DistinctInstance placement constraint unsatisfied.',
};

/** The checks in ECS order; the first failing one is an instance's reason. */
export const CHECK_ORDER: readonly CheckName[] = [
  'AGENT',
  'ATTRIBUTE',
  'RESOURCE:CPU',
  'RESOURCE:MEMORY',
  'RESOURCE:PORTS',
  'RESOURCE:PORTS_UDP',
  'RESOURCE:ENI',
  'RESOURCE:GPU',
  'LOCATION',
  'MemberOf',
  'DistinctInstance',
];
