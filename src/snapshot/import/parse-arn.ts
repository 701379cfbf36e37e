/**
 * The parts of an Amazon Resource Name that an import checks: the region and account, and for
 * ECS resources their type and, in the long ARN format, the cluster they belong to.
 * `arn:aws:ecs:eu-west-1:210987654321:container-instance/shop/3f6c...` -> cluster `shop`.
 */

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the account: `container-instance/shop/3f6c...`. */
  resource: string;
  /** The part of the resource before the first `/` (or `:`): `container-instance`. */
  resourceType: string;
}

export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(':');
  const resourceType = /^[^/:]*/.exec(resource)![0];
  return { partition, service, region, account, resource, resourceType };
}

/**
 * The cluster name a container-instance or task ARN carries (long format:
 * `container-instance/<cluster>/<id>`), or undefined for the old format (`container-instance/<id>`).
 */
export function clusterNameInArn(arn: Arn): string | undefined {
  const segments = arn.resource.split('/');
  return segments.length === 3 ? segments[1] : undefined;
}
