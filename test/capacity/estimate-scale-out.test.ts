/**
 * The scale-out estimate, with the arithmetic done by hand (the worked example of
 * docs/capacity.md section 6 is the first case).
 */
import { describe, expect, test } from 'vitest';
import {
  estimateScaleOut,
  type InstanceShape,
  type WaitingTask,
} from '../../src/capacity/estimate-scale-out.js';
import { MANAGED_SCALING_DEFAULTS } from '../../src/capacity/managed-scaling.js';

const m5large: InstanceShape = {
  instanceType: 'm5.large',
  cpu: 2048,
  memory: 7680,
  gpus: 0,
  enis: 2,
  tcpPorts: new Set([22]),
  udpPorts: new Set(),
};
const task: WaitingTask = {
  cpu: 1024,
  memory: 2048,
  gpus: 0,
  eni: true,
  tcpPorts: [],
  udpPorts: [],
};

function estimate(
  overrides: Partial<typeof MANAGED_SCALING_DEFAULTS> = {},
  options: { running?: number; instances?: InstanceShape[]; waiting?: WaitingTask[] } = {},
) {
  return estimateScaleOut({
    capacityProvider: 'asg',
    settings: { ...MANAGED_SCALING_DEFAULTS, ...overrides },
    instances: options.instances ?? [m5large, m5large],
    runningInstances: options.running ?? 2,
    waiting: options.waiting ?? [task, task, task, task, task],
  });
}

describe('estimateScaleOut', () => {
  test('worked example: 5 tasks of 1 vCPU, 2 per m5.large, 2 running -> launch 3', () => {
    // Per new instance: min(2048/1024, 7680/2048, 2 ENIs) = 2 tasks; K = ceil(5 / 2) = 3.
    // M = N + 3 = 5; CapacityProviderReservation = 5 / 2 x 100 = 250%.
    // Target 100%: ceil(5 x 100 / 100) = 5 instances wanted, 5 - 2 = 3 to launch.
    const e = estimate();
    expect(e).toMatchObject({
      waitingTasks: 5,
      incompatibleTasks: 0,
      instanceTypes: ['m5.large'],
      largestInstance: { cpu: 2048, memory: 7680, gpus: 0, enis: 2 },
      runningInstances: 2,
      instancesNeeded: 3,
      capacityProviderReservation: 250,
      instancesToLaunch: 3,
      scaleOutSteps: 1,
      totalInstancesLaunched: 3,
      secondsUntilLastStep: 0,
    });
    expect(e.summary).toBe(
      'asg: 5 task(s) wait in PROVISIONING; 5 binpacked onto new instances of 2048 CPU, 7680 MiB, 2 task ENIs: 3 instance(s); CapacityProviderReservation 250% (target 100%): launch 3 instance(s)',
    );
  });

  test('a target capacity of 80% keeps spare instances: ceil(5 x 100 / 80) - 2 = 5', () => {
    expect(estimate({ targetCapacity: 80 })).toMatchObject({
      capacityProviderReservation: 250,
      instancesToLaunch: 5,
      scaleOutSteps: 1,
    });
  });

  test('the maximum step size splits the scale-out into steps, one warm-up apart', () => {
    // Step 1: min(2, 3) = 2 -> M = 4, 200%, launch 2. Step 2 (N = 4): 1 left -> M = 5, launch 1.
    expect(estimate({ maximumScalingStepSize: 2 })).toMatchObject({
      capacityProviderReservation: 200,
      instancesToLaunch: 2,
      scaleOutSteps: 2,
      totalInstancesLaunched: 3,
      secondsUntilLastStep: 300,
    });
  });

  test('the minimum step size is launched even when fewer instances are needed', () => {
    // K = 3 < 4: M = 2 + 4 = 6, 300%, launch 4.
    expect(estimate({ minimumScalingStepSize: 4 })).toMatchObject({
      instancesNeeded: 3,
      capacityProviderReservation: 300,
      instancesToLaunch: 4,
    });
  });

  test('from zero running instances ECS reports 200% and launches two', () => {
    expect(estimate({}, { running: 0 })).toMatchObject({
      runningInstances: 0,
      capacityProviderReservation: 200,
      instancesToLaunch: 2,
      // 2 then, with N = 2 and 1 still needed, 1 more.
      scaleOutSteps: 2,
      totalInstancesLaunched: 3,
    });
  });

  test('tasks too large for the smallest instance are left out, as ECS does', () => {
    const big: InstanceShape = { ...m5large, instanceType: 'm5.xlarge', cpu: 4096, memory: 15360 };
    const large: WaitingTask = { ...task, cpu: 3072 };
    const e = estimate({}, { instances: [m5large, big], waiting: [large, task] });
    // The 3072-unit task does not fit the smallest (2048); the other one needs 1 new instance.
    expect(e).toMatchObject({ incompatibleTasks: 1, instancesNeeded: 1, instancesToLaunch: 1 });
    const none = estimate({}, { instances: [m5large], waiting: [large] });
    expect(none).toMatchObject({ capacityProviderReservation: 100, instancesToLaunch: 0 });
    expect(none.summary).toContain('no scale-out');
  });

  test('static host ports and distinctInstance allow one task per new instance', () => {
    const ported: WaitingTask = { ...task, eni: false, cpu: 256, memory: 256, tcpPorts: [80] };
    expect(estimate({}, { waiting: [ported, ported, ported] }).instancesNeeded).toBe(3);
    const distinct: WaitingTask = {
      ...task,
      eni: false,
      cpu: 256,
      memory: 256,
      distinctGroup: 'g',
    };
    expect(estimate({}, { waiting: [distinct, distinct] }).instancesNeeded).toBe(2);
  });

  test('a group without instances: the types are unknown, only the first step is known', () => {
    const e = estimate({}, { instances: [], running: 0 });
    expect(e.instancesNeeded).toBeUndefined();
    expect(e.scaleOutSteps).toBeUndefined();
    expect(e).toMatchObject({ instancesToLaunch: 2, capacityProviderReservation: 200 });
    expect(e.summary).toContain('no instance to learn its instance types from');
  });
});
