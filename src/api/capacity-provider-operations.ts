/**
 * CreateCapacityProvider and DescribeCapacityProviders. A created provider is checked as a
 * snapshot's providers are (managed scaling's ranges) and then usable by
 * PutClusterCapacityProviders and RunTask strategies; its Auto Scaling group is a name only
 * (instances registered through the API belong to no provider, see
 * register-container-instance.ts). FARGATE and FARGATE_SPOT exist in every account.
 */
import { FARGATE_CAPACITY_PROVIDERS } from '../capacity/fargate-providers.js';
import { cloneData } from '../cluster/copy-data.js';
import { SnapshotError, validateSnapshot } from '../cluster/validate-snapshot.js';
import type { CapacityProvider } from '../kernel/ecs-types.js';
import { ClientException, InvalidParameterException } from '../kernel/errors.js';
import type { Failure } from '../kernel/run-task-types.js';
import type { Account } from './account.js';
import { capacityProviderArn } from './arns.js';
import {
  type CreateCapacityProviderInput,
  createCapacityProviderInputShape,
  type DescribeCapacityProvidersInput,
  describeCapacityProvidersInputShape,
} from './operation-shapes.js';
import { atMost, page } from './paging.js';
import { checkShape, invalidParameter } from './validate-shape.js';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const RESERVED = /^(aws|ecs|fargate)/i;

export function createCapacityProvider(
  account: Account,
  input: CreateCapacityProviderInput,
): { capacityProvider: CapacityProvider } {
  const request = checkShape(input, createCapacityProviderInputShape);
  const name = request.name;
  if (!NAME.test(name) || RESERVED.test(name)) {
    throw invalidParameter(
      'name',
      name,
      'up to 255 letters, numbers, underscores and hyphens, not starting with aws, ecs or fargate',
    );
  }
  account.snapshot.capacityProviders ??= [];
  const providers = account.snapshot.capacityProviders;
  if (providers.some((p) => p.name === name)) {
    throw new ClientException(`The specified capacity provider ${name} already exists.`);
  }
  const candidate = {
    capacityProviderArn: capacityProviderArn(account.arns, name),
    name,
    status: 'ACTIVE',
    autoScalingGroupProvider: request.autoScalingGroupProvider,
    ...(request.tags ? { tags: request.tags } : {}),
  };
  let provider: CapacityProvider;
  try {
    provider = validateSnapshot({
      region: account.arns.region,
      accountId: account.arns.accountId,
      clusters: [],
      capacityProviders: [candidate],
    }).capacityProviders![0]!;
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    throw new InvalidParameterException(
      `Invalid capacity provider: ${error.message.replace('$.capacityProviders[0]', 'input')}.`,
    );
  }
  providers.push(provider);
  return { capacityProvider: cloneData(provider) };
}

export function describeCapacityProviders(
  account: Account,
  input: DescribeCapacityProvidersInput = {},
): { capacityProviders: CapacityProvider[]; failures: Failure[]; nextToken?: string } {
  const request = checkShape(input, describeCapacityProvidersInputShape);
  const all = [
    ...FARGATE_CAPACITY_PROVIDERS.map(
      (name): CapacityProvider => ({
        capacityProviderArn: capacityProviderArn(account.arns, name),
        name,
        status: 'ACTIVE',
      }),
    ),
    ...(account.snapshot.capacityProviders ?? []).map((p) => ({
      ...cloneData(p),
      capacityProviderArn: p.capacityProviderArn ?? capacityProviderArn(account.arns, p.name),
    })),
  ];
  const withTags = request.include?.includes('TAGS') ?? false;
  const shown = (p: CapacityProvider): CapacityProvider => {
    const { tags, ...rest } = p as CapacityProvider & { tags?: unknown };
    return withTags ? ({ ...rest, tags: tags ?? [] } as CapacityProvider) : rest;
  };
  if (request.capacityProviders === undefined) {
    const { items, nextToken } = page(all, request, 10);
    const capacityProviders = items.map(shown);
    return nextToken !== undefined
      ? { capacityProviders, failures: [], nextToken }
      : { capacityProviders, failures: [] };
  }
  atMost('capacityProviders', request.capacityProviders, 100);
  const capacityProviders: CapacityProvider[] = [];
  const failures: Failure[] = [];
  for (const ref of request.capacityProviders) {
    const found = all.find((p) => p.name === ref || p.capacityProviderArn === ref);
    if (found) capacityProviders.push(shown(found));
    else
      failures.push({
        arn: ref.startsWith('arn:') ? ref : capacityProviderArn(account.arns, ref),
        reason: 'MISSING',
      });
  }
  return { capacityProviders, failures };
}
