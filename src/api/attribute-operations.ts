/**
 * PutAttributes, DeleteAttributes and ListAttributes on container instances, with the
 * API reference's rules: a name is 1 to 128 letters, numbers, hyphens, underscores, forward
 * and back slashes and periods; a value 1 to 128 of those (less nothing) plus at signs, colons
 * and spaces, not starting or ending with a space; `targetType` is container-instance and
 * `targetId` (an instance id or ARN of the cluster) is required; at most 10 attributes per
 * call and 10 custom attributes per instance (AttributeLimitExceededException). Names that
 * start with `ecs.` or `com.amazonaws.ecs.` are the ones ECS and the agent set: they cannot be
 * put or deleted here (register the instance with them instead) and do not count toward the
 * 10. An unknown target is TargetNotFoundException.
 */
import type { ClusterModel } from '../cluster/cluster-model.js';
import type { InstanceState } from '../cluster/instance-state.js';
import type { Attribute } from '../kernel/ecs-types.js';
import { AttributeLimitExceededException, TargetNotFoundException } from '../kernel/errors.js';
import { type Account, modelOf } from './account.js';
import {
  type AttributesInput,
  attributesInputShape,
  type ListAttributesInput,
  listAttributesInputShape,
} from './operation-shapes.js';
import { atMost, page } from './paging.js';
import { checkShape, invalidParameter } from './validate-shape.js';

const NAME = /^[A-Za-z0-9_./\\-]{1,128}$/;
const VALUE = /^[A-Za-z0-9_./\\@: -]{1,128}$/;
const BUILT_IN = /^(ecs\.|com\.amazonaws\.ecs\.)/;
/** Attributes per PutAttributes call, and custom attributes per container instance. */
export const ATTRIBUTE_LIMIT = 10;

export interface AttributesOutput {
  attributes: Attribute[];
}

export interface ListAttributesOutput {
  attributes: Attribute[];
  nextToken?: string;
}

export function putAttributes(account: Account, input: AttributesInput): AttributesOutput {
  const { model, targets, attributes } = readAttributes(account, input, true);
  atMost('attributes', attributes, ATTRIBUTE_LIMIT);
  // Every limit is checked before anything changes.
  const after = new Map<InstanceState, Set<string>>();
  targets.forEach((instance, i) => {
    let names = after.get(instance);
    if (!names) {
      names = new Set([...instance.view.attributes.keys()].filter((n) => !BUILT_IN.test(n)));
      after.set(instance, names);
    }
    names.add(attributes[i]!.name);
    if (names.size > ATTRIBUTE_LIMIT) {
      throw new AttributeLimitExceededException(
        `Container instance ${instance.arn} would have more than ${ATTRIBUTE_LIMIT} custom attributes.`,
      );
    }
  });
  targets.forEach((instance, i) => {
    model.putAttribute(instance, attributes[i]!.name, attributes[i]!.value ?? null);
  });
  return { attributes: echo(attributes, targets) };
}

export function deleteAttributes(account: Account, input: AttributesInput): AttributesOutput {
  const { model, targets, attributes } = readAttributes(account, input, false);
  targets.forEach((instance, i) => {
    const name = attributes[i]!.name;
    if (instance.view.attributes.has(name)) model.putAttribute(instance, name, null, true);
  });
  return { attributes: echo(attributes, targets) };
}

export function listAttributes(account: Account, input: ListAttributesInput): ListAttributesOutput {
  const request = checkShape(input, listAttributesInputShape);
  if (request.attributeValue !== undefined && request.attributeName === undefined) {
    throw invalidParameter(
      'attributeValue',
      request.attributeValue,
      'an attributeValue filter needs an attributeName',
    );
  }
  const model = modelOf(account, request.cluster);
  const all: Attribute[] = [];
  for (const instance of model.instances) {
    for (const [name, value] of instance.view.attributes) {
      if (request.attributeName !== undefined && name !== request.attributeName) continue;
      if (request.attributeValue !== undefined && value !== request.attributeValue) continue;
      all.push({
        name,
        ...(value !== null ? { value } : {}),
        targetType: 'container-instance',
        targetId: instance.arn,
      });
    }
  }
  const { items, nextToken } = page(all, request);
  return nextToken !== undefined ? { attributes: items, nextToken } : { attributes: items };
}

function readAttributes(
  account: Account,
  input: AttributesInput,
  putting: boolean,
): { model: ClusterModel; targets: InstanceState[]; attributes: AttributesInput['attributes'] } {
  const request = checkShape(input, attributesInputShape);
  atMost('attributes', request.attributes, putting ? ATTRIBUTE_LIMIT : Number.MAX_SAFE_INTEGER);
  const model = modelOf(account, request.cluster);
  const targets = request.attributes.map((attribute, i) => {
    const where = `attributes[${i}]`;
    if (!NAME.test(attribute.name)) {
      throw invalidParameter(
        `${where}.name`,
        attribute.name,
        'up to 128 letters, numbers, hyphens, underscores, forward or back slashes and periods',
      );
    }
    if (BUILT_IN.test(attribute.name)) {
      throw invalidParameter(
        `${where}.name`,
        attribute.name,
        'attributes starting with ecs. or com.amazonaws.ecs. are set by ECS and the agent',
      );
    }
    const value = attribute.value;
    if (putting && value !== undefined && (!VALUE.test(value) || value.trim() !== value)) {
      throw invalidParameter(
        `${where}.value`,
        value,
        'up to 128 letters, numbers, hyphens, underscores, periods, at signs, slashes, colons or spaces, not starting or ending with a space',
      );
    }
    if (attribute.targetId === undefined) {
      throw invalidParameter(`${where}.targetId`, undefined, 'the container instance is required');
    }
    const instance = model.instance(attribute.targetId);
    if (!instance) {
      throw new TargetNotFoundException(
        `Container instance ${attribute.targetId} not found in cluster ${model.clusterName}.`,
      );
    }
    return instance;
  });
  return { model, targets, attributes: request.attributes };
}

function echo(attributes: AttributesInput['attributes'], targets: InstanceState[]): Attribute[] {
  return attributes.map((a, i) => ({
    name: a.name,
    ...(a.value !== undefined ? { value: a.value } : {}),
    targetType: 'container-instance',
    targetId: targets[i]!.arn,
  }));
}
