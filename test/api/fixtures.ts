// Shared fixtures of the RunTask validation tests: a task definition per network mode, and an
// assertion that a call throws the named ECS exception with a message naming the parameter.
import { expect } from 'vitest';
import type { TaskDefinition } from '../../src/kernel/ecs-types.js';

export const bridgeDefinition: TaskDefinition = {
  family: 'web',
  revision: 3,
  status: 'ACTIVE',
  networkMode: 'bridge',
  requiresCompatibilities: ['EC2'],
  containerDefinitions: [
    { name: 'web', cpu: 256, memory: 512, memoryReservation: 256 },
    { name: 'log-router', cpu: 64, memoryReservation: 64 },
  ],
};

export const awsvpcDefinition: TaskDefinition = {
  family: 'api',
  revision: 1,
  status: 'ACTIVE',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE', 'EC2'],
  cpu: '512',
  memory: '1024',
  containerDefinitions: [{ name: 'api' }],
};

export const fargateOnlyDefinition: TaskDefinition = {
  ...awsvpcDefinition,
  family: 'edge',
  requiresCompatibilities: ['FARGATE'],
};

export const awsvpc = (subnets = 1, securityGroups = 0) => ({
  awsvpcConfiguration: {
    subnets: Array.from({ length: subnets }, (_, i) => `subnet-${i}`),
    securityGroups: Array.from({ length: securityGroups }, (_, i) => `sg-${i}`),
  },
});

/** Runs `call`, expects it to throw `name`, and returns the message for further checks. */
export function thrownBy(call: () => unknown, name = 'InvalidParameterException'): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe(name);
    return (error as Error).message;
  }
  throw new Error(`expected ${name}, but nothing was thrown`);
}
