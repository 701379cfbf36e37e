/**
 * TagResource and ListTagsForResource for the resources RunTask reads tags of or that a test
 * suite tags while building its state: task definitions (RunTask's propagateTags
 * TASK_DEFINITION copies their tags to the tasks), clusters, capacity providers, container
 * instances and tasks, by full ARN. A key is 1 to 128 characters and a value up to 256; the
 * `aws:` prefix (any case) is reserved; a resource holds up to 50 tags; a key the resource
 * already has gets the new value. An ARN this account does not have is
 * ResourceNotFoundException.
 */
import { cloneData } from '../cluster/copy-data.js';
import type { Tag } from '../kernel/ecs-types.js';
import { ResourceNotFoundException } from '../kernel/errors.js';
import type { Account } from './account.js';
import { capacityProviderArn, clusterArn, taskDefinitionArn } from './arns.js';
import {
  type ListTagsForResourceInput,
  listTagsForResourceInputShape,
  type TagResourceInput,
  tagResourceInputShape,
} from './operation-shapes.js';
import { checkShape, invalidParameter } from './validate-shape.js';

const TAGS_PER_RESOURCE = 50;

/** Something that carries tags (the snapshot's own object, changed in place). */
type Tagged = { tags?: Tag[] };

export function tagResource(account: Account, input: TagResourceInput): Record<string, never> {
  const request = checkShape(input, tagResourceInputShape);
  const resource = find(account, request.resourceArn);
  const tags = [...(resource.tags ?? [])];
  request.tags.forEach((tag, i) => {
    const key = tag.key ?? '';
    if (key.length < 1 || key.length > 128 || /^aws:/i.test(key)) {
      throw invalidParameter(
        `tags[${i}].key`,
        tag.key,
        'a key is 1 to 128 characters and may not start with aws:',
      );
    }
    if ((tag.value ?? '').length > 256) {
      throw invalidParameter(`tags[${i}].value`, tag.value, 'a value is up to 256 characters');
    }
    const at = tags.findIndex((t) => t.key === key);
    const copy: Tag = tag.value !== undefined ? { key, value: tag.value } : { key };
    if (at >= 0) tags[at] = copy;
    else tags.push(copy);
  });
  if (tags.length > TAGS_PER_RESOURCE) {
    throw invalidParameter(
      'tags',
      request.tags,
      `a resource holds up to ${TAGS_PER_RESOURCE} tags`,
    );
  }
  resource.tags = tags;
  return {};
}

export function listTagsForResource(
  account: Account,
  input: ListTagsForResourceInput,
): { tags: Tag[] } {
  const request = checkShape(input, listTagsForResourceInputShape);
  return { tags: cloneData(find(account, request.resourceArn).tags ?? []) };
}

function find(account: Account, arn: string): Tagged {
  const { snapshot, arns } = account;
  for (const definition of snapshot.taskDefinitions) {
    const own =
      definition.taskDefinitionArn ??
      taskDefinitionArn(arns, definition.family, definition.revision);
    if (own === arn) return definition;
  }
  for (const provider of snapshot.capacityProviders ?? []) {
    if ((provider.capacityProviderArn ?? capacityProviderArn(arns, provider.name)) === arn) {
      return provider as Tagged;
    }
  }
  for (const cluster of snapshot.clusters) {
    if ((cluster.clusterArn ?? clusterArn(arns, cluster.clusterName)) === arn) {
      return cluster as Tagged;
    }
    const model = account.model(cluster);
    if (arn.includes(':container-instance/')) {
      const instance = model.instance(arn);
      if (instance?.arn === arn) return instance.source;
    }
    if (arn.includes(':task/')) {
      const task = model.task(arn);
      if (task?.taskArn === arn) return task;
    }
  }
  throw new ResourceNotFoundException(`The specified resource ${arn} could not be found.`);
}
