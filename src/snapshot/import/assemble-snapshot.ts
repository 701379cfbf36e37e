/**
 * Puts the collected records together as a snapshot: each container instance and task in
 * the cluster it belongs to, the task definitions, capacity providers and the subnet map.
 * Refuses (with what to add) what would make a wrong or partial snapshot: an instance or task
 * of a cluster no describe-clusters output describes, a task on a container instance missing
 * from the inputs, an instance or task listed by list-* but never described, a capacity
 * provider a cluster uses but no describe-capacity-providers output describes.
 *
 * Order does not depend on how the inputs were paged or named: clusters in the order first
 * described, instances and tasks by ARN, task definitions by family and revision, capacity
 * providers by name, subnets by id.
 */
import { subnetReferences } from '../subnet-references.js';
import type { Collected } from './collect-documents.js';
import type { Json } from './document-kinds.js';
import { SnapshotImportError } from './import-error.js';
import { describeOrigin, type Origin } from './origin.js';
import { clusterNameInArn, parseArn } from './parse-arn.js';
import type { Held } from './record-set.js';

/** Where each record of the assembled snapshot came from, to trace validation errors. */
export interface SnapshotOrigins {
  clusters: Origin[];
  containerInstances: Origin[][];
  tasks: Origin[][];
  taskDefinitions: Origin[];
  capacityProviders: Origin[];
  subnets: Map<string, Origin>;
}

export interface Assembled {
  snapshot: Json;
  origins: SnapshotOrigins;
  notes: string[];
}

export interface AssembleOptions {
  region: string;
  accountId: string;
  /** Leave out (with a note) what would otherwise be refused as partial. */
  allowPartial: boolean;
}

interface ClusterGroup {
  held: Held;
  name: string;
  instances: Held[];
  tasks: Held[];
}

/** Problems listed one by one in a message; past this many, only counted. */
const LISTED = 5;
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

export function assembleSnapshot(collected: Collected, options: AssembleOptions): Assembled {
  const { sets } = collected;
  const notes: string[] = [];
  const clusters = sets.cluster.values().map((held) => ({
    held,
    name: held.value['clusterName'] as string,
    instances: [] as Held[],
    tasks: [] as Held[],
  }));
  if (clusters.length === 0) {
    throw new SnapshotImportError(
      'no describe-clusters output among the inputs: a snapshot needs each cluster as ' +
        'describe-clusters prints it (its capacity providers and default strategy decide ' +
        'placement); add the output of `aws ecs describe-clusters --clusters NAME --output json`',
    );
  }
  const byName = new Map(clusters.map((c) => [c.name, c]));
  const byArn = new Map(clusters.map((c) => [c.held.value['clusterArn'] as string, c]));

  for (const held of sets.containerInstance.values()) {
    const arn = held.value['containerInstanceArn'] as string;
    clusterOf(arn, undefined, held, clusters, byName, byArn).instances.push(held);
  }
  for (const held of sets.task.values()) {
    const arn = held.value['taskArn'] as string;
    const clusterArn = held.value['clusterArn'];
    const stated = typeof clusterArn === 'string' ? clusterArn : undefined;
    clusterOf(arn, stated, held, clusters, byName, byArn).tasks.push(held);
  }

  checkTaskInstances(clusters, sets.containerInstance, options, notes);
  const excused = collected.failures;
  checkListed(
    { what: 'container instance', command: 'describe-container-instances' },
    collected.listedInstances,
    (arn) => sets.containerInstance.has(arn) || excused.has(arn),
    options,
    notes,
  );
  checkListed(
    { what: 'task', command: 'describe-tasks' },
    collected.listedTasks,
    (arn) => sets.task.has(arn) || excused.has(arn),
    options,
    notes,
  );
  checkCapacityProviders(clusters, sets.capacityProvider);
  noteMissingDefinitions(clusters, sets.taskDefinition, notes);
  noteMissingSubnets(clusters, sets.subnet, notes);

  return build(clusters, collected, options, notes);
}

function clusterOf(
  arn: string,
  statedClusterArn: string | undefined,
  held: Held,
  clusters: readonly ClusterGroup[],
  byName: ReadonlyMap<string, ClusterGroup>,
  byArn: ReadonlyMap<string, ClusterGroup>,
): ClusterGroup {
  const what = held.value['taskArn'] === undefined ? 'container instance' : 'task';
  const where = describeOrigin(held.origin);
  if (statedClusterArn !== undefined) {
    const cluster = byArn.get(statedClusterArn);
    if (cluster) return cluster;
    throw undescribed(what, arn, where, statedClusterArn);
  }
  const parsed = parseArn(arn);
  const name = parsed && clusterNameInArn(parsed);
  if (name === undefined) {
    if (clusters.length === 1) return clusters[0]!;
    throw new SnapshotImportError(
      `${where}: cannot tell which cluster the ${what} ${arn} belongs to: its ARN has the old ` +
        `format, without the cluster name, and the inputs describe ${clusters.length} clusters. ` +
        'Import one cluster at a time.',
    );
  }
  const cluster = byName.get(name);
  if (cluster) return cluster;
  throw undescribed(what, arn, where, name);
}

function undescribed(
  what: string,
  arn: string,
  where: string,
  cluster: string,
): SnapshotImportError {
  const name = cluster.slice(cluster.lastIndexOf('/') + 1);
  return new SnapshotImportError(
    `${where}: the ${what} ${arn} belongs to cluster ${name}, which no describe-clusters ` +
      `output among the inputs describes. Add the output of \`aws ecs describe-clusters ` +
      `--clusters ${name} --output json\`, or leave out the pages of that cluster.`,
  );
}

/** What the inputs describe, by identity. */
interface Described {
  has(key: string): boolean;
}

function checkTaskInstances(
  clusters: readonly ClusterGroup[],
  instances: Described,
  options: AssembleOptions,
  notes: string[],
): void {
  const missing: { cluster: ClusterGroup; task: Held; instance: string }[] = [];
  for (const cluster of clusters) {
    const own = new Set(cluster.instances.map((i) => i.value['containerInstanceArn'] as string));
    for (const task of cluster.tasks) {
      const instance = task.value['containerInstanceArn'];
      if (typeof instance !== 'string' || own.has(instance)) continue;
      if (instances.has(instance)) {
        throw new SnapshotImportError(
          `${describeOrigin(task.origin)}: the task ${task.value['taskArn'] as string} of cluster ` +
            `${cluster.name} runs on the container instance ${instance} of another cluster`,
        );
      }
      missing.push({ cluster, task, instance });
    }
  }
  if (missing.length === 0) return;
  const lines = missing.map(
    (m) =>
      `${describeOrigin(m.task.origin)}: task ${m.task.value['taskArn'] as string} runs on ${m.instance}`,
  );
  if (options.allowPartial) {
    for (const m of missing) m.cluster.tasks.splice(m.cluster.tasks.indexOf(m.task), 1);
    notes.push(
      `left out ${count(missing.length, 'task')} whose container instance is not among the inputs (--allow-partial):\n${indent(lines)}`,
    );
    return;
  }
  const cluster = missing[0]!.cluster.name;
  throw new SnapshotImportError(
    `${count(missing.length, 'task')} ${missing.length === 1 ? 'runs' : 'run'} on a container instance that is not among the inputs:\n${indent(lines)}\n` +
      'Add the describe-container-instances output that holds it (`aws ecs describe-container-instances ' +
      `--cluster ${cluster} --container-instances ARN... --output json\`), or give --allow-partial to leave such tasks out.`,
  );
}

function checkListed(
  kind: { what: string; command: string },
  listed: ReadonlyMap<string, Origin>,
  accountedFor: (arn: string) => boolean,
  options: AssembleOptions,
  notes: string[],
): void {
  const { what, command: describeCommand } = kind;
  const lines: string[] = [];
  for (const [arn, origin] of listed) {
    if (!accountedFor(arn)) lines.push(`${describeOrigin(origin)}: ${arn}`);
  }
  if (lines.length === 0) return;
  const summary = `${count(lines.length, what)} listed but not described by any ${describeCommand} output`;
  if (options.allowPartial) {
    notes.push(`${summary} (left out, --allow-partial):\n${indent(lines)}`);
    return;
  }
  throw new SnapshotImportError(
    `${summary}:\n${indent(lines)}\nAdd the ${describeCommand} output for ${lines.length === 1 ? 'it' : 'them'} ` +
      '(every page, at most 100 ARNs per call), or give --allow-partial to import without them.',
  );
}

function checkCapacityProviders(clusters: readonly ClusterGroup[], providers: Described): void {
  for (const cluster of clusters) {
    const names = cluster.held.value['capacityProviders'];
    if (!Array.isArray(names)) continue;
    const missing = names.filter(
      (name): name is string =>
        typeof name === 'string' && !FARGATE_PROVIDERS.has(name) && !providers.has(name),
    );
    if (missing.length === 0) continue;
    throw new SnapshotImportError(
      `${describeOrigin(cluster.held.origin)}: cluster ${cluster.name} uses the capacity ` +
        `provider${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which no ` +
        'describe-capacity-providers output among the inputs describes. Add the output of ' +
        `\`aws ecs describe-capacity-providers --capacity-providers ${missing.join(' ')} --output json\`.`,
    );
  }
}

function noteMissingDefinitions(
  clusters: readonly ClusterGroup[],
  definitions: Described,
  notes: string[],
): void {
  const missing = new Set<string>();
  for (const cluster of clusters) {
    for (const task of cluster.tasks) {
      const arn = task.value['taskDefinitionArn'];
      if (typeof arn !== 'string') continue;
      const key = arn.slice(arn.lastIndexOf('/') + 1);
      if (!definitions.has(key)) missing.add(key);
    }
  }
  if (missing.size === 0) return;
  const names = [...missing].sort();
  notes.push(
    `the task definitions ${names.join(', ')} of running tasks are not among the inputs; ` +
      'run-task can place only the task definitions imported (add `aws ecs ' +
      'describe-task-definition --task-definition NAME --include TAGS --output json` outputs)',
  );
}

function noteMissingSubnets(
  clusters: readonly ClusterGroup[],
  subnets: Described,
  notes: string[],
): void {
  const { subnetIds } = subnetReferences(
    clusters.flatMap((c) => c.instances.map((i) => i.value)),
    clusters.flatMap((c) => c.tasks.map((t) => t.value)),
  );
  const missing = [...subnetIds].filter((id) => !subnets.has(id)).sort();
  if (missing.length === 0) return;
  notes.push(
    `the subnets ${missing.join(', ')} used by instances or tasks are not described: run-task ` +
      'cannot tell their Availability Zones (add `aws ec2 describe-subnets --output json`)',
  );
}

function build(
  clusters: readonly ClusterGroup[],
  collected: Collected,
  options: AssembleOptions,
  notes: string[],
): Assembled {
  const { sets } = collected;
  const origins: SnapshotOrigins = {
    clusters: [],
    containerInstances: [],
    tasks: [],
    taskDefinitions: [],
    capacityProviders: [],
    subnets: new Map(),
  };
  const snapshotClusters = clusters.map((cluster) => {
    const instances = byKey(cluster.instances, 'containerInstanceArn');
    const tasks = byKey(cluster.tasks, 'taskArn');
    origins.clusters.push(cluster.held.origin);
    origins.containerInstances.push(instances.map((h) => h.origin));
    origins.tasks.push(tasks.map((h) => h.origin));
    return {
      ...cluster.held.value,
      containerInstances: instances.map((h) => h.value),
      tasks: tasks.map((h) => h.value),
    };
  });

  const definitions = sets.taskDefinition.values().sort(compareDefinitions);
  const providers = byKey(sets.capacityProvider.values(), 'name');
  const subnets = byKey(sets.subnet.values(), 'SubnetId');
  origins.taskDefinitions = definitions.map((h) => h.origin);
  origins.capacityProviders = providers.map((h) => h.origin);

  const snapshot: Json = {
    region: options.region,
    accountId: options.accountId,
    clusters: snapshotClusters,
  };
  if (providers.length > 0) snapshot['capacityProviders'] = providers.map((h) => h.value);
  snapshot['taskDefinitions'] = definitions.map((h) => h.value);
  if (subnets.length > 0) {
    const map: Record<string, unknown> = {};
    for (const subnet of subnets) {
      const id = subnet.value['SubnetId'] as string;
      map[id] = subnet.value['AvailabilityZone'];
      origins.subnets.set(id, subnet.origin);
    }
    snapshot['subnets'] = map;
  }
  for (const set of Object.values(sets)) notes.push(...set.conflictNotes());
  return { snapshot, origins, notes };
}

function byKey(records: Held[], key: string): Held[] {
  return records.sort((a, b) => compareText(a.value[key] as string, b.value[key] as string));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDefinitions(a: Held, b: Held): number {
  return (
    compareText(a.value['family'] as string, b.value['family'] as string) ||
    Number(a.value['revision']) - Number(b.value['revision'])
  );
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** The first lines of a list, indented, then how many more. */
function indent(lines: readonly string[]): string {
  const shown = lines.slice(0, LISTED).map((l) => `  ${l}`);
  if (lines.length > LISTED) shown.push(`  ... and ${lines.length - LISTED} more`);
  return shown.join('\n');
}
