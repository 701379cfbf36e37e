/**
 * The echo of a RunTask `volumeConfigurations` entry in the task: an attachment of type
 * AmazonElasticBlockStorage with the details the AWS CLI's run-task example shows (roleArn,
 * volumeName, deleteOnTermination). No volume is modelled: no size, zone or EBS limits.
 */
import type { Attachment } from '../kernel/ecs-types.js';
import type { TaskVolumeConfiguration } from '../kernel/run-task-types.js';

export function ebsAttachment(configuration: TaskVolumeConfiguration, id: string): Attachment {
  const volume = configuration.managedEBSVolume;
  return {
    id,
    type: 'AmazonElasticBlockStorage',
    status: 'CREATED',
    details: [
      ...(volume ? [{ name: 'roleArn', value: volume.roleArn }] : []),
      { name: 'volumeName', value: configuration.name },
      // "If no value is specified, the default value is true".
      {
        name: 'deleteOnTermination',
        value: String(volume?.terminationPolicy?.deleteOnTermination ?? true),
      },
    ],
  };
}
