// schema/snapshot.schema.json and the loader (Cluster.fromSnapshot: validateSnapshot plus the
// client-token records) agree: on generated valid snapshots both accept; on each mutation the
// schema can express both refuse; on each mutation only the loader can check, the loader
// refuses for that documented rule and the schema accepts; and on hostile edits, whatever the
// loader accepts the schema accepts, and whatever the schema accepts but the loader refuses
// falls under a documented loader-only rule. fast-check prints the seed of a failure (CI pins
// it: test/support/fc-setup.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../src/cluster/validate-snapshot.js';
import { awsCliOutputHint } from '../../src/snapshot/cli-output-hint.js';
import { hostileScenarioArb } from '../../src/testing/hostile-arbitraries.js';
import { loaderOnlyRuleOf } from './loader-only-rules.js';
import { MUTATIONS } from './snapshot-mutations.js';
import { asJson, loaderError, schemaErrors } from './snapshot-schema.js';
import { validSnapshotArb } from './valid-snapshots.js';

type Obj = Record<string, unknown>;

/** A bigint (a hostile value) is not JSON; the rest of the hostile values JSON turns into JSON. */
function asFile(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? 'null',
  );
}

describe('the schema and the loader agree on valid snapshots', () => {
  it('both accept every generated valid snapshot, and the loaded form too', () => {
    fc.assert(
      fc.property(validSnapshotArb, (snapshot) => {
        expect(loaderError(snapshot)?.message).toBeUndefined();
        expect(schemaErrors(snapshot)).toEqual([]);
        // What the loader makes of it (timestamps as ISO strings, absent lists as []).
        expect(schemaErrors(asJson(validateSnapshot(snapshot)))).toEqual([]);
        // A snapshot never looks like an AWS CLI output to the --cluster-state loader.
        expect(awsCliOutputHint(snapshot)).toBeUndefined();
      }),
    );
  });
});

describe('the schema and the loader agree on broken snapshots', () => {
  it('covers both kinds of rule', () => {
    expect(MUTATIONS.filter((m) => m.rule === 'schema').length).toBeGreaterThan(100);
    expect(MUTATIONS.filter((m) => m.rule !== 'schema').length).toBeGreaterThan(25);
    expect(new Set(MUTATIONS.map((m) => m.name)).size).toBe(MUTATIONS.length);
  });

  for (const mutation of MUTATIONS) {
    const who =
      mutation.rule === 'schema' ? 'both refuse' : `only the loader refuses (${mutation.rule})`;
    it(`${mutation.name}: ${who}`, () => {
      fc.assert(
        fc.property(validSnapshotArb, fc.nat(), (valid, pick) => {
          const broken = asJson(mutation.apply(structuredClone(valid) as unknown as Obj, pick));
          const error = loaderError(broken);
          expect(error, 'the loader accepted it').toBeDefined();
          const schema = schemaErrors(broken);
          if (mutation.rule === 'schema') {
            expect(
              schema.length,
              `the schema accepted it (loader: ${error?.message})`,
            ).toBeGreaterThan(0);
          } else {
            expect(schema).toEqual([]);
            expect(loaderOnlyRuleOf(error!, broken), error?.message).toBe(mutation.rule);
          }
        }),
        { numRuns: 8 },
      );
    });
  }
});

describe('the schema is never stricter than the loader', () => {
  it('hostile edits: what the loader accepts the schema accepts; other refusals are loader-only rules', () => {
    fc.assert(
      fc.property(hostileScenarioArb(), ({ snapshot }) => {
        const json = asFile(snapshot);
        const error = loaderError(json);
        const schema = schemaErrors(json);
        if (error === undefined) {
          expect(schema).toEqual([]);
        } else if (schema.length === 0) {
          expect(loaderOnlyRuleOf(error, json), error.message).toBeDefined();
        }
      }),
    );
  });
});
