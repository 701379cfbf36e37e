/**
 * Ways to break a valid snapshot, one problem each, for the schema/loader agreement test.
 * `rule` says who must refuse the result: `schema` when JSON Schema can express the rule (the
 * schema and the loader both refuse), otherwise the loader-only rule (docs/snapshot.md) under
 * which the loader refuses it while the schema accepts it. `pick` chooses which instance, task,
 * task definition or container a mutation applies to.
 */
import { TEST_ACCOUNT, TEST_REGION } from '../../src/testing/builders.js';
import { nestedLists } from '../../src/testing/hostile-arbitraries.js';
import type { LoaderOnlyRule } from './loader-only-rules.js';

type Obj = Record<string, unknown>;

export interface Mutation {
  name: string;
  rule: 'schema' | LoaderOnlyRule;
  /** Breaks `snapshot` (a fresh copy) and returns the document to load, usually `snapshot`. */
  apply(snapshot: Obj, pick: number): unknown;
}

const ARN = `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}`;

const objects = (value: unknown): Obj[] => value as Obj[];
const at = <T>(items: readonly T[], pick: number): T => items[pick % items.length]!;
const copy = <T>(value: T): T => structuredClone(value);

/** `holder[key]`, set to `initial` first when it is absent. */
function member<T>(holder: Obj, key: string, initial: T): T {
  if (holder[key] === undefined) holder[key] = initial;
  return holder[key] as T;
}
function firstCluster(s: Obj): Obj {
  return objects(s['clusters'])[0]!;
}
function instances(s: Obj): Obj[] {
  return member<Obj[]>(firstCluster(s), 'containerInstances', []);
}
function instance(s: Obj, pick: number): Obj {
  return at(instances(s), pick);
}
function tasks(s: Obj): Obj[] {
  return member<Obj[]>(firstCluster(s), 'tasks', []);
}
/** A valid EC2 task on `on` (the first instance by default). */
function ec2Task(s: Obj, id: string, on: Obj = instances(s)[0]!): Obj {
  return {
    taskArn: `${ARN}:task/default/${id}`,
    desiredStatus: 'RUNNING',
    lastStatus: 'RUNNING',
    launchType: 'EC2',
    group: 'family:web',
    containerInstanceArn: on['containerInstanceArn'],
  };
}
function task(s: Obj, pick: number): Obj {
  const list = tasks(s);
  if (list.length === 0) list.push(ec2Task(s, 'mutation-task'));
  return at(list, pick);
}
function taskContainer(s: Obj, pick: number): Obj {
  const t = task(s, pick);
  const containers = member<Obj[]>(t, 'containers', []);
  if (containers.length === 0) containers.push({ name: 'app', networkBindings: [] });
  return at(containers, pick);
}
function networkBinding(s: Obj, pick: number): Obj {
  const container = taskContainer(s, pick);
  const bindings = member<Obj[]>(container, 'networkBindings', []);
  if (bindings.length === 0) bindings.push({ containerPort: 80, hostPort: 8080, protocol: 'tcp' });
  return at(bindings, pick);
}
function resource(holder: Obj, name: string, list = 'remainingResources'): Obj {
  const resources = member<Obj[]>(holder, list, []);
  let found = resources.find((r) => r['name'] === name);
  if (!found) {
    found = { name, type: 'STRINGSET', stringSetValue: [] };
    resources.push(found);
  }
  return found;
}
function attribute(s: Obj, pick: number): Obj {
  const list = member<Obj[]>(instance(s, pick), 'attributes', []);
  if (list.length === 0) list.push({ name: 'stack', value: 'prod' });
  return at(list, pick);
}
function taskDefinition(s: Obj, pick: number): Obj {
  return at(objects(s['taskDefinitions']), pick);
}
function containerDefinition(s: Obj, pick: number): Obj {
  return at(objects(taskDefinition(s, pick)['containerDefinitions']), pick);
}
function portMapping(s: Obj, pick: number): Obj {
  const container = containerDefinition(s, pick);
  const mappings = member<Obj[]>(container, 'portMappings', []);
  if (mappings.length === 0) mappings.push({ containerPort: 80, hostPort: 8080, protocol: 'tcp' });
  return at(mappings, pick);
}
function requirement(s: Obj, pick: number): Obj {
  const container = containerDefinition(s, pick);
  const list = member<Obj[]>(container, 'resourceRequirements', []);
  const found = list.find((r) => r['type'] === 'GPU');
  if (found) return found;
  const added = { type: 'GPU', value: '1' };
  list.push(added);
  return added;
}
function constraint(s: Obj, pick: number): Obj {
  const definition = taskDefinition(s, pick);
  const list = member<Obj[]>(definition, 'placementConstraints', []);
  if (list.length === 0) list.push({ type: 'memberOf', expression: 'attribute:stack == prod' });
  return at(list, pick);
}
function provider(s: Obj): Obj {
  const providers = member<Obj[]>(s, 'capacityProviders', []);
  if (providers.length === 0) providers.push({ name: 'mutation-provider', status: 'ACTIVE' });
  return providers[0]!;
}
function managedScaling(s: Obj): Obj {
  const group = member<Obj>(provider(s), 'autoScalingGroupProvider', {});
  return member<Obj>(group, 'managedScaling', { status: 'ENABLED' });
}
function strategyItem(s: Obj): Obj {
  const cluster = firstCluster(s);
  const associated = member<string[]>(cluster, 'capacityProviders', []);
  if (!associated.includes('FARGATE')) associated.push('FARGATE');
  const list = member<Obj[]>(cluster, 'defaultCapacityProviderStrategy', []);
  if (list.length === 0) list.push({ capacityProvider: 'FARGATE', weight: 1 });
  return list[0]!;
}
function tokenRecord(s: Obj): Obj {
  const records = member<Obj[]>(firstCluster(s), 'clientTokens', []);
  if (records.length === 0) {
    records.push({
      clientToken: 'mutation-token',
      recordedAt: '2024-06-01T00:00:00.000Z',
      request: '{}',
      response: { tasks: [], failures: [] },
    });
  }
  return records[0]!;
}

/** A mutation that sets `key` of the holder `where` finds (`undefined` removes it). */
function setting(
  name: string,
  rule: Mutation['rule'],
  where: (s: Obj, pick: number) => Obj,
  key: string,
  value: unknown,
): Mutation {
  return {
    name,
    rule,
    apply(s, pick) {
      const holder = where(s, pick);
      if (value === undefined) delete holder[key];
      else holder[key] = copy(value);
      return s;
    },
  };
}

const root = (s: Obj) => s;
const cluster = (s: Obj) => firstCluster(s);
const remainingCpu = (s: Obj, pick: number) => resource(instance(s, pick), 'CPU');
const ports = (name: string) => (s: Obj, pick: number) => resource(instance(s, pick), name);

/** Mutations both the schema and the loader refuse. */
const SCHEMA_MUTATIONS: Mutation[] = [
  { name: 'the root is a list', rule: 'schema', apply: (s) => [s] },
  { name: 'the root is text', rule: 'schema', apply: () => 'snapshot' },
  setting('region missing', 'schema', root, 'region', undefined),
  setting('region empty', 'schema', root, 'region', ''),
  setting('region a number', 'schema', root, 'region', 1),
  setting('accountId missing', 'schema', root, 'accountId', undefined),
  setting('accountId of 2 digits', 'schema', root, 'accountId', '42'),
  setting('accountId a number', 'schema', root, 'accountId', 123456789012),
  setting('clusters missing', 'schema', root, 'clusters', undefined),
  setting('clusters an object', 'schema', root, 'clusters', {}),
  setting('taskDefinitions an object', 'schema', root, 'taskDefinitions', {}),
  setting('capacityProviders text', 'schema', root, 'capacityProviders', 'asg'),
  setting('subnets a list', 'schema', root, 'subnets', ['subnet-1']),
  setting('a subnet zone empty', 'schema', root, 'subnets', { 'subnet-1': '' }),
  setting('a subnet zone a number', 'schema', root, 'subnets', { 'subnet-1': 1 }),
  {
    name: 'a cluster is text',
    rule: 'schema',
    apply: (s) => {
      objects(s['clusters']).push('default' as unknown as Obj);
      return s;
    },
  },
  setting('clusterName missing', 'schema', cluster, 'clusterName', undefined),
  setting('clusterName with a space', 'schema', cluster, 'clusterName', 'my cluster'),
  setting('clusterName of 256 characters', 'schema', cluster, 'clusterName', 'c'.repeat(256)),
  setting('clusterArn a number', 'schema', cluster, 'clusterArn', 5),
  setting('cluster status a boolean', 'schema', cluster, 'status', true),
  setting('cluster capacityProviders text', 'schema', cluster, 'capacityProviders', 'FARGATE'),
  setting('cluster capacityProviders of numbers', 'schema', cluster, 'capacityProviders', [5]),
  setting('containerInstances an object', 'schema', cluster, 'containerInstances', {}),
  setting('tasks text', 'schema', cluster, 'tasks', 'none'),
  setting(
    'strategy capacityProvider missing',
    'schema',
    strategyItem,
    'capacityProvider',
    undefined,
  ),
  setting('strategy weight negative', 'schema', strategyItem, 'weight', -1),
  setting('strategy base fractional', 'schema', strategyItem, 'base', 1.5),
  setting('clientTokens an object', 'schema', cluster, 'clientTokens', {}),
  setting('client token record without response', 'schema', tokenRecord, 'response', undefined),
  setting('client token response without tasks', 'schema', tokenRecord, 'response', {
    failures: [],
  }),
  setting('clientToken a number', 'schema', tokenRecord, 'clientToken', 5),
  setting('client token recordedAt missing', 'schema', tokenRecord, 'recordedAt', undefined),
  setting('client token request an object', 'schema', tokenRecord, 'request', {}),
  setting('capacity provider name missing', 'schema', provider, 'name', undefined),
  setting('capacity provider status UPDATING', 'schema', provider, 'status', 'UPDATING'),
  setting('capacity provider updateStatus a number', 'schema', provider, 'updateStatus', 5),
  setting('autoScalingGroupProvider a list', 'schema', provider, 'autoScalingGroupProvider', []),
  setting('managedScaling status ON', 'schema', managedScaling, 'status', 'ON'),
  setting('targetCapacity 0', 'schema', managedScaling, 'targetCapacity', 0),
  setting('targetCapacity 101', 'schema', managedScaling, 'targetCapacity', 101),
  setting('targetCapacity 50.5', 'schema', managedScaling, 'targetCapacity', 50.5),
  setting('minimumScalingStepSize 0', 'schema', managedScaling, 'minimumScalingStepSize', 0),
  setting(
    'maximumScalingStepSize 10001',
    'schema',
    managedScaling,
    'maximumScalingStepSize',
    10001,
  ),
  setting('instanceWarmupPeriod -1', 'schema', managedScaling, 'instanceWarmupPeriod', -1),
  setting('instanceWarmupPeriod 10001', 'schema', managedScaling, 'instanceWarmupPeriod', 10001),
  setting('containerInstanceArn missing', 'schema', instance, 'containerInstanceArn', undefined),
  setting('containerInstanceArn not an ARN', 'schema', instance, 'containerInstanceArn', 'ci-1'),
  setting('instance status missing', 'schema', instance, 'status', undefined),
  setting('instance status RUNNING', 'schema', instance, 'status', 'RUNNING'),
  setting('agentConnected missing', 'schema', instance, 'agentConnected', undefined),
  setting('agentConnected text', 'schema', instance, 'agentConnected', 'true'),
  setting('ec2InstanceId a number', 'schema', instance, 'ec2InstanceId', 5),
  setting('capacityProviderName a list', 'schema', instance, 'capacityProviderName', []),
  setting('runningTasksCount -1', 'schema', instance, 'runningTasksCount', -1),
  setting('pendingTasksCount 1.5', 'schema', instance, 'pendingTasksCount', 1.5),
  setting('instance version text', 'schema', instance, 'version', '3'),
  setting('versionInfo text', 'schema', instance, 'versionInfo', '1.86.3'),
  setting('agentVersion a number', 'schema', instance, 'versionInfo', { agentVersion: 1 }),
  setting('remainingResources missing', 'schema', instance, 'remainingResources', undefined),
  setting('remainingResources an object', 'schema', instance, 'remainingResources', {}),
  {
    name: 'remainingResources without CPU',
    rule: 'schema',
    apply: (s, pick) => {
      const i = instance(s, pick);
      i['remainingResources'] = objects(i['remainingResources']).filter((r) => r['name'] !== 'CPU');
      return s;
    },
  },
  {
    name: 'remainingResources without MEMORY',
    rule: 'schema',
    apply: (s, pick) => {
      const i = instance(s, pick);
      i['remainingResources'] = objects(i['remainingResources']).filter(
        (r) => r['name'] !== 'MEMORY',
      );
      return s;
    },
  },
  setting('remaining CPU negative', 'schema', remainingCpu, 'integerValue', -1),
  setting('remaining CPU fractional', 'schema', remainingCpu, 'integerValue', 1.5),
  setting('remaining CPU as a fractional doubleValue', 'schema', remainingCpu, 'doubleValue', 0.5),
  {
    name: 'remaining MEMORY without a figure',
    rule: 'schema',
    apply: (s, pick) => {
      const memory = resource(instance(s, pick), 'MEMORY');
      for (const key of ['integerValue', 'longValue', 'doubleValue']) delete memory[key];
      return s;
    },
  },
  setting(
    'registered MEMORY negative',
    'schema',
    (s, pick) => resource(instance(s, pick), 'MEMORY', 'registeredResources'),
    'longValue',
    -4096,
  ),
  setting('resource type FLOAT', 'schema', remainingCpu, 'type', 'FLOAT'),
  setting('resource name empty', 'schema', ports('PORTS'), 'name', ''),
  setting('resource doubleValue text', 'schema', ports('PORTS'), 'doubleValue', '0'),
  setting(
    'resource longValue beyond the safe integers',
    'schema',
    ports('PORTS'),
    'longValue',
    2 ** 60,
  ),
  setting('resource stringSetValue text', 'schema', ports('PORTS'), 'stringSetValue', '22'),
  setting('a PORTS entry 65536', 'schema', ports('PORTS'), 'stringSetValue', ['22', '65536']),
  setting('a PORTS entry with a leading zero', 'schema', ports('PORTS'), 'stringSetValue', ['080']),
  setting('a PORTS_UDP entry not a number', 'schema', ports('PORTS_UDP'), 'stringSetValue', [
    'dns',
  ]),
  setting('a GPU id listed twice', 'schema', ports('GPU'), 'stringSetValue', ['gpu-0', 'gpu-0']),
  {
    name: 'a resource is text',
    rule: 'schema',
    apply: (s, pick) => {
      objects(instance(s, pick)['remainingResources']).push('CPU' as unknown as Obj);
      return s;
    },
  },
  setting('attributes an object', 'schema', instance, 'attributes', {}),
  setting('attribute name missing', 'schema', attribute, 'name', undefined),
  setting('attribute name empty', 'schema', attribute, 'name', ''),
  setting('attribute value a number', 'schema', attribute, 'value', 5),
  setting('registeredAt month 13', 'schema', instance, 'registeredAt', '2024-13-01T00:00:00Z'),
  setting('registeredAt hour 24', 'schema', instance, 'registeredAt', '2024-01-01T24:00:00Z'),
  setting('registeredAt words', 'schema', instance, 'registeredAt', 'yesterday'),
  setting('registeredAt a boolean', 'schema', instance, 'registeredAt', true),
  setting('registeredAt beyond Date', 'schema', instance, 'registeredAt', 1e13),
  setting('taskArn missing', 'schema', task, 'taskArn', undefined),
  setting('taskArn empty', 'schema', task, 'taskArn', ''),
  setting('desiredStatus missing', 'schema', task, 'desiredStatus', undefined),
  setting('desiredStatus DONE', 'schema', task, 'desiredStatus', 'DONE'),
  setting('launchType SPOT', 'schema', task, 'launchType', 'SPOT'),
  setting('group a number', 'schema', task, 'group', 5),
  setting('lastStatus a number', 'schema', task, 'lastStatus', 5),
  setting('task capacityProviderName a number', 'schema', task, 'capacityProviderName', 5),
  setting('task taskDefinitionArn a number', 'schema', task, 'taskDefinitionArn', 5),
  setting('task containerInstanceArn a number', 'schema', task, 'containerInstanceArn', 5),
  {
    name: 'an EC2 task without containerInstanceArn',
    rule: 'schema',
    apply: (s) => {
      const t = ec2Task(s, 'no-instance');
      delete t['containerInstanceArn'];
      tasks(s).push(t);
      return s;
    },
  },
  {
    name: 'a PENDING task on a capacity provider without containerInstanceArn',
    rule: 'schema',
    apply: (s) => {
      const { launchType: _ec2, containerInstanceArn: _arn, ...t } = ec2Task(s, 'no-instance');
      tasks(s).push({ ...t, lastStatus: 'PENDING', capacityProviderName: 'asg' });
      return s;
    },
  },
  setting('task cpu in words', 'schema', task, 'cpu', 'lots'),
  setting('task cpu negative', 'schema', task, 'cpu', -1),
  setting('task cpu fractional', 'schema', task, 'cpu', 1.5),
  setting('task memory in GiB', 'schema', task, 'memory', '1 GiB'),
  setting('task memory a boolean', 'schema', task, 'memory', true),
  setting('task containers text', 'schema', task, 'containers', 'app'),
  setting('task tags text', 'schema', task, 'tags', 'team=web'),
  setting('a task tag text', 'schema', task, 'tags', ['team=web']),
  setting('container cpu negative text', 'schema', taskContainer, 'cpu', '-1'),
  setting('container memory fractional', 'schema', taskContainer, 'memory', 1.5),
  setting('container memoryReservation words', 'schema', taskContainer, 'memoryReservation', 'abc'),
  setting('container gpuIds text', 'schema', taskContainer, 'gpuIds', 'gpu-0'),
  setting('container gpuIds numbers', 'schema', taskContainer, 'gpuIds', [0]),
  setting('container networkBindings an object', 'schema', taskContainer, 'networkBindings', {}),
  setting('binding hostPort 70000', 'schema', networkBinding, 'hostPort', 70000),
  setting('binding containerPort -1', 'schema', networkBinding, 'containerPort', -1),
  setting('binding protocol sctp', 'schema', networkBinding, 'protocol', 'sctp'),
  setting('createdAt words', 'schema', task, 'createdAt', 'not a date'),
  setting('startedAt minute 60', 'schema', task, 'startedAt', '2024-01-01T10:60:00Z'),
  setting('stoppedAt zone +25:00', 'schema', task, 'stoppedAt', '2024-01-01T10:00:00+25:00'),
  setting('executionStoppedAt a boolean', 'schema', task, 'executionStoppedAt', false),
  setting('connectivityAt null', 'schema', task, 'connectivityAt', null),
  setting('family missing', 'schema', taskDefinition, 'family', undefined),
  setting('family with a colon', 'schema', taskDefinition, 'family', 'web:1'),
  setting('revision missing', 'schema', taskDefinition, 'revision', undefined),
  setting('revision 0', 'schema', taskDefinition, 'revision', 0),
  setting('revision text', 'schema', taskDefinition, 'revision', '1'),
  setting('task definition status DELETED', 'schema', taskDefinition, 'status', 'DELETED'),
  setting('networkMode nat', 'schema', taskDefinition, 'networkMode', 'nat'),
  setting('taskDefinitionArn a number', 'schema', taskDefinition, 'taskDefinitionArn', 5),
  setting('taskRoleArn a boolean', 'schema', taskDefinition, 'taskRoleArn', true),
  setting('task definition cpu 0', 'schema', taskDefinition, 'cpu', 0),
  setting('task definition cpu "0"', 'schema', taskDefinition, 'cpu', '0'),
  setting('task definition cpu "0.5"', 'schema', taskDefinition, 'cpu', '0.5'),
  setting('task definition cpu in words', 'schema', taskDefinition, 'cpu', 'lots'),
  setting('task definition memory negative', 'schema', taskDefinition, 'memory', -512),
  setting('task definition memory in GiB', 'schema', taskDefinition, 'memory', '1 GiB'),
  setting('task definition memory 1e3', 'schema', taskDefinition, 'memory', '1e3'),
  setting('requiresCompatibilities ECS', 'schema', taskDefinition, 'requiresCompatibilities', [
    'ECS',
  ]),
  setting('compatibilities text', 'schema', taskDefinition, 'compatibilities', 'EC2'),
  setting(
    'containerDefinitions missing',
    'schema',
    taskDefinition,
    'containerDefinitions',
    undefined,
  ),
  setting('containerDefinitions empty', 'schema', taskDefinition, 'containerDefinitions', []),
  setting('container definition name missing', 'schema', containerDefinition, 'name', undefined),
  setting('container definition cpu negative', 'schema', containerDefinition, 'cpu', -1),
  setting('container definition memory text', 'schema', containerDefinition, 'memory', '512'),
  setting(
    'container definition portMappings an object',
    'schema',
    containerDefinition,
    'portMappings',
    {},
  ),
  setting('port mapping hostPort 65536', 'schema', portMapping, 'hostPort', 65536),
  setting('port mapping protocol TCP', 'schema', portMapping, 'protocol', 'TCP'),
  setting('resource requirement type TPU', 'schema', requirement, 'type', 'TPU'),
  setting('GPU requirement of two', 'schema', requirement, 'value', 'two'),
  setting('resource requirement value missing', 'schema', requirement, 'value', undefined),
  setting(
    'placement constraint distinctInstance',
    'schema',
    constraint,
    'type',
    'distinctInstance',
  ),
  setting('placement constraint expression a number', 'schema', constraint, 'expression', 5),
  setting('requiresAttributes name empty', 'schema', taskDefinition, 'requiresAttributes', [
    { name: '' },
  ]),
  setting(
    'task definition registeredAt day 32',
    'schema',
    taskDefinition,
    'registeredAt',
    '2024-01-32',
  ),
  setting('deregisteredAt words', 'schema', taskDefinition, 'deregisteredAt', 'soon'),
];

/** Mutations only the loader refuses: the schema accepts each (docs/snapshot.md lists them). */
const LOADER_ONLY_MUTATIONS: Mutation[] = [
  {
    name: 'a containerInstanceArn twice in a cluster',
    rule: 'Unique identifiers',
    apply: (s, pick) => {
      instances(s).push({ ...copy(instance(s, pick)), ec2InstanceId: 'i-another' });
      return s;
    },
  },
  {
    name: 'a containerInstanceArn in two clusters',
    rule: 'Unique identifiers',
    apply: (s, pick) => {
      const twin: Obj = { ...copy(instance(s, pick)), ec2InstanceId: 'i-another' };
      delete twin['capacityProviderName'];
      objects(s['clusters']).push({ clusterName: 'other', containerInstances: [twin] });
      return s;
    },
  },
  {
    name: 'a taskArn twice',
    rule: 'Unique identifiers',
    apply: (s, pick) => {
      tasks(s).push(copy(task(s, pick)));
      return s;
    },
  },
  {
    name: 'a clusterName twice',
    rule: 'Unique identifiers',
    apply: (s) => {
      objects(s['clusters']).push({ clusterName: firstCluster(s)['clusterName'] });
      return s;
    },
  },
  {
    name: 'a capacity provider name twice',
    rule: 'Unique identifiers',
    apply: (s) => {
      const twin = copy(provider(s));
      objects(s['capacityProviders']).push(twin);
      return s;
    },
  },
  {
    name: 'a family:revision twice',
    rule: 'Unique identifiers',
    apply: (s, pick) => {
      const twin = copy(taskDefinition(s, pick));
      delete twin['taskDefinitionArn'];
      objects(s['taskDefinitions']).push(twin);
      return s;
    },
  },
  {
    name: 'a taskDefinitionArn twice',
    rule: 'Unique identifiers',
    apply: (s, pick) => {
      const definition = taskDefinition(s, pick);
      definition['taskDefinitionArn'] = `${ARN}:task-definition/twin:1`;
      const twin = { ...copy(definition), revision: (definition['revision'] as number) - 1 };
      if (twin.revision < 1) twin.revision += 2;
      objects(s['taskDefinitions']).push(twin);
      return s;
    },
  },
  {
    name: 'a client token twice',
    rule: 'Unique identifiers',
    apply: (s) => {
      const twin = copy(tokenRecord(s));
      objects(firstCluster(s)['clientTokens']).push(twin);
      return s;
    },
  },
  {
    name: 'an ec2InstanceId on two live instances',
    rule: 'One live registration per EC2 instance',
    apply: (s, pick) => {
      const live = instance(s, pick);
      live['ec2InstanceId'] = 'i-shared';
      live['status'] = 'ACTIVE';
      instances(s).push({
        ...copy(live),
        containerInstanceArn: `${live['containerInstanceArn']}-second`,
      });
      return s;
    },
  },
  {
    name: 'a resource name twice',
    rule: 'Unique names within a list',
    apply: (s, pick) => {
      const list = objects(instance(s, pick)['remainingResources']);
      list.push(
        { name: 'CUSTOM', type: 'INTEGER', integerValue: 1 },
        { name: 'CUSTOM', integerValue: 2 },
      );
      return s;
    },
  },
  {
    name: 'an attribute name twice',
    rule: 'Unique names within a list',
    apply: (s, pick) => {
      const list = member<Obj[]>(instance(s, pick), 'attributes', []);
      list.push({ name: 'twice', value: 'a' }, { name: 'twice' });
      return s;
    },
  },
  {
    name: 'a container name twice in a task definition',
    rule: 'Unique names within a list',
    apply: (s, pick) => {
      const list = objects(taskDefinition(s, pick)['containerDefinitions']);
      list.push(copy(list[0]!));
      return s;
    },
  },
  {
    name: 'remaining CPU above registered',
    rule: 'Remaining never above registered',
    apply: (s, pick) => {
      const i = instance(s, pick);
      i['registeredResources'] = [
        { name: 'CPU', type: 'INTEGER', integerValue: 512 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 1 << 20 },
      ];
      const cpu = resource(i, 'CPU');
      for (const key of ['longValue', 'doubleValue']) delete cpu[key];
      cpu['integerValue'] = 513;
      return s;
    },
  },
  {
    name: 'a task on an instance the snapshot does not hold',
    rule: "A task's instance is in its cluster",
    apply: (s, pick) => {
      task(s, pick)['containerInstanceArn'] = `${ARN}:container-instance/default/nowhere`;
      return s;
    },
  },
  {
    name: 'a task on an instance of another cluster',
    rule: "A task's instance is in its cluster",
    apply: (s, pick) => {
      const elsewhere: Obj = {
        ...copy(instance(s, pick)),
        containerInstanceArn: `${ARN}:container-instance/other/ci-other`,
        ec2InstanceId: 'i-other',
      };
      delete elsewhere['capacityProviderName'];
      objects(s['clusters']).push({ clusterName: 'other', containerInstances: [elsewhere] });
      tasks(s).push(ec2Task(s, 'elsewhere', elsewhere));
      return s;
    },
  },
  {
    name: 'a cluster naming an unknown capacity provider',
    rule: 'Capacity providers are known and associated',
    apply: (s) => {
      const cluster = firstCluster(s);
      cluster['capacityProviders'] = [
        ...((cluster['capacityProviders'] as string[]) ?? []),
        'nowhere',
      ];
      return s;
    },
  },
  {
    name: 'a default strategy naming a provider the cluster does not list',
    rule: 'Capacity providers are known and associated',
    apply: (s) => {
      strategyItem(s)['capacityProvider'] = 'FARGATE_SPOT-elsewhere';
      return s;
    },
  },
  {
    name: 'an instance of a provider the cluster does not list',
    rule: 'Capacity providers are known and associated',
    apply: (s, pick) => {
      member<string[]>(firstCluster(s), 'capacityProviders', []);
      instance(s, pick)['capacityProviderName'] = 'unlisted';
      return s;
    },
  },
  {
    name: 'a GPU held by two running tasks',
    rule: 'A GPU is held by one task',
    apply: (s, pick) => {
      const on = instance(s, pick);
      for (const id of ['gpu-one', 'gpu-two']) {
        tasks(s).push({ ...ec2Task(s, id, on), containers: [{ gpuIds: ['gpu-shared'] }] });
      }
      return s;
    },
  },
  setting(
    'memory below memoryReservation',
    'Container memory not below its reservation',
    (s, pick) => {
      const container = containerDefinition(s, pick);
      container['memoryReservation'] = 128;
      return container;
    },
    'memory',
    64,
  ),
  setting(
    'registeredAt on 29 February 2023',
    'Real calendar days',
    instance,
    'registeredAt',
    '2023-02-29T00:00:00Z',
  ),
  setting('createdAt on 31 April', 'Real calendar days', task, 'createdAt', '2024-04-31'),
  setting(
    'task definition registeredAt on 30 February',
    'Real calendar days',
    taskDefinition,
    'registeredAt',
    '2024-02-30T10:00:00+01:00',
  ),
  setting(
    'task definition cpu "0.1 vCPU" (102.4 units)',
    'Whole numbers written as text',
    taskDefinition,
    'cpu',
    '0.1 vCPU',
  ),
  setting(
    'task definition memory "0 GB"',
    'Whole numbers written as text',
    taskDefinition,
    'memory',
    '0 GB',
  ),
  setting(
    'task definition memory beyond the safe integers',
    'Whole numbers written as text',
    taskDefinition,
    'memory',
    '9007199254740993',
  ),
  setting('task cpu "0.3 vcpu"', 'Whole numbers written as text', task, 'cpu', '0.3 vcpu'),
  setting(
    'container cpu text beyond the safe integers',
    'Whole numbers written as text',
    taskContainer,
    'cpu',
    '99999999999999999999',
  ),
  setting(
    'GPU requirement beyond the safe integers',
    'Whole numbers written as text',
    requirement,
    'value',
    '99999999999999999999',
  ),
  setting(
    'client token recordedAt not a time',
    'Client token times',
    tokenRecord,
    'recordedAt',
    'not a time',
  ),
  setting(
    'an unknown member nested 100 lists deep',
    'Nesting depth',
    root,
    'extra',
    nestedLists(100),
  ),
];

export const MUTATIONS: readonly Mutation[] = [...SCHEMA_MUTATIONS, ...LOADER_ONLY_MUTATIONS];
