/** The calls a capture makes, as the IAM permissions they need (listed in the docs too). */

export type Service = 'ECS' | 'EC2';

export const CAPTURE_PERMISSIONS = [
  'ecs:DescribeClusters',
  'ecs:ListContainerInstances',
  'ecs:DescribeContainerInstances',
  'ecs:ListTasks',
  'ecs:DescribeTasks',
  'ecs:DescribeTaskDefinition',
  'ecs:DescribeCapacityProviders',
  'ec2:DescribeSubnets',
] as const;

export function permissionFor(service: Service, operation: string): string {
  return `${service.toLowerCase()}:${operation}`;
}
