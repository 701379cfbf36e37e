// Builders for the EventBridge events ECS emits, in the shapes of the developer guide.
import type { ContainerInstance, Task } from '../../src/kernel/ecs-types.js';
import { TEST_ACCOUNT, TEST_REGION } from '../../src/testing/builders.js';

export const CLUSTER_ARN = `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}:cluster/default`;

let eventNumber = 0;

function envelope(type: string, resource: string, detail: object) {
  eventNumber++;
  return {
    version: '0',
    id: `00000000-0000-4000-8000-${String(eventNumber).padStart(12, '0')}`,
    'detail-type': type,
    source: 'aws.ecs',
    account: TEST_ACCOUNT,
    time: '2024-05-01T12:00:00Z',
    region: TEST_REGION,
    resources: [resource],
    detail,
  };
}

export function instanceEvent(instance: ContainerInstance, version: number) {
  return envelope('ECS Container Instance State Change', instance.containerInstanceArn, {
    ...structuredClone(instance),
    clusterArn: CLUSTER_ARN,
    version,
  });
}

export function taskEvent(task: Task, version: number) {
  return envelope('ECS Task State Change', task.taskArn, {
    ...structuredClone(task),
    clusterArn: CLUSTER_ARN,
    version,
  });
}
