/**
 * A whatIf or a rolled-back transaction undoes every change of the ECS operations too:
 * attributes put and deleted, statuses (DRAINING, INACTIVE by deregistration), with the
 * placements, stopped tasks and registrations. The state afterwards is the state before,
 * down to the order of each instance's attributes, and the engine's caches follow it.
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import {
  containerInstance,
  instanceArn,
  snapshotOf,
  taskDefinition,
} from '../../src/testing/builders.js';

const web = taskDefinition('web', [{ name: 'app', image: 'nginx', cpu: 256, memory: 256 }]);
const prodOnly = {
  taskDefinition: 'web',
  count: 3,
  placementConstraints: [{ type: 'memberOf' as const, expression: 'attribute:stack == prod' }],
};

function cluster(): Cluster {
  return Cluster.fromSnapshot(
    snapshotOf({
      instances: [
        containerInstance({ id: 'a', attributes: { stack: 'prod', team: 'web' } }),
        containerInstance({ id: 'b', attributes: { stack: 'prod', tier: null } }),
        containerInstance({ id: 'c', attributes: { stack: 'dev' } }),
      ],
      taskDefinitions: [web],
    }),
  );
}

/** Everything a user can read back, and what placement answers. */
function observed(c: Cluster) {
  return {
    snapshot: JSON.stringify(c.toSnapshot()),
    prod: c.listContainerInstances({ filter: 'attribute:stack == prod' }).containerInstanceArns,
    plan: JSON.stringify(c.planRunTask(prodOnly, { seed: 's', now: 0 })),
  };
}

function changeEverything(c: Cluster): void {
  c.runTask(prodOnly, { seed: 'w', now: 0 });
  c.putAttributes({ attributes: [{ name: 'stack', value: 'dev', targetId: instanceArn('a') }] });
  c.putAttributes({ attributes: [{ name: 'stack', value: 'prod', targetId: instanceArn('c') }] });
  c.deleteAttributes({ attributes: [{ name: 'team', targetId: instanceArn('a') }] });
  c.putAttributes({ attributes: [{ name: 'team', value: 'web', targetId: instanceArn('a') }] });
  c.updateContainerInstancesState({ containerInstances: ['b'], status: 'DRAINING' });
  c.deregisterContainerInstance({ containerInstance: 'c', force: true });
  c.registerContainerInstance(containerInstance({ id: 'd', attributes: { stack: 'prod' } }));
  c.runTask(prodOnly, { seed: 'x', now: 0 });
}

describe('undoing the ECS operations', () => {
  it('whatIf leaves the cluster as it was', () => {
    const c = cluster();
    const before = observed(c);
    c.whatIf((inside) => {
      changeEverything(inside);
      // Inside, the changes are real: a is dev now, c is INACTIVE (not listed), b DRAINING.
      expect(inside.listContainerInstances({ filter: 'attribute:stack == prod' })).toEqual({
        containerInstanceArns: [instanceArn('b'), instanceArn('d')],
      });
      expect(inside.listContainerInstances({ status: 'DRAINING' }).containerInstanceArns).toEqual([
        instanceArn('b'),
      ]);
    });
    expect(observed(c)).toEqual(before);
  });

  it('a rolled-back transaction leaves the cluster as it was; a kept one keeps the changes', () => {
    const c = cluster();
    const before = observed(c);
    const undone = c.transaction();
    changeEverything(c);
    undone.rollback();
    expect(observed(c)).toEqual(before);

    const kept = c.transaction();
    c.updateContainerInstancesState({ containerInstances: ['b'], status: 'DRAINING' });
    kept.keep();
    expect(c.listContainerInstances({ status: 'DRAINING' }).containerInstanceArns).toEqual([
      instanceArn('b'),
    ]);
  });
});
