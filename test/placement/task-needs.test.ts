import { describe, expect, test } from 'vitest';
import { computeTaskNeeds } from '../../src/placement/task-needs.js';
import { taskDefinition } from '../../src/testing/builders.js';

describe('computeTaskNeeds', () => {
  test('sums container cpu and memoryReservation (else memory) when no task-level figures', () => {
    const def = taskDefinition('t', [
      { name: 'a', cpu: 100, memory: 512, memoryReservation: 128 },
      { name: 'b', memory: 256 },
      { name: 'c', cpu: 50 },
    ]);
    expect(computeTaskNeeds(def, undefined)).toMatchObject({
      cpu: 150,
      memory: 384,
      taskCpu: undefined,
    });
  });

  test('task-level cpu and memory win, and task-level overrides win over them', () => {
    const def = taskDefinition('t', [{ name: 'a', cpu: 100, memory: 512 }], {
      cpu: '1024',
      memory: '2048',
    });
    expect(computeTaskNeeds(def, undefined)).toMatchObject({ cpu: 1024, memory: 2048 });
    expect(computeTaskNeeds(def, { cpu: '2 vCPU', memory: '1 GB' })).toMatchObject({
      cpu: 2048,
      memory: 1024,
    });
  });

  test('container overrides apply by name, field by field', () => {
    const def = taskDefinition('t', [
      { name: 'a', cpu: 100, memory: 512, memoryReservation: 128 },
      { name: 'b', cpu: 10, memory: 64 },
    ]);
    const needs = computeTaskNeeds(def, {
      containerOverrides: [
        { name: 'a', memory: 1024 },
        {
          name: 'b',
          cpu: 20,
          memoryReservation: 32,
          resourceRequirements: [{ type: 'GPU', value: '2' }],
        },
      ],
    });
    expect(needs).toMatchObject({ cpu: 120, memory: 128 + 32, gpus: 2 });
    expect(needs.containers[0]).toMatchObject({ memory: 1024, memoryReservation: 128 });
  });

  test('ports: bridge static only, host mode defaults to the container port, awsvpc none', () => {
    const mappings = [
      { containerPort: 80, hostPort: 8080 },
      { containerPort: 81 },
      { containerPort: 82, hostPort: 0 },
      { containerPort: 53, hostPort: 53, protocol: 'udp' as const },
    ];
    const containers = [{ name: 'a', memory: 8, portMappings: mappings }];
    const bridge = computeTaskNeeds(taskDefinition('t', containers), undefined);
    expect([bridge.tcpPorts, bridge.udpPorts]).toEqual([[8080], [53]]);
    const host = computeTaskNeeds(
      taskDefinition('t', containers, { networkMode: 'host' }),
      undefined,
    );
    expect(host.tcpPorts).toEqual([8080, 81, 82]);
    const vpc = computeTaskNeeds(
      taskDefinition('t', containers, { networkMode: 'awsvpc' }),
      undefined,
    );
    expect([vpc.tcpPorts, vpc.udpPorts]).toEqual([[], []]);
  });

  test('required attributes come from the task definition', () => {
    const def = taskDefinition('t', [{ name: 'a', memory: 8 }], {
      requiresAttributes: [{ name: 'ecs.capability.task-eni' }],
    });
    expect(computeTaskNeeds(def, undefined).requiredAttributes).toEqual([
      { name: 'ecs.capability.task-eni' },
    ]);
  });
});

describe('computeTaskNeeds reads the documented cpu/memory spellings of a task definition', () => {
  test.each([
    ['1 vCPU', '2 GB', 1024, 2048],
    ['0.5 vcpu', '1GB', 512, 1024],
    [256, 512, 256, 512],
    ['1024', '3072', 1024, 3072],
  ] as const)('cpu %j, memory %j -> %i units, %i MiB', (cpu, memory, units, mib) => {
    const def = taskDefinition('t', [{ name: 'a', cpu: 10, memory: 20 }], { cpu, memory });
    expect(computeTaskNeeds(def, undefined)).toMatchObject({
      cpu: units,
      memory: mib,
      taskCpu: units,
      taskMemory: mib,
    });
  });
});
