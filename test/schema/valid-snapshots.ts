/**
 * Valid snapshots for the schema tests, varied beyond what the placement arbitraries build:
 * every timestamp form, task sizes in units, Fargate and PROVISIONING tasks, capacity
 * providers with managed scaling at its bounds, a Fargate-only cluster, unknown and deep
 * members, hostile names, an INACTIVE twin of an instance, and the state `--save` writes
 * after a RunTask (with a client token). Each variation keeps the snapshot valid.
 */
import fc from 'fast-check';
import { Cluster } from '../../src/api/cluster.js';
import { parseRunTaskInput } from '../../src/api/validate-run-task.js';
import type {
  ClusterSnapshot,
  ContainerInstance,
  Resource,
  Snapshot,
  Task,
  TaskDefinition,
} from '../../src/kernel/ecs-types.js';
import { EcsServiceException } from '../../src/kernel/errors.js';
import { placementScenarioArb } from '../../src/testing/arbitraries.js';
import { TEST_ACCOUNT, TEST_REGION } from '../../src/testing/builders.js';
import { nestedLists } from '../../src/testing/hostile-arbitraries.js';
import { asJson } from './snapshot-schema.js';

const ARN = `arn:aws:ecs:${TEST_REGION}:${TEST_ACCOUNT}`;

function firstCluster(snapshot: Snapshot): ClusterSnapshot {
  return snapshot.clusters[0]!;
}

/** A member the typed shapes do not declare (a snapshot may hold any). */
function setMember(target: object, key: string, value: unknown): void {
  (target as Record<string, unknown>)[key] = value;
}

const TIMESTAMPS: readonly (string | number)[] = [
  1700000000,
  1700000000.25,
  '2024-02-29',
  '2024-05-01 10:00',
  '2024-05-01T10:00:00Z',
  '2024-05-01T10:00:00.123456+0100',
  '2023-12-31T23:59:59-05:30',
  '2024-01-01Z',
];

/** The ways a valid snapshot may differ from the arbitraries' own. */
const VARIATIONS: Readonly<Record<string, (snapshot: Snapshot) => void>> = {
  timestampForms(snapshot) {
    const cluster = firstCluster(snapshot);
    cluster.containerInstances.forEach((instance, i) => {
      instance.registeredAt = TIMESTAMPS[i % TIMESTAMPS.length]!;
    });
    cluster.tasks.forEach((task, i) => {
      task.createdAt = TIMESTAMPS[(i + 3) % TIMESTAMPS.length]!;
      setMember(task, 'startedAt', TIMESTAMPS[(i + 5) % TIMESTAMPS.length]);
      setMember(task, 'pullStoppedAt', TIMESTAMPS[(i + 6) % TIMESTAMPS.length]);
    });
    for (const definition of snapshot.taskDefinitions) {
      setMember(definition, 'registeredAt', '2024-01-31T12:00:00+00:00');
    }
  },
  taskDefinitionSizesInUnits(snapshot) {
    for (const definition of snapshot.taskDefinitions) {
      definition.cpu = '0.25 vCPU';
      definition.memory = '0.5 GB';
    }
  },
  taskDefinitionSizesAsNumbers(snapshot) {
    for (const definition of snapshot.taskDefinitions) {
      definition.cpu = 1024;
      definition.memory = '2048.0';
    }
  },
  taskContainersAndSizes(snapshot) {
    firstCluster(snapshot).tasks.forEach((task, i) => {
      task.containers = [
        {
          name: 'app',
          cpu: i % 2 === 0 ? '128' : '0',
          memoryReservation: '64',
          networkBindings: [{ bindIP: '0.0.0.0', containerPort: 80, hostPort: 0, protocol: 'tcp' }],
          gpuIds: [],
        },
      ];
      task.cpu = i % 2 === 0 ? '1 vCPU' : '0';
      task.memory = '512';
    });
  },
  fargateTasks(snapshot) {
    firstCluster(snapshot).tasks.push(
      {
        taskArn: `${ARN}:task/default/fargate-1`,
        desiredStatus: 'RUNNING',
        lastStatus: 'RUNNING',
        launchType: 'FARGATE',
        group: 'family:web',
        availabilityZone: 'us-east-1a',
        attachments: [
          { id: 'eni-attachment', type: 'ElasticNetworkInterface', status: 'ATTACHED' },
        ],
      },
      {
        taskArn: `${ARN}:task/default/fargate-spot-1`,
        desiredStatus: 'RUNNING',
        lastStatus: 'PENDING',
        capacityProviderName: 'FARGATE_SPOT',
      },
    );
  },
  provisioningTask(snapshot) {
    firstCluster(snapshot).tasks.push({
      taskArn: `${ARN}:task/default/waiting-1`,
      desiredStatus: 'RUNNING',
      lastStatus: 'PROVISIONING',
      group: 'family:web',
      taskDefinitionArn: `${ARN}:task-definition/web:1`,
      overrides: { containerOverrides: [] },
    });
  },
  capacityProviderAtBounds(snapshot) {
    const name = 'bounds-provider';
    snapshot.capacityProviders = [...(snapshot.capacityProviders ?? [])];
    snapshot.capacityProviders.push({
      name,
      capacityProviderArn: `${ARN}:capacity-provider/${name}`,
      status: 'ACTIVE',
      updateStatus: 'UPDATE_COMPLETE',
      autoScalingGroupProvider: {
        autoScalingGroupArn: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x',
        managedScaling: {
          status: 'DISABLED',
          targetCapacity: 1,
          minimumScalingStepSize: 10000,
          maximumScalingStepSize: 10000,
          instanceWarmupPeriod: 0,
        },
      },
    });
    const cluster = firstCluster(snapshot);
    cluster.capacityProviders = [...(cluster.capacityProviders ?? []), name, 'FARGATE'];
    cluster.defaultCapacityProviderStrategy = [{ capacityProvider: name, weight: 1, base: 0 }];
  },
  fargateOnlyCluster(snapshot) {
    snapshot.clusters.push({
      clusterName: 'fargate-only',
      clusterArn: `${ARN}:cluster/fargate-only`,
      status: 'ACTIVE',
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 3 }],
    } as ClusterSnapshot);
  },
  unknownAndDeepMembers(snapshot) {
    setMember(snapshot, '$schema', './node_modules/ecs-placement/schema/snapshot.schema.json');
    const instance = firstCluster(snapshot).containerInstances[0]!;
    setMember(instance, 'agentUpdateStatus', 'UPDATED');
    setMember(instance, 'healthStatus', { overallStatus: 'OK', details: [] });
    // Root, clusters, cluster, containerInstances, instance: the list starts at level 6.
    setMember(instance, 'deep', nestedLists(90, { end: true }));
    setMember(firstCluster(snapshot), 'settings', [
      { name: 'containerInsights', value: 'enabled' },
    ]);
  },
  hostileNames(snapshot) {
    snapshot.subnets = { ...snapshot.subnets };
    Object.defineProperty(snapshot.subnets, '__proto__', {
      value: 'us-east-1a',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    snapshot.subnets['constructor'] = 'us-east-1b';
    snapshot.subnets['subnet 1'] = 'us-east-1c';
    const instance = firstCluster(snapshot).containerInstances[0]!;
    instance.attributes = [
      ...(instance.attributes ?? []).filter((a) => a.name !== 'toString'),
      { name: 'toString', value: '\uFEFFprod' },
    ];
  },
  inactiveTwin(snapshot) {
    const cluster = firstCluster(snapshot);
    const live = cluster.containerInstances[0]!;
    const twin: ContainerInstance = {
      ...structuredClone(live),
      containerInstanceArn: `${live.containerInstanceArn}-old`,
      status: 'INACTIVE',
      agentConnected: false,
    };
    cluster.containerInstances.push(twin);
  },
  resourcesAsEcsPrintsThem(snapshot) {
    for (const instance of firstCluster(snapshot).containerInstances) {
      const fill = (r: Resource): Resource =>
        r.type === 'INTEGER' ? { doubleValue: 0, longValue: 0, ...r } : r;
      instance.remainingResources = [
        ...(instance.remainingResources ?? []).map(fill),
        { name: 'CUSTOM', type: 'DOUBLE', doubleValue: 0.5 },
      ];
      instance.registeredResources = (instance.registeredResources ?? []).map(fill);
    }
  },
  fewestMembers(snapshot) {
    delete snapshot.subnets;
    const cluster = firstCluster(snapshot);
    delete cluster.defaultCapacityProviderStrategy;
    delete cluster.clusterArn;
    for (const instance of cluster.containerInstances) {
      delete instance.registeredResources;
      delete instance.versionInfo;
      delete instance.registeredAt;
    }
  },
  moreTaskDefinitions(snapshot) {
    const web = snapshot.taskDefinitions[0]!;
    const old: TaskDefinition = {
      ...structuredClone(web),
      revision: 2,
      status: 'INACTIVE',
      requiresCompatibilities: ['EC2'],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }],
      runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
      volumes: [{ name: 'data', configuredAtLaunch: true }],
    };
    delete old.taskDefinitionArn;
    setMember(old, 'deregisteredAt', 1700000000);
    snapshot.taskDefinitions.push(old, {
      family: 'gpu_batch-job',
      revision: 9007199254740991,
      containerDefinitions: [
        {
          name: 'train',
          memory: 1024,
          memoryReservation: 1024,
          resourceRequirements: [
            { type: 'GPU', value: '2' },
            { type: 'InferenceAccelerator', value: 'device-1' },
          ],
        },
      ],
      networkMode: 'host',
      compatibilities: ['EC2', 'EXTERNAL'],
    });
  },
};

export const VARIATION_NAMES = Object.keys(VARIATIONS);

/** What happens to the snapshot before it is tested: nothing, a RunTask, or one with a token. */
type Run = 'none' | 'runTask' | 'runTaskWithToken';

function afterRunTask(snapshot: Snapshot, request: object, seed: string, run: Run): Snapshot {
  if (run === 'none') return snapshot;
  const cluster = Cluster.fromSnapshot(snapshot);
  try {
    const input = parseRunTaskInput(
      run === 'runTaskWithToken' ? { ...request, clientToken: 'schema-test-token' } : request,
    );
    cluster.runTask(input, { seed, now: Date.UTC(2024, 5, 1) });
  } catch (error) {
    // A request the varied snapshot cannot serve changes nothing; the snapshot stays valid.
    if (!(error instanceof EcsServiceException)) throw error;
  }
  return cluster.toSnapshot();
}

/** A valid snapshot, as a file would hold it (JSON data only). */
export const validSnapshotArb: fc.Arbitrary<Snapshot> = fc
  .record({
    scenario: placementScenarioArb({ maxInstances: 4 }),
    variations: fc.subarray(VARIATION_NAMES),
    run: fc.constantFrom<Run>('none', 'none', 'runTask', 'runTaskWithToken'),
  })
  .map(({ scenario, variations, run }) => {
    const snapshot = structuredClone(scenario.snapshot);
    for (const name of variations) VARIATIONS[name]!(snapshot);
    return asJson(afterRunTask(snapshot, scenario.request, scenario.seed, run));
  });

/** The tasks of the first cluster, typed (for tests that add to them). */
export function tasksOf(snapshot: Snapshot): Task[] {
  return firstCluster(snapshot).tasks;
}
