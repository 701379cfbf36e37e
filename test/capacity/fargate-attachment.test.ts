import { describe, expect, it } from 'vitest';
import { fargateAttachment } from '../../src/capacity/fargate-attachment.js';

const detail = (a: ReturnType<typeof fargateAttachment>, name: string) =>
  a.details?.find((d) => d.name === name)?.value;

describe('fargateAttachment', () => {
  const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef';
  const attachment = fargateAttachment('subnet-0a', taskArn);

  it('has the shape RunTask reports for a Fargate network interface', () => {
    expect(attachment.type).toBe('ElasticNetworkInterface');
    expect(attachment.status).toBe('PRECREATED');
    expect(attachment.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(attachment.details?.map((d) => d.name)).toEqual([
      'subnetId',
      'networkInterfaceId',
      'macAddress',
      'privateDnsName',
      'privateIPv4Address',
    ]);
    expect(detail(attachment, 'subnetId')).toBe('subnet-0a');
    expect(detail(attachment, 'networkInterfaceId')).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(detail(attachment, 'macAddress')).toMatch(/^0a(:[0-9a-f]{2}){5}$/);
  });

  it('gives a private address and the matching DNS name', () => {
    const ip = detail(attachment, 'privateIPv4Address')!;
    const octets = ip.split('.').map(Number);
    expect(octets).toHaveLength(4);
    expect(octets[0]).toBe(10);
    expect(octets.every((o) => Number.isInteger(o) && o >= 0 && o <= 255)).toBe(true);
    expect(octets[3]).toBeGreaterThanOrEqual(4);
    expect(octets[3]).toBeLessThanOrEqual(254);
    expect(detail(attachment, 'privateDnsName')).toBe(`ip-${ip.replaceAll('.', '-')}.ec2.internal`);
  });

  it('uses the compute.internal suffix outside us-east-1', () => {
    const other = fargateAttachment('subnet-0a', taskArn, 'eu-west-1');
    expect(detail(other, 'privateDnsName')).toMatch(
      /^ip-10-\d+-\d+-\d+\.eu-west-1\.compute\.internal$/,
    );
  });

  it('is the same for the same id and differs for another id', () => {
    expect(fargateAttachment('subnet-0a', taskArn)).toEqual(attachment);
    const other = fargateAttachment('subnet-0a', `${taskArn}0`);
    expect(other.id).not.toBe(attachment.id);
    expect(detail(other, 'networkInterfaceId')).not.toBe(detail(attachment, 'networkInterfaceId'));
    expect(detail(other, 'macAddress')).not.toBe(detail(attachment, 'macAddress'));
  });
});
