import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClusterModel } from '../../src/cluster/cluster-model.js';
import { attributeCheck } from '../../src/placement/checks/attribute-check.js';
import { computeTaskNeeds } from '../../src/placement/task-needs.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';

const valueArb = fc.constantFrom<string | null | undefined>(undefined, null, '', 'prod', 'dev');

describe('ATTRIBUTE check on attribute columns', () => {
  test('gives the same answer as the attribute Map, after PutAttributes too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ stack: valueArb, eni: valueArb }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom<string | undefined>(undefined, '', 'prod'),
        fc.nat(),
        valueArb,
        (specs, wanted, changed, newValue) => {
          const instances = specs.map((s, n) => {
            const attributes: Record<string, string | null> = {};
            if (s.stack !== undefined) attributes['stack'] = s.stack;
            if (s.eni !== undefined) attributes['ecs.capability.task-eni'] = s.eni;
            return containerInstance({ id: `i${n}`, attributes });
          });
          const def = taskDefinition('svc', [{ name: 'a', cpu: 1, memory: 1 }], {
            requiresAttributes: [
              { name: 'ecs.capability.task-eni' },
              wanted === undefined ? { name: 'stack' } : { name: 'stack', value: wanted },
            ],
          });
          const needs = computeTaskNeeds(def, undefined);
          const model = new ClusterModel(
            snapshotOf({ instances, taskDefinitions: [def] }).clusters[0]!,
          );
          const agree = () => {
            const ctx = { group: 'g' };
            const columns = needs.requiredAttributes.map((a) => model.attributeColumn(a.name));
            for (const instance of model.instances) {
              expect(attributeCheck.passes(instance, needs, ctx, columns)).toBe(
                attributeCheck.passes(instance, needs, ctx, undefined),
              );
            }
          };
          agree();
          const target = model.instances[changed % model.instances.length]!;
          model.putAttribute(target, 'stack', newValue ?? null, newValue === undefined);
          agree();
        },
      ),
    );
  });
});
