/**
 * How many awsvpc tasks an instance can hold (RESOURCE:ENI, docs/placement.md). In order:
 * an explicit `ENI` resource in the instance's `registeredResources` (the task interfaces it
 * offers); the ECS trunking task limit of its type when it has a trunk interface
 * (`ecs.awsvpc-trunk-id`); the EC2 limit of its type less the primary interface. Otherwise
 * the limit is unknown and the check is not made.
 */
import type { InstanceState } from '../cluster/instance-state.js';
import { hasResource, numericResource } from '../cluster/resources.js';
import { MAX_NETWORK_INTERFACES, TRUNK_TASK_LIMITS } from './data/eni-limits.js';

export const INSTANCE_TYPE_ATTRIBUTE = 'ecs.instance-type';
export const TRUNK_ATTRIBUTE = 'ecs.awsvpc-trunk-id';
/** The `registeredResources` entry that states an instance's task interfaces explicitly. */
export const ENI_RESOURCE = 'ENI';

export interface EniCapacity {
  /** awsvpc tasks the instance can hold; undefined when nothing tells. */
  tasks: number | undefined;
  source: 'override' | 'trunk' | 'instance-type' | 'unknown';
  instanceType: string | undefined;
  trunk: boolean;
}

export function eniCapacity(instance: InstanceState): EniCapacity {
  const attributes = instance.view.attributes;
  const instanceType = attributes.get(INSTANCE_TYPE_ATTRIBUTE) ?? undefined;
  const trunk = attributes.has(TRUNK_ATTRIBUTE);
  const registered = instance.source.registeredResources;
  if (hasResource(registered, ENI_RESOURCE)) {
    return {
      tasks: numericResource(registered, ENI_RESOURCE),
      source: 'override',
      instanceType,
      trunk,
    };
  }
  if (instanceType !== undefined) {
    const limit = trunk ? TRUNK_TASK_LIMITS[instanceType] : MAX_NETWORK_INTERFACES[instanceType];
    if (limit !== undefined) {
      // Without trunking the primary interface takes one of the instance's interfaces.
      return {
        tasks: trunk ? limit : limit - 1,
        source: trunk ? 'trunk' : 'instance-type',
        instanceType,
        trunk,
      };
    }
  }
  return { tasks: undefined, source: 'unknown', instanceType, trunk };
}

/** The task interfaces an instance can hold, or undefined (hot path: no object). */
export function eniTaskLimit(instance: InstanceState): number | undefined {
  const registered = instance.source.registeredResources;
  if (registered !== undefined && hasResource(registered, ENI_RESOURCE)) {
    return numericResource(registered, ENI_RESOURCE);
  }
  const instanceType = instance.view.attributes.get(INSTANCE_TYPE_ATTRIBUTE);
  if (instanceType == null) return undefined;
  if (instance.view.attributes.has(TRUNK_ATTRIBUTE)) return TRUNK_TASK_LIMITS[instanceType];
  const limit = MAX_NETWORK_INTERFACES[instanceType];
  return limit === undefined ? undefined : limit - 1;
}

/** Why the limit is unknown, for the explanation. */
export function unknownEniNote(capacity: EniCapacity): string {
  const what =
    capacity.instanceType === undefined
      ? 'the instance has no ecs.instance-type attribute'
      : capacity.trunk
        ? `instance type ${capacity.instanceType} has no ENI trunking task limit in our table`
        : `instance type ${capacity.instanceType} is not in our ENI table`;
  return `ENI limit unknown: ${what} and registeredResources has no ENI entry; RESOURCE:ENI not checked`;
}
