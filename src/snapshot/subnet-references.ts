/**
 * The subnets (and VPCs) a cluster's records point at: the `ecs.subnet-id` and `ecs.vpc-id`
 * attributes ECS gives each container instance, and the `subnetId` of each task's elastic
 * network interface attachment (awsvpc and Fargate tasks). Capture describes these subnets;
 * import notes those its inputs do not describe.
 */

export interface SubnetReferences {
  subnetIds: Set<string>;
  vpcIds: Set<string>;
}

type Loose = Record<string, unknown>;

function entries(value: unknown): Loose[] {
  return Array.isArray(value)
    ? value.filter((v): v is Loose => v !== null && typeof v === 'object')
    : [];
}

export function subnetReferences(
  instances: Iterable<unknown>,
  tasks: Iterable<unknown>,
): SubnetReferences {
  const subnetIds = new Set<string>();
  const vpcIds = new Set<string>();
  for (const instance of instances) {
    for (const attribute of entries((instance as Loose | null)?.['attributes'])) {
      const value = attribute['value'];
      if (typeof value !== 'string' || value === '') continue;
      if (attribute['name'] === 'ecs.subnet-id') subnetIds.add(value);
      if (attribute['name'] === 'ecs.vpc-id') vpcIds.add(value);
    }
  }
  for (const task of tasks) {
    for (const attachment of entries((task as Loose | null)?.['attachments'])) {
      for (const detail of entries(attachment['details'])) {
        const value = detail['value'];
        if (detail['name'] === 'subnetId' && typeof value === 'string' && value !== '') {
          subnetIds.add(value);
        }
      }
    }
  }
  return { subnetIds, vpcIds };
}
