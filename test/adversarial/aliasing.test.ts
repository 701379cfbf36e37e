// Issue 9 item 6: nothing the library returns aliases its state, and it keeps no reference to
// what the caller gave it. Each test runs the same calls on two clusters loaded from the same
// snapshot, vandalises every object one side gave or got (every string, number and boolean
// changed, every list grown and reversed, a member added to every object), and expects both
// to behave alike from then on.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { InvalidParameterException } from '../../src/kernel/errors.js';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import type { ContainerInstance } from '../../src/kernel/ecs-types.js';
import { containerInstance } from '../../src/testing/builders.js';
import { snapshotJson } from '../cluster/snapshot-fixture.js';

type Json = Record<string, unknown>;

/** The fixture plus members the validator does not know, nested, and a `__proto__` subnet. */
function richSnapshot(): Json {
  const json = snapshotJson();
  json['exportedBy'] = { tool: 'aws-cli', versions: [{ major: 2 }] };
  const cluster = json.clusters[0]!;
  // The task definition's memberOf asks for stack == prod.
  for (const each of cluster['containerInstances'] as Json[]) {
    (each['attributes'] as Json[]).push({ name: 'stack', value: 'prod' });
  }
  const instance = (cluster['containerInstances'] as Json[])[0]!;
  instance['tags'] = [{ key: 'team', value: 'infra' }];
  instance['attachments'] = [{ id: 'eni-1', details: [{ name: 'x', value: 'y' }] }];
  const task = (cluster['tasks'] as Json[])[0]!;
  task['attachments'] = [{ id: 'att-1', details: [{ name: 'subnetId', value: 'subnet-1' }] }];
  task['overrides'] = { containerOverrides: [{ name: 'web', command: ['run'] }] };
  const definition = (json['taskDefinitions'] as Json[])[0]!;
  definition['tags'] = [{ key: 'owner', value: 'ops' }];
  const container = (definition['containerDefinitions'] as Json[])[0]!;
  container['environment'] = [{ name: 'MODE', value: 'prod' }];
  container['portMappings'] = [{ containerPort: 80, hostPort: 8080 }]; // 80 is taken everywhere
  container['logConfiguration'] = { logDriver: 'awslogs', options: { group: '/ecs/web' } };
  Object.defineProperty(json['subnets'], '__proto__', {
    value: 'us-east-1b',
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return json;
}

const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function vandalise(value: unknown, seen = new Set<object>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) vandalise(item, seen);
    value.push('junk');
    value.reverse();
    return;
  }
  const object = value as Json;
  for (const key of Object.keys(object)) {
    const member = object[key];
    if (typeof member === 'string') object[key] = `junk-${member}`;
    else if (typeof member === 'number') object[key] = -member - 1;
    else if (typeof member === 'boolean') object[key] = !member;
    else vandalise(member, seen);
  }
  object['vandal'] = { junk: [1] };
}

/** Every object and list reachable from `value`. */
function objectsIn(value: unknown, into = new Set<object>()): Set<object> {
  if (value === null || typeof value !== 'object' || into.has(value)) return into;
  into.add(value);
  for (const member of Object.values(value)) objectsIn(member, into);
  return into;
}

function shared(a: unknown, b: unknown): number {
  const left = objectsIn(a);
  return [...objectsIn(b)].filter((o) => left.has(o)).length;
}

const request = (): RunTaskInput => ({
  taskDefinition: 'web',
  count: 2,
  launchType: 'EC2',
  propagateTags: 'TASK_DEFINITION',
  tags: [{ key: 'run', value: '1' }],
  overrides: { containerOverrides: [{ name: 'web', command: ['serve'], memoryReservation: 64 }] },
  placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
});

/** Two clusters from one snapshot: `victim` has its objects vandalised, `control` never. */
function pair(json: Json = richSnapshot()) {
  return {
    victim: Cluster.fromSnapshot(copyOf(json)),
    control: Cluster.fromSnapshot(copyOf(json)),
  };
}

function expectAlike(victim: Cluster, control: Cluster): void {
  expect(victim.toSnapshot()).toEqual(control.toSnapshot());
  const next = { seed: 'after', now: 0 };
  expect(victim.planRunTask(request(), next)).toEqual(control.planRunTask(request(), next));
  expect(victim.runTask(request(), next)).toEqual(control.runTask(request(), next));
  expect(victim.toSnapshot()).toEqual(control.toSnapshot());
}

describe('what the library returns is a copy', () => {
  it('the reproduction: changing a returned task ARN no longer breaks the saved snapshot', () => {
    const cluster = Cluster.fromSnapshot(richSnapshot());
    const response = cluster.runTask(request(), { seed: 's' });
    const placedOn = response.tasks[0]!.containerInstanceArn;
    response.tasks[0]!.containerInstanceArn =
      'arn:aws:ecs:us-east-1:123456789012:container-instance/default/nope';
    const saved = cluster.toSnapshot();
    expect(() => Cluster.fromSnapshot(saved)).not.toThrow();
    const kept = saved.clusters[0]!.tasks.find((t) => t.taskArn === response.tasks[0]!.taskArn);
    expect(kept?.containerInstanceArn).toBe(placedOn);
  });

  it('runTask responses', () => {
    const { victim, control } = pair();
    const options = { seed: 's', now: 0 };
    const response = victim.runTask(request(), options);
    expect(response.tasks).toHaveLength(2);
    expect(response).toEqual(control.runTask(request(), options));
    vandalise(response);
    expectAlike(victim, control);
  });

  it('planRunTask responses and their explanation', () => {
    const { victim, control } = pair();
    const plan = victim.planRunTask(request(), { seed: 's' });
    control.planRunTask(request(), { seed: 's' });
    vandalise(plan);
    expectAlike(victim, control);
  });

  it('toSnapshot, from the root down to the task definitions and subnets', () => {
    const { victim, control } = pair();
    const options = { seed: 's', now: 0 };
    victim.runTask(request(), options);
    control.runTask(request(), options);
    const saved = victim.toSnapshot();
    expect(shared(saved, victim.toSnapshot())).toBe(0);
    vandalise(saved);
    expectAlike(victim, control);
  });

  it('listContainerInstances', () => {
    const { victim, control } = pair();
    const listed = victim.listContainerInstances();
    expect(listed).toEqual(control.listContainerInstances());
    vandalise(listed);
    expect(victim.listContainerInstances()).toEqual(control.listContainerInstances());
    expectAlike(victim, control);
  });

  it('two responses share no object with each other', () => {
    const cluster = Cluster.fromSnapshot(richSnapshot());
    const first = cluster.runTask(request(), { seed: 'a' });
    const second = cluster.runTask(request(), { seed: 'b' });
    expect(shared(first, second)).toBe(0);
    expect(shared(first, cluster.toSnapshot())).toBe(0);
    expect(shared(first.tasks[0], first.tasks[1])).toBe(0);
  });
});

describe('the library keeps no reference to what it was given', () => {
  it('fromSnapshot: the caller may change its snapshot afterwards, unknown members included', () => {
    const json = richSnapshot();
    const victim = Cluster.fromSnapshot(json);
    const control = Cluster.fromSnapshot(copyOf(json));
    expect(shared(json, victim.toSnapshot())).toBe(0);
    vandalise(json);
    expectAlike(victim, control);
  });

  it('runTask: the caller may change its request afterwards', () => {
    const { victim, control } = pair();
    const given = request();
    const options = { seed: 's', now: 0 };
    victim.runTask(given, options);
    control.runTask(request(), options);
    vandalise(given);
    expectAlike(victim, control);
  });

  it('registerContainerInstance: the caller may change its instance afterwards', () => {
    const { victim, control } = pair();
    const registered = (): ContainerInstance =>
      containerInstance({ id: 'late', attributes: { 'ecs.availability-zone': 'us-east-1c' } });
    const given = registered();
    victim.registerContainerInstance(given);
    control.registerContainerInstance(registered());
    vandalise(given);
    expectAlike(victim, control);
  });
});

describe('registerContainerInstance checks the instance as a snapshot would', () => {
  const cluster = () => Cluster.fromSnapshot(richSnapshot());

  it('refuses a malformed instance with the member named', () => {
    // What a JavaScript caller may pass: not a ContainerInstance at all.
    const bad = {
      ...containerInstance({ id: 'x' }),
      status: 'RUNNING',
    } as unknown as ContainerInstance;
    expect(() => cluster().registerContainerInstance(bad)).toThrow(InvalidParameterException);
    expect(() => cluster().registerContainerInstance(bad)).toThrow(
      /^Invalid containerInstance\.status: expected one of ACTIVE, /,
    );
    const negative = containerInstance({ id: 'y', memory: -1 });
    expect(() => cluster().registerContainerInstance(negative)).toThrow(
      'Invalid containerInstance.remainingResources[1].integerValue: expected a whole number >= 0 of MiB, got -1.',
    );
  });

  it('refuses an ARN or a live EC2 instance that is already registered', () => {
    const c = cluster();
    const fixture = (snapshotJson().clusters[0]!['containerInstances'] as Json[])[0]!;
    expect(() =>
      c.registerContainerInstance(copyOf(fixture) as unknown as ContainerInstance),
    ).toThrow(/is already registered/);
    const sameEc2 = containerInstance({
      id: 'fresh',
      ec2InstanceId: fixture['ec2InstanceId'] as string,
    });
    expect(() => c.registerContainerInstance(sameEc2)).toThrow(
      /EC2 instance i-a1 is already registered as arn:/,
    );
  });

  it('refuses a capacity provider the cluster does not use', () => {
    const other = containerInstance({ id: 'p', capacityProviderName: 'spot' });
    expect(() => cluster().registerContainerInstance(other)).toThrow(
      /containerInstance\.capacityProviderName: "spot" is not one of the cluster's capacityProviders/,
    );
  });
});
