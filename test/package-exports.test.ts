// The published entry points, imported by package name through the `exports` map (built
// output; `npm test` builds first), as a user of the package would.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

describe('package exports', () => {
  it('`ecs-placement` exposes the facade, the CQL compiler, the split and the ECS exceptions', async () => {
    const api = await import('ecs-placement');
    expect(typeof api.Cluster.fromSnapshot).toBe('function');
    expect(api.compileExpression('attribute:stack == prod').source).toBe('attribute:stack == prod');
    expect(
      api.splitByCapacityProvider(
        [
          { capacityProvider: 'a', weight: 1 },
          { capacityProvider: 'b', weight: 4 },
        ],
        5,
      ),
    ).toEqual([
      { capacityProvider: 'a', count: 1 },
      { capacityProvider: 'b', count: 4 },
    ]);
    expect(new api.InvalidParameterException('x').name).toBe('InvalidParameterException');
    expect(api.PROVISIONING_TASKS_PER_CLUSTER).toBe(500);
    expect(typeof api.estimateScaleOut).toBe('function');
  });

  it('`ecs-placement` exports exactly its listed values, and no internals', async () => {
    const api = await import('ecs-placement');
    expect(Object.keys(api).sort()).toEqual([
      'AccessDeniedException',
      'AttributeLimitExceededException',
      'BlockedException',
      'ClientException',
      'Cluster',
      'ClusterContainsContainerInstancesException',
      'ClusterContainsTasksException',
      'ClusterNotFoundException',
      'ConflictException',
      'CqlError',
      'CqlSyntaxError',
      'DEFAULT_SEED',
      'DRAIN_DEFAULT_STRATEGY',
      'DryRunEcsClient',
      'EcsServiceException',
      'InvalidParameterException',
      'MAX_SEEDS',
      'PROVISIONING_TASKS_PER_CLUSTER',
      'PlatformTaskDefinitionIncompatibilityException',
      'PlatformUnknownException',
      'ResourceNotFoundException',
      'ScenarioError',
      'ServerException',
      'SnapshotError',
      'SnapshotImportError',
      'TargetNotFoundException',
      'UnsupportedFeatureException',
      'awsCliOutputHint',
      'compileExpression',
      'estimateScaleOut',
      'importSnapshot',
      'parseExpression',
      'parseJsonDocuments',
      'parseRunTaskInput',
      'parseScenario',
      'printExpression',
      'simulate',
      'splitByCapacityProvider',
      'validateExpression',
      'validateSnapshot',
      'whyNot',
    ]);
    // The untyped entry checks JSON and hands back a typed request.
    expect(api.parseRunTaskInput({ taskDefinition: 'web', count: 2 })).toEqual({
      taskDefinition: 'web',
      count: 2,
    });
    expect(() => api.parseRunTaskInput({ taskDefintion: 'web' })).toThrow(
      api.InvalidParameterException,
    );
  });

  it('`ecs-placement/testing` exposes arbitraries and invariants', async () => {
    const kit = await import('ecs-placement/testing');
    expect(typeof kit.clusterSnapshotArb).toBe('function');
    expect(typeof kit.placementInvariants).toBe('object');
    // The replay machinery behind the invariants works on the cluster model: not exported.
    for (const internal of ['replay', 'planScenario', 'callFacts', 'independentFailures']) {
      expect(kit).not.toHaveProperty(internal);
    }
  });
});

describe('package exports: the snapshot schema', () => {
  it('`ecs-placement/schema/snapshot.schema.json` is the JSON Schema of the snapshot', () => {
    const require = createRequire(import.meta.url);
    const schema = require('ecs-placement/schema/snapshot.schema.json');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['region', 'accountId', 'clusters']);
  });

  it('`awsCliOutputHint` is exported with the import functions', async () => {
    const api = await import('ecs-placement');
    expect(api.awsCliOutputHint({ services: [] })).toBeUndefined();
    expect(api.awsCliOutputHint({ tasks: [], failures: [] })).toContain('aws ecs describe-tasks');
  });
});
