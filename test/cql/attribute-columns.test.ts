// A compiled attribute comparison decides once per distinct value when the view carries its
// cluster's attribute columns (the cluster model's views do), and from the view's attribute
// map otherwise. The two must always agree, also after attributes change (a column is
// updated in place and its ids keep their values) and after an instance registers (new
// columns), with the same compiled predicates (and their per-value tables) reused throughout.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { compileExpression } from '../../src/cql/compile-expression.js';
import type { InstanceView } from '../../src/kernel/instance-view.js';
import {
  CQL_ATTRIBUTE_NAMES,
  CQL_STRING_VALUES,
  cqlExpressionArb,
} from '../../src/testing/cql-arbitraries.js';
import { containerInstance, snapshotOf } from '../../src/testing/builders.js';

const nameArb = fc.constantFrom(...CQL_ATTRIBUTE_NAMES);
/** A value, a name-only attribute (null) or none (undefined). */
const valueArb = fc.constantFrom<string | null | undefined>(...CQL_STRING_VALUES, null, undefined);
const attributesArb = fc.dictionary(
  nameArb,
  fc.constantFrom<string | null>(...CQL_STRING_VALUES, null),
  {
    maxKeys: 5,
  },
);

/** The same view without the columns: a compiled predicate reads its attribute map. */
function plain(view: InstanceView): InstanceView {
  return {
    ec2InstanceId: view.ec2InstanceId,
    agentConnected: view.agentConnected,
    agentVersion: view.agentVersion,
    registeredAt: view.registeredAt,
    runningTasksCount: view.runningTasksCount,
    attributes: new Map(view.attributes),
    taskGroups: new Map(view.taskGroups),
  };
}

describe('CQL on attribute columns', () => {
  test('agrees with the attribute map, after attribute changes and registrations too', () => {
    fc.assert(
      fc.property(
        fc.array(attributesArb, { minLength: 1, maxLength: 6 }),
        fc.array(cqlExpressionArb(2), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), nameArb, valueArb), { maxLength: 6 }),
        attributesArb,
        (specs, expressions, changes, registered) => {
          const model = new ClusterModel(
            snapshotOf({
              instances: specs.map((attributes, n) =>
                containerInstance({ id: `i${n}`, attributes }),
              ),
              taskDefinitions: [],
            }).clusters[0]!,
          );
          const predicates = expressions.map((e) => compileExpression(e.text));
          const agree = () => {
            for (const instance of model.instances) {
              expect(instance.view.attributeColumns).toBeDefined();
              for (const predicate of predicates) {
                expect(predicate.matches(instance.view)).toBe(
                  predicate.matches(plain(instance.view)),
                );
              }
            }
          };
          agree();
          for (const [at, name, value] of changes) {
            const instance = model.instances[at % model.instances.length]!;
            if (value === undefined) model.putAttribute(instance, name, null, true);
            else model.putAttribute(instance, name, value);
            agree();
          }
          model.registerInstance(containerInstance({ id: 'late', attributes: registered }));
          agree();
        },
      ),
    );
  });

  test('a view outside a model (an empty copy for managed scaling) reads its map', () => {
    const view: InstanceView = {
      ec2InstanceId: undefined,
      agentConnected: true,
      agentVersion: undefined,
      registeredAt: undefined,
      runningTasksCount: 0,
      attributes: new Map([['stack', 'prod']]),
      taskGroups: new Map(),
    };
    expect(compileExpression('attribute:stack == prod').matches(view)).toBe(true);
    expect(compileExpression('attribute:stack != prod').matches(view)).toBe(false);
  });
});
