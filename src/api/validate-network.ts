/** networkConfiguration: required for awsvpc task definitions, refused for the others. */
// The seed's limit is defined once, with the Fargate rules of src/capacity.
import { MAX_AWSVPC_SUBNETS } from '../capacity/validate-fargate-request.js';
import type { NetworkMode } from '../kernel/ecs-types.js';
import type { NetworkConfiguration } from '../kernel/run-task-types.js';
import { invalidParameter } from './validate-shape.js';

export const MAX_SECURITY_GROUPS = 5;

export function validateNetworkConfiguration(
  network: NetworkConfiguration | undefined,
  networkMode: NetworkMode | undefined,
  taskDefinitionName: string,
): void {
  if (networkMode !== 'awsvpc') {
    if (network !== undefined) {
      throw invalidParameter(
        'networkConfiguration',
        describeNetwork(network),
        `only task definitions in the awsvpc network mode take a network configuration; ${taskDefinitionName} uses ${networkMode ?? 'the default (bridge)'} mode`,
      );
    }
    return;
  }
  const awsvpc = network?.awsvpcConfiguration;
  if (awsvpc === undefined) {
    throw invalidParameter(
      'networkConfiguration.awsvpcConfiguration',
      awsvpc,
      `required because task definition ${taskDefinitionName} uses the awsvpc network mode`,
    );
  }
  const { subnets, securityGroups } = awsvpc;
  if (subnets.length < 1 || subnets.length > MAX_AWSVPC_SUBNETS) {
    throw invalidParameter(
      'networkConfiguration.awsvpcConfiguration.subnets',
      `${subnets.length} subnets`,
      `between 1 and ${MAX_AWSVPC_SUBNETS} subnets must be given`,
    );
  }
  if (securityGroups !== undefined && securityGroups.length > MAX_SECURITY_GROUPS) {
    throw invalidParameter(
      'networkConfiguration.awsvpcConfiguration.securityGroups',
      `${securityGroups.length} security groups`,
      `at most ${MAX_SECURITY_GROUPS} security groups are allowed`,
    );
  }
}

/** What was given, in a few words, for the message (`awsvpcConfiguration with 2 subnets`). */
function describeNetwork(network: NetworkConfiguration): string {
  const subnets = network.awsvpcConfiguration?.subnets.length;
  if (subnets === undefined) return 'no awsvpcConfiguration';
  return `awsvpcConfiguration with ${subnets} subnet${subnets === 1 ? '' : 's'}`;
}
