/**
 * A small cluster whose headroom is worked out by hand. The task `half` needs 512 CPU units
 * and 1024 MiB:
 *   a  2048 CPU / 4096 MiB, us-east-1a, on-demand: 4 tasks, then CPU runs out first (checked first)
 *   b  1024 CPU / 1024 MiB, us-east-1b, on-demand: 1 task, then memory
 *   c  4096 CPU / 2048 MiB, us-east-1b, spot:      2 tasks, then memory
 *   d  DRAINING (never a candidate)
 * so 7 tasks: 4 in us-east-1a, 3 in us-east-1b; 5 on-demand, 2 spot.
 */
import type { Snapshot } from '../../src/kernel/ecs-types.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';

const zone = (z: string) => ({ 'ecs.availability-zone': z });

export function smallCluster(): Snapshot {
  const snapshot = snapshotOf({
    instances: [
      containerInstance({
        id: 'a',
        cpu: 2048,
        memory: 4096,
        attributes: zone('us-east-1a'),
        capacityProviderName: 'on-demand',
      }),
      containerInstance({
        id: 'b',
        cpu: 1024,
        memory: 1024,
        attributes: zone('us-east-1b'),
        capacityProviderName: 'on-demand',
      }),
      containerInstance({
        id: 'c',
        cpu: 4096,
        memory: 2048,
        attributes: zone('us-east-1b'),
        capacityProviderName: 'spot',
      }),
      containerInstance({
        id: 'd',
        cpu: 4096,
        memory: 8192,
        attributes: zone('us-east-1a'),
        status: 'DRAINING',
        capacityProviderName: 'spot',
      }),
    ],
    taskDefinitions: [
      taskDefinition('half', [{ name: 'app', cpu: 512, memory: 1024 }]),
      taskDefinition('huge', [{ name: 'app', cpu: 256, memory: 8192 }]),
    ],
  });
  const provider = (name: string) => ({
    capacityProviderArn: `arn:aws:ecs:us-east-1:123456789012:capacity-provider/${name}`,
    name,
    status: 'ACTIVE' as const,
    autoScalingGroupProvider: {
      autoScalingGroupArn: `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:${name}:autoScalingGroupName/${name}`,
    },
  });
  snapshot.capacityProviders = [provider('on-demand'), provider('spot')];
  snapshot.clusters[0]!.capacityProviders = ['on-demand', 'spot'];
  return snapshot;
}
