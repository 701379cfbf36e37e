/** The --explain report for managed scaling's PROVISIONING tasks and for unknown ENI limits. */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { renderExplainReport } from '../../src/cli/explain-report.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';

const job = taskDefinition('job', [{ name: 'app', image: 'busybox', cpu: 1024, memory: 1024 }], {
  networkMode: 'awsvpc',
});

function plan() {
  const snapshot = snapshotOf({
    instances: [
      {
        ...containerInstance({
          id: 'a',
          cpu: 1024,
          capacityProviderName: 'asg',
          attributes: { 'ecs.instance-type': 'z9.custom' },
        }),
        registeredResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: 2048 },
          { name: 'MEMORY', type: 'INTEGER', integerValue: 4096 },
        ],
      },
    ],
    taskDefinitions: [job],
  });
  snapshot.clusters[0]!.capacityProviders = ['asg'];
  snapshot.capacityProviders = [
    { name: 'asg', autoScalingGroupProvider: { managedScaling: { status: 'ENABLED' } } },
  ];
  return Cluster.fromSnapshot(snapshot).planRunTask({
    taskDefinition: 'job',
    count: 3,
    capacityProviderStrategy: [{ capacityProvider: 'asg' }],
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-x'] } },
  });
}

describe('renderExplainReport with managed scaling', () => {
  const { explanation } = plan();
  const report = renderExplainReport(explanation, { color: false, width: 400, count: 3 });

  it('says which tasks wait for scale-out instead of calling them unplaced', () => {
    expect(report).toContain('Chosen: none yet, waits in PROVISIONING for asg to scale out');
    expect(report).not.toContain('could not be placed');
    expect(report).not.toContain('more tasks were not tried');
  });

  it('ends with the scale-out estimate of the provider', () => {
    expect(report).toContain('Scale-out estimate, capacity provider asg');
    // 2 waiting tasks of 1024 CPU, 2 per new 2048-CPU instance: 1 instance; M = 1 + 1 = 2.
    expect(report).toContain(
      'asg: 2 task(s) wait in PROVISIONING; 2 binpacked onto new instances of 2048 CPU, 4096 MiB: 1 instance(s); CapacityProviderReservation 200% (target 100%): launch 1 instance(s)',
    );
  });

  it('notes an ENI limit it could not check', () => {
    expect(report).toContain(
      'note: ENI limit unknown: instance type z9.custom is not in our ENI table and registeredResources has no ENI entry; RESOURCE:ENI not checked',
    );
  });
});
