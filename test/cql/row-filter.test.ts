// CompiledExpression.filter decides many rows of a table at once from its columns (attribute
// ids, agentConnected, runningTasksCount), visiting a row's view only for the comparisons
// that have none. On the cluster model's own table it must keep exactly the rows whose view
// `matches`, in their order, for every expression, also after attributes and task counts
// change and after an instance registers.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { compileExpression } from '../../src/cql/compile-expression.js';
import {
  CQL_ATTRIBUTE_NAMES,
  CQL_STRING_VALUES,
  cqlExpressionArb,
} from '../../src/testing/cql-arbitraries.js';
import { containerInstance, snapshotOf } from '../../src/testing/builders.js';

const nameArb = fc.constantFrom(...CQL_ATTRIBUTE_NAMES);
const attributesArb = fc.dictionary(
  nameArb,
  fc.constantFrom<string | null>(...CQL_STRING_VALUES, null),
  { maxKeys: 5 },
);
const instanceArb = fc.record({
  attributes: attributesArb,
  agentConnected: fc.boolean(),
  runningTasksCount: fc.integer({ min: 0, max: 6 }),
});

function modelOf(
  specs: readonly {
    attributes: Record<string, string | null>;
    agentConnected: boolean;
    runningTasksCount: number;
  }[],
): ClusterModel {
  return new ClusterModel(
    snapshotOf({
      instances: specs.map(({ attributes, agentConnected, runningTasksCount }, n) => ({
        ...containerInstance({ id: `i${n}`, attributes, agentConnected }),
        runningTasksCount,
      })),
      taskDefinitions: [],
    }).clusters[0]!,
  );
}

describe('CompiledExpression.filter on the cluster model', () => {
  test('keeps exactly the rows that match, in order, before and after changes', () => {
    fc.assert(
      fc.property(
        fc.array(instanceArb, { minLength: 1, maxLength: 8 }),
        fc.array(cqlExpressionArb(2), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), nameArb, fc.constantFrom(...CQL_STRING_VALUES)), {
          maxLength: 4,
        }),
        fc.array(fc.boolean()),
        (specs, expressions, changes, chosen) => {
          const model = modelOf(specs);
          const predicates = expressions.map((e) => compileExpression(e.text));
          const agree = () => {
            // Every row, and a subset (the rows `chosen` picks), as the engine passes them.
            const all = model.instances.map((i) => i.index);
            const some = all.filter((_, n) => chosen[n % Math.max(1, chosen.length)] ?? true);
            for (const list of [all, some]) {
              for (const predicate of predicates) {
                const rows = Int32Array.from(list);
                const kept = predicate.filter(model.viewTable, rows, rows.length);
                const expected = list.filter((row) =>
                  predicate.matches(model.instances[row]!.view),
                );
                expect([...rows.subarray(0, kept)]).toEqual(expected);
              }
            }
          };
          agree();
          for (const [at, name, value] of changes) {
            const instance = model.instances[at % model.instances.length]!;
            model.putAttribute(instance, name, value);
            agree();
          }
          model.registerInstance(
            containerInstance({ id: 'late', attributes: { stack: 'prod' }, agentConnected: false }),
          );
          agree();
        },
      ),
    );
  });

  test('the columns grow with the model: views and filters agree past the first 1,024 rows', () => {
    const specs = Array.from({ length: 1030 }, (_, n) => ({
      attributes: { stack: n % 3 === 0 ? 'prod' : 'dev' },
      agentConnected: n % 7 !== 0,
      runningTasksCount: n % 5,
    }));
    const model = modelOf(specs.slice(0, 1000));
    for (const [n, spec] of specs.slice(1000).entries()) {
      model.registerInstance({
        ...containerInstance({ id: `late${n}`, ...spec }),
        runningTasksCount: spec.runningTasksCount,
      });
    }
    expect(model.instances.map((i) => i.view.agentConnected)).toEqual(
      specs.map((s) => s.agentConnected),
    );
    const predicate = compileExpression(
      'agentConnected == true and runningTasksCount >= 2 and attribute:stack == prod',
    );
    const rows = Int32Array.from(model.instances.map((i) => i.index));
    const kept = predicate.filter(model.viewTable, rows, rows.length);
    const expected = specs.flatMap((s, n) =>
      s.agentConnected && s.runningTasksCount >= 2 && s.attributes.stack === 'prod' ? [n] : [],
    );
    expect([...rows.subarray(0, kept)]).toEqual(expected);
  });

  test('reads agentConnected and runningTasksCount from the model columns', () => {
    const model = modelOf([
      { attributes: {}, agentConnected: true, runningTasksCount: 0 },
      { attributes: {}, agentConnected: false, runningTasksCount: 3 },
      { attributes: {}, agentConnected: true, runningTasksCount: 5 },
    ]);
    expect(Array.from(model.viewTable.agentConnected).slice(0, 3)).toEqual([1, 0, 1]);
    expect(Array.from(model.viewTable.runningTasksCount).slice(0, 3)).toEqual([0, 3, 5]);
    const run = (text: string) => {
      const rows = Int32Array.from([0, 1, 2]);
      return [...rows.subarray(0, compileExpression(text).filter(model.viewTable, rows, 3))];
    };
    expect(run('agentConnected == true')).toEqual([0, 2]);
    expect(run('agentConnected != true')).toEqual([1]);
    expect(run('runningTasksCount >= 3')).toEqual([1, 2]);
    expect(run('runningTasksCount < 5 and agentConnected == true')).toEqual([0]);
    expect(run('runningTasksCount == 0 or runningTasksCount == 5')).toEqual([0, 2]);
    expect(run('not(runningTasksCount == 3)')).toEqual([0, 2]);
  });
});
