import type { TaskNeeds } from '../task-needs.js';
import { agentCheck } from './agent-check.js';
import { attributeCheck } from './attribute-check.js';
import { distinctInstanceCheck } from './distinct-instance-check.js';
import { eniCheck } from './eni-check.js';
import { locationCheck } from './location-check.js';
import { type InstancePredicate, memberOfCheck } from './member-of-check.js';
import type { PlacementCheck } from './placement-check.js';
import { tcpPortCheck, udpPortCheck } from './port-checks.js';
import { cpuCheck, gpuCheck, memoryCheck } from './resource-checks.js';

/** The constraints of a call, already compiled (task definition's first, then the request's). */
export interface CompiledConstraints {
  memberOf: readonly { expression: string; predicate: InstancePredicate }[];
  distinctInstance: boolean;
}

/**
 * The checks of one call in ECS order. A check that cannot fail for these needs (no ports,
 * no GPUs, no required attributes, zero reservation) is left out: it would always pass, so
 * the first failing check and the list of failing checks are the same without it.
 */
export function buildCheckChain(
  needs: TaskNeeds,
  constraints: CompiledConstraints,
): PlacementCheck[] {
  const chain: PlacementCheck[] = [agentCheck];
  if (needs.requiredAttributes.length > 0) chain.push(attributeCheck);
  if (needs.cpu > 0) chain.push(cpuCheck);
  if (needs.memory > 0) chain.push(memoryCheck);
  if (needs.tcpPorts.length > 0) chain.push(tcpPortCheck);
  if (needs.udpPorts.length > 0) chain.push(udpPortCheck);
  if (needs.networkMode === 'awsvpc') chain.push(eniCheck);
  if (needs.gpus > 0) chain.push(gpuCheck);
  if (needs.zones !== undefined) chain.push(locationCheck);
  for (const { expression, predicate } of constraints.memberOf) {
    chain.push(memberOfCheck(expression, predicate));
  }
  if (constraints.distinctInstance) chain.push(distinctInstanceCheck);
  return chain;
}
