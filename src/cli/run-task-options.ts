/**
 * The request options of `run-task`: the seed's synopsis (same names as `aws ecs run-task`)
 * plus `--enable-execute-command` from boto3's `run_task` and `--client-token` /
 * `--volume-configurations` of the current API. One table drives option
 * registration, help, auto-prompt and the mapping to request fields.
 */
import type { RunTaskInput } from '../kernel/run-task-types.js';
import { runTaskInputShape } from '../kernel/run-task-shape.js';
import type { Shape } from '../kernel/shape.js';

export interface RequestOption {
  /** The long option, e.g. `--placement-strategy`. */
  flag: string;
  /** The RunTask request field it fills. */
  field: keyof RunTaskInput;
  description: string;
  /** Shorthand form shown in help, when the option takes a structure or a list of them. */
  shorthand?: string;
}

export const RUN_TASK_OPTIONS: readonly RequestOption[] = [
  {
    flag: '--capacity-provider-strategy',
    field: 'capacityProviderStrategy',
    description: 'capacity providers with base and weight (not with --launch-type)',
    shorthand: 'capacityProvider=string,weight=integer,base=integer ...',
  },
  {
    flag: '--cluster',
    field: 'cluster',
    description: 'cluster short name or ARN (default: "default")',
  },
  { flag: '--count', field: 'count', description: 'number of tasks to place, 1 to 10 (default 1)' },
  {
    flag: '--enable-ecs-managed-tags',
    field: 'enableECSManagedTags',
    description: 'turn on (or with --no-, off) ECS managed tags for the tasks',
  },
  {
    flag: '--enable-execute-command',
    field: 'enableExecuteCommand',
    description: 'turn on (or with --no-, off) ECS Exec for the tasks',
  },
  {
    flag: '--group',
    field: 'group',
    description: 'task group (default: family:<task definition family>)',
  },
  { flag: '--launch-type', field: 'launchType', description: 'EC2 | FARGATE | EXTERNAL' },
  {
    flag: '--network-configuration',
    field: 'networkConfiguration',
    description: 'awsvpc subnets, security groups and public IP',
    shorthand:
      'awsvpcConfiguration={subnets=[string,string],securityGroups=[string,string],assignPublicIp=string}',
  },
  {
    flag: '--overrides',
    field: 'overrides',
    description: 'container and task overrides (cpu, memory, command, environment, ...)',
    shorthand:
      'containerOverrides=[{name=string,cpu=integer,memory=integer}],cpu=string,memory=string',
  },
  {
    flag: '--placement-constraints',
    field: 'placementConstraints',
    description: 'memberOf / distinctInstance constraints',
    shorthand: 'type=string,expression=string ...',
  },
  {
    flag: '--placement-strategy',
    field: 'placementStrategy',
    description: 'up to 5 strategy rules, applied in order',
    shorthand: 'type=string,field=string ...',
  },
  { flag: '--platform-version', field: 'platformVersion', description: 'Fargate platform version' },
  {
    flag: '--propagate-tags',
    field: 'propagateTags',
    description: 'TASK_DEFINITION | SERVICE | NONE',
  },
  { flag: '--reference-id', field: 'referenceId', description: 'reference ID for the tasks' },
  { flag: '--started-by', field: 'startedBy', description: 'startedBy tag of the tasks' },
  {
    flag: '--tags',
    field: 'tags',
    description: 'tags of the tasks',
    shorthand: 'key=string,value=string ...',
  },
  {
    flag: '--task-definition',
    field: 'taskDefinition',
    description: 'family, family:revision or ARN of the task definition (required)',
  },
  {
    flag: '--client-token',
    field: 'clientToken',
    description:
      'idempotency token, up to 64 ASCII characters: a retry within 24 hours returns the first response (kept in the file with --save)',
  },
  {
    flag: '--volume-configurations',
    field: 'volumeConfigurations',
    description: 'the Amazon EBS volume of a task definition volume configured at launch',
    shorthand:
      'name=string,managedEBSVolume={roleArn=string,volumeType=string,sizeInGiB=integer,iops=integer,throughput=integer,...}',
  },
];

export function shapeOf(option: RequestOption): Shape {
  return runTaskInputShape.members[option.field]!;
}
