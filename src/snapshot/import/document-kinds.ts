/**
 * The AWS CLI outputs `snapshot import` reads, and how each is recognised: by its shape (the
 * top-level member that holds its records, and the identifying members of those records),
 * never by a file name.
 */

export type Json = Record<string, unknown>;

/** What a record is, by the members that identify it. */
export type RecordKind =
  | 'cluster'
  | 'containerInstance'
  | 'task'
  | 'taskDefinition'
  | 'capacityProvider'
  | 'subnet';

export type OutputKind =
  | 'describe-clusters'
  | 'describe-container-instances'
  | 'describe-tasks'
  | 'describe-task-definition'
  | 'describe-capacity-providers'
  | 'describe-subnets'
  | 'list-clusters'
  | 'list-container-instances'
  | 'list-tasks'
  | 'list-task-definitions';

export interface OutputShape {
  kind: OutputKind;
  /** The `aws` command that prints it. */
  command: string;
  /** The top-level member holding the records (or ARNs). */
  member: string;
  /** The records it holds; `arn` for the list-* outputs. */
  holds: RecordKind | 'arn';
  /** How it looks, for messages. */
  looks: string;
}

export const OUTPUT_SHAPES: readonly OutputShape[] = [
  {
    kind: 'describe-clusters',
    command: 'aws ecs describe-clusters',
    member: 'clusters',
    holds: 'cluster',
    looks: '{"clusters": [...], "failures": [...]}',
  },
  {
    kind: 'describe-container-instances',
    command: 'aws ecs describe-container-instances',
    member: 'containerInstances',
    holds: 'containerInstance',
    looks: '{"containerInstances": [...], "failures": [...]}',
  },
  {
    kind: 'describe-tasks',
    command: 'aws ecs describe-tasks',
    member: 'tasks',
    holds: 'task',
    looks: '{"tasks": [...], "failures": [...]}',
  },
  {
    kind: 'describe-task-definition',
    command: 'aws ecs describe-task-definition',
    member: 'taskDefinition',
    holds: 'taskDefinition',
    looks: '{"taskDefinition": {...}, "tags": [...]}',
  },
  {
    kind: 'describe-capacity-providers',
    command: 'aws ecs describe-capacity-providers',
    member: 'capacityProviders',
    holds: 'capacityProvider',
    looks: '{"capacityProviders": [...]}',
  },
  {
    kind: 'describe-subnets',
    command: 'aws ec2 describe-subnets',
    member: 'Subnets',
    holds: 'subnet',
    looks: '{"Subnets": [...]}',
  },
  {
    kind: 'list-container-instances',
    command: 'aws ecs list-container-instances',
    member: 'containerInstanceArns',
    holds: 'arn',
    looks: '{"containerInstanceArns": [...]}',
  },
  {
    kind: 'list-tasks',
    command: 'aws ecs list-tasks',
    member: 'taskArns',
    holds: 'arn',
    looks: '{"taskArns": [...]}',
  },
  {
    kind: 'list-clusters',
    command: 'aws ecs list-clusters',
    member: 'clusterArns',
    holds: 'arn',
    looks: '{"clusterArns": [...]}',
  },
  {
    kind: 'list-task-definitions',
    command: 'aws ecs list-task-definitions',
    member: 'taskDefinitionArns',
    holds: 'arn',
    looks: '{"taskDefinitionArns": [...]}',
  },
];

export const RECORD_NAMES: Readonly<Record<RecordKind, string>> = {
  cluster: 'cluster',
  containerInstance: 'container instance',
  task: 'task',
  taskDefinition: 'task definition',
  capacityProvider: 'capacity provider',
  subnet: 'subnet',
};

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasString(record: Json, key: string): boolean {
  return typeof record[key] === 'string' && record[key] !== '';
}

/**
 * Undefined when `value` looks like a record of `kind` as the AWS CLI prints it, otherwise
 * what is missing. Only the identifying members are checked here; the snapshot validation
 * checks the rest.
 */
export function recordProblem(kind: RecordKind, value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  switch (kind) {
    case 'cluster':
      if (!hasString(value, 'clusterArn') || !hasString(value, 'clusterName')) {
        return 'a cluster needs clusterArn and clusterName';
      }
      if ('containerInstances' in value || 'tasks' in value) {
        return "it holds containerInstances or tasks, like a cluster of an ecs-placement snapshot, not one of describe-clusters' clusters";
      }
      return undefined;
    case 'containerInstance':
      return hasString(value, 'containerInstanceArn') && !('taskArn' in value)
        ? undefined
        : 'a container instance needs containerInstanceArn (and no taskArn)';
    case 'task':
      return hasString(value, 'taskArn') && !('containerArn' in value)
        ? undefined
        : 'a task needs taskArn';
    case 'taskDefinition':
      return hasString(value, 'family') && Array.isArray(value['containerDefinitions'])
        ? undefined
        : 'a task definition needs family and containerDefinitions';
    case 'capacityProvider':
      return hasString(value, 'name') && hasString(value, 'capacityProviderArn')
        ? undefined
        : 'a capacity provider needs name and capacityProviderArn';
    case 'subnet':
      return hasString(value, 'SubnetId') && hasString(value, 'AvailabilityZone')
        ? undefined
        : 'a subnet needs SubnetId and AvailabilityZone';
  }
}

/** The list of outputs this command reads, one per line, for the message about an unknown one. */
export function describeKnownOutputs(): string {
  const width = Math.max(...OUTPUT_SHAPES.map((s) => s.command.length));
  return OUTPUT_SHAPES.map((s) => `  ${s.command.padEnd(width)}  ${s.looks}`).join('\n');
}
