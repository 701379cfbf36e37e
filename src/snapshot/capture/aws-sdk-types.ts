/**
 * The parts of the AWS SDK for JavaScript v3 a capture uses, typed here rather than imported:
 * the SDK's own declarations run to thousands of files (@aws-sdk/client-ec2 alone to over a
 * thousand) and would make every build of the project load them. A type test
 * (test/snapshot/aws-sdk-shape.test.ts) checks @aws-sdk/client-ecs against these, and the
 * capture tests run the real clients.
 */

export interface ClientConfig {
  region?: string;
  profile?: string;
  endpoint?: string;
}

/** An ECS or EC2 client: sends commands, knows its resolved region, closes its sockets. */
export interface SdkClient {
  // biome-ignore lint/suspicious/noExplicitAny: each SDK client types send() per command
  send(command: any): Promise<object>;
  destroy(): void;
  config: { region(): Promise<string> };
}

type CommandClass<Input> = new (input: Input) => object;

/** An SDK paginator: every page of a list call (the SDK types `client` as its own client class). */
type Paginate<Input> = (
  // biome-ignore lint/suspicious/noExplicitAny: the client this package's paginators take
  config: { client: any },
  input: Input,
) => AsyncIterable<object>;

export interface EcsSdk {
  ECSClient: new (config: ClientConfig) => SdkClient;
  DescribeClustersCommand: CommandClass<{ clusters: string[] }>;
  DescribeContainerInstancesCommand: CommandClass<{
    cluster: string;
    containerInstances: string[];
  }>;
  DescribeTasksCommand: CommandClass<{ cluster: string; tasks: string[] }>;
  DescribeTaskDefinitionCommand: CommandClass<{ taskDefinition: string; include: 'TAGS'[] }>;
  DescribeCapacityProvidersCommand: CommandClass<{
    capacityProviders: string[];
    nextToken?: string;
  }>;
  paginateListContainerInstances: Paginate<{ cluster: string }>;
  paginateListTasks: Paginate<{ cluster: string }>;
}

export interface Ec2Sdk {
  EC2Client: new (config: ClientConfig) => SdkClient;
  paginateDescribeSubnets: Paginate<{ Filters: { Name: string; Values: string[] }[] }>;
}
