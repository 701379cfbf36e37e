import { createHash } from 'node:crypto';
import type { Attachment } from '../kernel/ecs-types.js';

/**
 * The `attachments` entry of a Fargate task: the elastic network interface ECS creates for
 * it, as RunTask reports it before the interface exists (status PRECREATED).
 *
 * Nothing here talks to EC2, so the interface id, MAC and private address are synthetic,
 * derived from `stableId` (for example the task ARN, itself derived from the call's seed):
 * the same id always yields the same attachment. The private address is drawn from 10.0.0.0/8
 * because the snapshot carries no subnet CIDR ranges.
 */
export function fargateAttachment(
  subnetId: string,
  stableId: string,
  region = 'us-east-1',
): Attachment {
  // Separate digests per field so no two synthetic values share bits.
  const bytes = digest('address', stableId);
  const octet = (i: number) => bytes[i] ?? 0;
  // Keep the last octet clear of the network (0), the VPC router/DNS (1-3) and broadcast (255).
  const ip = `10.${octet(0)}.${octet(1)}.${4 + (octet(2) % 250)}`;
  const mac = ['0a', ...[3, 4, 5, 6, 7].map((i) => octet(i).toString(16).padStart(2, '0'))].join(
    ':',
  );
  // us-east-1 is the one region whose private DNS names end in ec2.internal.
  const dnsSuffix = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  return {
    id: uuidFrom(digest('attachment', stableId).toString('hex')),
    type: 'ElasticNetworkInterface',
    status: 'PRECREATED',
    details: [
      { name: 'subnetId', value: subnetId },
      {
        name: 'networkInterfaceId',
        value: `eni-${digest('eni', stableId).toString('hex').slice(0, 17)}`,
      },
      { name: 'macAddress', value: mac },
      { name: 'privateDnsName', value: `ip-${ip.replaceAll('.', '-')}.${dnsSuffix}` },
      { name: 'privateIPv4Address', value: ip },
    ],
  };
}

function digest(purpose: string, stableId: string): Buffer {
  return createHash('sha256').update(`${purpose}:${stableId}`).digest();
}

/** A version-4-shaped UUID from 32 hex digits. */
function uuidFrom(hex: string): string {
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
