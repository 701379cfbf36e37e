/**
 * The calls of a capture, in order, each answer kept as the document the AWS CLI would have
 * printed: DescribeClusters; per cluster ListContainerInstances and ListTasks (every page)
 * with DescribeContainerInstances and DescribeTasks in batches of 100 (plus the instances of
 * tasks that started on an instance registered after the listing); DescribeTaskDefinition for
 * every task definition in use and every one named; DescribeCapacityProviders for the
 * providers the clusters use; EC2 DescribeSubnets for the subnets and VPCs the instances and
 * tasks point at. Throttling and transient failures are retried by the SDK.
 */
import type { ImportDocument } from '../import/origin.js';
import { subnetReferences } from '../subnet-references.js';
import type { SdkClient } from './aws-sdk-types.js';
import { inBatches, mapWithLimit } from './batches.js';
import { CaptureAnswerError, CaptureCallError } from './capture-errors.js';
import type { Service } from './capture-permissions.js';
import type { AwsSdk } from './load-aws-sdk.js';
import type { CaptureProgress } from './progress.js';
import { toCliJson } from './to-cli-json.js';

export interface CaptureClients {
  sdk: AwsSdk;
  ecs: SdkClient;
  /** Undefined when no subnets are described (--no-subnets). */
  ec2: SdkClient | undefined;
}

export interface CapturePlan {
  /** Cluster names or ARNs. */
  clusters: readonly string[];
  /** Task definitions to describe besides those of the running tasks (family, family:revision or ARN). */
  taskDefinitions: readonly string[];
  region: string;
}

/** The API's limit of ARNs (or names) per describe call. */
const DESCRIBE_LIMIT = 100;
/** EC2 filter values per filter. */
const FILTER_VALUES_LIMIT = 200;
/** Describe calls in flight at once; the SDK backs off if ECS throttles. */
const PARALLEL_CALLS = 4;

type Json = Record<string, unknown>;

class Recorder {
  readonly documents: ImportDocument[] = [];
  private readonly calls = new Map<string, number>();

  constructor(readonly progress: CaptureProgress) {}

  /** One call; `subject` names what it was about, for the message if it fails. */
  async call<T extends object>(
    service: Service,
    operation: string,
    run: () => Promise<T>,
    subject?: string,
  ): Promise<Json> {
    let output: T;
    try {
      output = await run();
    } catch (error) {
      throw new CaptureCallError(service, operation, error, subject);
    }
    return this.keep(operation, output);
  }

  /** Every page of a paginated call. */
  async pages<T extends object>(
    service: Service,
    operation: string,
    pages: () => AsyncIterable<T>,
  ): Promise<Json[]> {
    const kept: Json[] = [];
    try {
      for await (const page of pages()) kept.push(this.keep(operation, page));
    } catch (error) {
      throw new CaptureCallError(service, operation, error);
    }
    return kept;
  }

  private keep(operation: string, output: object): Json {
    const value = toCliJson(output);
    const n = (this.calls.get(operation) ?? 0) + 1;
    this.calls.set(operation, n);
    this.documents.push({ value, source: `${operation} call ${n}` });
    return value;
  }
}

export async function captureDocuments(
  clients: CaptureClients,
  plan: CapturePlan,
  progress: CaptureProgress,
): Promise<ImportDocument[]> {
  const recorder = new Recorder(progress);
  const clusters = await describeClusters(clients, plan, recorder);
  const instances: Json[] = [];
  const tasks: Json[] = [];
  for (const cluster of clusters) {
    const captured = await captureCluster(clients, cluster, recorder);
    instances.push(...captured.instances);
    tasks.push(...captured.tasks);
  }
  await describeTaskDefinitions(clients, plan, tasks, recorder);
  await describeCapacityProviders(clients, clusters, instances, recorder);
  if (clients.ec2) await describeSubnets(clients, clients.ec2, instances, tasks, recorder);
  return recorder.documents;
}

async function describeClusters(
  clients: CaptureClients,
  plan: CapturePlan,
  recorder: Recorder,
): Promise<Json[]> {
  const { DescribeClustersCommand } = clients.sdk.ecs;
  recorder.progress.phase(
    `describing cluster${plan.clusters.length === 1 ? '' : 's'} ${plan.clusters.join(', ')}`,
  );
  const clusters: Json[] = [];
  for (const batch of inBatches(plan.clusters, DESCRIBE_LIMIT)) {
    const answer = await recorder.call('ECS', 'DescribeClusters', () =>
      clients.ecs.send(new DescribeClustersCommand({ clusters: batch })),
    );
    const failures = list(answer['failures']);
    if (failures.length > 0) {
      const what = failures.map((f) => `${String(f['arn'])} (${String(f['reason'])})`).join(', ');
      throw new CaptureAnswerError(
        `DescribeClusters found no cluster ${what} in ${plan.region}: check --cluster, --region and --profile.`,
      );
    }
    clusters.push(...list(answer['clusters']));
  }
  return clusters;
}

async function captureCluster(
  clients: CaptureClients,
  cluster: Json,
  recorder: Recorder,
): Promise<{ instances: Json[]; tasks: Json[] }> {
  const { ecs } = clients;
  const sdk = clients.sdk.ecs;
  const arn = cluster['clusterArn'] as string;
  const name = cluster['clusterName'] as string;

  recorder.progress.phase(`listing container instances of ${name}`);
  const instanceArns = (
    await recorder.pages('ECS', 'ListContainerInstances', () =>
      sdk.paginateListContainerInstances({ client: ecs }, { cluster: arn }),
    )
  ).flatMap((page) => strings(page['containerInstanceArns']));
  const instances = await describeInstances(clients, arn, name, instanceArns, recorder);

  recorder.progress.phase(`listing tasks of ${name}`);
  const taskArns = (
    await recorder.pages('ECS', 'ListTasks', () =>
      sdk.paginateListTasks({ client: ecs }, { cluster: arn }),
    )
  ).flatMap((page) => strings(page['taskArns']));
  recorder.progress.phase(`describing ${count(taskArns.length, 'task')} of ${name}`);
  const tasks = await describeInBatches(taskArns, recorder, (batch) =>
    recorder
      .call('ECS', 'DescribeTasks', () =>
        ecs.send(new sdk.DescribeTasksCommand({ cluster: arn, tasks: batch })),
      )
      .then((answer) => list(answer['tasks'])),
  );

  // Tasks listed after the instances may run on an instance registered in between.
  const known = new Set(instances.map((i) => i['containerInstanceArn']));
  const late = [
    ...new Set(
      tasks
        .map((t) => t['containerInstanceArn'])
        .filter((a): a is string => typeof a === 'string' && !known.has(a)),
    ),
  ];
  if (late.length > 0)
    instances.push(...(await describeInstances(clients, arn, name, late, recorder)));
  return { instances, tasks };
}

async function describeInstances(
  clients: CaptureClients,
  clusterArn: string,
  name: string,
  arns: readonly string[],
  recorder: Recorder,
): Promise<Json[]> {
  const { ecs } = clients;
  const { DescribeContainerInstancesCommand } = clients.sdk.ecs;
  recorder.progress.phase(`describing ${count(arns.length, 'container instance')} of ${name}`);
  return describeInBatches(arns, recorder, (batch) =>
    recorder
      .call('ECS', 'DescribeContainerInstances', () =>
        ecs.send(
          new DescribeContainerInstancesCommand({ cluster: clusterArn, containerInstances: batch }),
        ),
      )
      .then((answer) => list(answer['containerInstances'])),
  );
}

async function describeInBatches(
  arns: readonly string[],
  recorder: Recorder,
  describe: (batch: string[]) => Promise<Json[]>,
): Promise<Json[]> {
  const batches = inBatches(arns, DESCRIBE_LIMIT);
  let done = 0;
  const results = await mapWithLimit(batches, PARALLEL_CALLS, async (batch) => {
    const records = await describe(batch);
    done += batch.length;
    recorder.progress.step(done, arns.length);
    return records;
  });
  return results.flat();
}

async function describeTaskDefinitions(
  clients: CaptureClients,
  plan: CapturePlan,
  tasks: readonly Json[],
  recorder: Recorder,
): Promise<void> {
  const { DescribeTaskDefinitionCommand } = clients.sdk.ecs;
  const inUse = tasks
    .map((t) => t['taskDefinitionArn'])
    .filter((a): a is string => typeof a === 'string');
  const names = [...new Set([...inUse, ...plan.taskDefinitions])];
  if (names.length === 0) return;
  recorder.progress.phase(`describing ${count(names.length, 'task definition')}`);
  let done = 0;
  await mapWithLimit(names, PARALLEL_CALLS, async (taskDefinition) => {
    await recorder.call(
      'ECS',
      'DescribeTaskDefinition',
      () =>
        clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] })),
      `task definition ${taskDefinition}`,
    );
    recorder.progress.step(++done, names.length);
  });
}

async function describeCapacityProviders(
  clients: CaptureClients,
  clusters: readonly Json[],
  instances: readonly Json[],
  recorder: Recorder,
): Promise<void> {
  const { DescribeCapacityProvidersCommand } = clients.sdk.ecs;
  const names = [
    ...new Set([
      ...clusters.flatMap((c) => strings(c['capacityProviders'])),
      ...instances
        .map((i) => i['capacityProviderName'])
        .filter((n): n is string => typeof n === 'string'),
    ]),
  ];
  if (names.length === 0) return;
  recorder.progress.phase(`describing ${count(names.length, 'capacity provider')}`);
  for (const batch of inBatches(names, DESCRIBE_LIMIT)) {
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const answer = await recorder.call('ECS', 'DescribeCapacityProviders', () =>
        clients.ecs.send(
          new DescribeCapacityProvidersCommand({
            capacityProviders: batch,
            ...(token === undefined ? {} : { nextToken: token }),
          }),
        ),
      );
      nextToken = typeof answer['nextToken'] === 'string' ? answer['nextToken'] : undefined;
    } while (nextToken !== undefined);
  }
}

async function describeSubnets(
  clients: CaptureClients,
  ec2: SdkClient,
  instances: readonly Json[],
  tasks: readonly Json[],
  recorder: Recorder,
): Promise<void> {
  const sdk = clients.sdk.ec2!;
  const { subnetIds, vpcIds } = subnetReferences(instances, tasks);
  if (subnetIds.size === 0 && vpcIds.size === 0) return;
  recorder.progress.phase('describing subnets');
  const describe = async (filter: 'subnet-id' | 'vpc-id', values: readonly string[]) => {
    const pages: Json[] = [];
    for (const batch of inBatches(values, FILTER_VALUES_LIMIT)) {
      pages.push(
        ...(await recorder.pages('EC2', 'DescribeSubnets', () =>
          sdk.paginateDescribeSubnets(
            { client: ec2 },
            { Filters: [{ Name: filter, Values: batch }] },
          ),
        )),
      );
    }
    return pages.flatMap((page) => list(page['Subnets']));
  };
  // The subnets in use, then every subnet of their VPCs: a RunTask may name any of them.
  const used = subnetIds.size > 0 ? await describe('subnet-id', [...subnetIds].sort()) : [];
  for (const subnet of used) if (typeof subnet['VpcId'] === 'string') vpcIds.add(subnet['VpcId']);
  if (vpcIds.size > 0) await describe('vpc-id', [...vpcIds].sort());
}

function list(value: unknown): Json[] {
  return Array.isArray(value)
    ? (value.filter((v) => v !== null && typeof v === 'object') as Json[])
    : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
