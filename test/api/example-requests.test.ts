import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveCluster } from '../../src/api/resolve-cluster.js';
import { resolveTaskDefinition } from '../../src/api/resolve-task-definition.js';
import type { LaunchType } from '../../src/kernel/run-task-types.js';
import { parseRunTaskInput, validateRunTaskRequest } from '../../src/api/validate-run-task.js';
import { validateSnapshot } from '../../src/cluster/validate-snapshot.js';

const examples = new URL('../../examples/', import.meta.url);
const snapshot = validateSnapshot(
  JSON.parse(readFileSync(new URL('cluster.json', examples), 'utf8')),
);
const requestFiles = readdirSync(new URL('requests/', examples)).filter((f) => f.endsWith('.json'));

describe('examples/requests', () => {
  it('holds the documented scenarios', () => {
    expect(requestFiles).toEqual(
      expect.arrayContaining([
        'web-spread-binpack.json',
        'fargate-api.json',
        'mixed-capacity.json',
      ]),
    );
  });

  it.each(requestFiles)('%s parses and passes validation against the example cluster', (file) => {
    const input = parseRunTaskInput(
      JSON.parse(readFileSync(new URL(`requests/${file}`, examples), 'utf8')),
    );
    const cluster = resolveCluster(snapshot, input.cluster);
    expect(cluster.clusterName).toBe('default');
    const definition = resolveTaskDefinition(
      snapshot.taskDefinitions,
      input.taskDefinition,
      snapshot,
    );
    // Auto Scaling group providers place on EC2 instances; FARGATE* providers are FARGATE.
    const launchType: LaunchType =
      input.launchType ??
      (input.capacityProviderStrategy?.some((p) => p.capacityProvider.startsWith('FARGATE'))
        ? 'FARGATE'
        : 'EC2');
    expect(() => validateRunTaskRequest(input, definition, launchType)).not.toThrow();
  });
});
