/**
 * RegisterContainerInstance as the container agent calls it: the EC2 instance identity
 * document (read, not verified: this is a local dry run), `totalResources`, `versionInfo`,
 * the agent's `attributes` and `tags`. What ECS derives is derived here too:
 *
 * - the EC2 instance id from the document's `instanceId` (required);
 * - the built-in attributes the agent's registration carries from the document, unless the
 *   call gives them: `ecs.instance-type` (instanceType), `ecs.availability-zone`
 *   (availabilityZone), `ecs.ami-id` (imageId), `ecs.cpu-architecture` (architecture:
 *   x86_64 or arm64), and `ecs.os-type` linux;
 * - registeredResources and remainingResources are both `totalResources` (a new instance
 *   runs nothing; reserved ports listed under PORTS stay taken);
 * - status ACTIVE, agentConnected true, no tasks, registeredAt now;
 * - the container instance ARN: the call's `containerInstanceArn` when given, else a new one
 *   in the long format, its 32-hex id drawn from the seed, the cluster and the registration's
 *   ordinal (replayable, like task ids).
 *
 * Not modelled: capacity providers (ECS ties an instance to one through its Auto Scaling
 * group, which a dry run does not have), platformDevices (GPU ids are the GPU resource's
 * stringSetValue). The instance is then checked as a snapshot's instances are.
 */
import type { Attribute, ContainerInstance, Resource } from '../kernel/ecs-types.js';
import { invalidParameter } from './validate-shape.js';
import { checkShape } from './validate-shape.js';
import {
  type RegisterContainerInstanceInput,
  registerContainerInstanceInputShape,
} from './operation-shapes.js';
import type { ArnContext } from './arns.js';
import { TaskIdSource } from './task-ids.js';

const ARCHITECTURES: Readonly<Record<string, string>> = {
  x86_64: 'x86_64',
  arm64: 'arm64',
  aarch64: 'arm64',
};

interface IdentityDocument {
  instanceId: string;
  instanceType?: string;
  availabilityZone?: string;
  imageId?: string;
  architecture?: string;
}

/** The container instance the call registers, before the snapshot check. */
export function containerInstanceOf(
  input: RegisterContainerInstanceInput,
  where: { arns: ArnContext; clusterName: string; seed: string; ordinal: number; now: Date },
): ContainerInstance {
  const request = checkShape(input, registerContainerInstanceInputShape);
  const document = identityDocument(request.instanceIdentityDocument);
  const attributes: Attribute[] = (request.attributes ?? []).map(({ name, value }) =>
    value !== undefined ? { name, value } : { name },
  );
  const given = new Set(attributes.map((a) => a.name));
  const derived: [string, string | undefined][] = [
    ['ecs.instance-type', document.instanceType],
    ['ecs.availability-zone', document.availabilityZone],
    ['ecs.ami-id', document.imageId],
    ['ecs.cpu-architecture', ARCHITECTURES[document.architecture ?? 'x86_64']],
    ['ecs.os-type', 'linux'],
  ];
  for (const [name, value] of derived) {
    if (value !== undefined && !given.has(name)) attributes.push({ name, value });
  }
  const resources: Resource[] = (request.totalResources ?? []) as Resource[];
  const arn =
    request.containerInstanceArn ??
    `arn:aws:ecs:${where.arns.region}:${where.arns.accountId}:container-instance/${where.clusterName}/${new TaskIdSource(where.seed, `${where.clusterName}\u0000container-instance`, where.ordinal).taskId()}`;
  return {
    containerInstanceArn: arn,
    ec2InstanceId: document.instanceId,
    version: 1,
    ...(request.versionInfo ? { versionInfo: request.versionInfo } : {}),
    remainingResources: structuredClone(resources),
    registeredResources: structuredClone(resources),
    status: 'ACTIVE',
    agentConnected: true,
    runningTasksCount: 0,
    pendingTasksCount: 0,
    attributes,
    registeredAt: where.now.toISOString(),
    ...(request.tags ? { tags: request.tags } : {}),
  };
}

function identityDocument(text: string | undefined): IdentityDocument {
  const rule = 'the EC2 instance identity document (JSON with at least instanceId) is required';
  if (text === undefined) throw invalidParameter('instanceIdentityDocument', text, rule);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter('instanceIdentityDocument', text, rule);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameter('instanceIdentityDocument', text, rule);
  }
  const doc = parsed as Record<string, unknown>;
  const text_ = (key: string): string | undefined => {
    const value = doc[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      throw invalidParameter(
        `instanceIdentityDocument.${key}`,
        value,
        'expected a non-empty string',
      );
    }
    return value;
  };
  const instanceId = text_('instanceId');
  if (instanceId === undefined) throw invalidParameter('instanceIdentityDocument', text, rule);
  const architecture = text_('architecture');
  if (architecture !== undefined && ARCHITECTURES[architecture] === undefined) {
    throw invalidParameter(
      'instanceIdentityDocument.architecture',
      architecture,
      'expected x86_64 or arm64',
    );
  }
  const found: IdentityDocument = { instanceId };
  for (const key of ['instanceType', 'availabilityZone', 'imageId'] as const) {
    const value = text_(key);
    if (value !== undefined) found[key] = value;
  }
  if (architecture !== undefined) found.architecture = architecture;
  return found;
}
