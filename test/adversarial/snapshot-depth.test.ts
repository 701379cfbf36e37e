// Issue 9 item 4, library side: no input depth overflows the stack. A snapshot nested too
// deep is a SnapshotError naming the path and the limit; a request nested deep is an
// InvalidParameterException, found before anything below the unknown or mistyped member.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import type { PlacementConstraint } from '../../src/kernel/ecs-types.js';
import { InvalidParameterException } from '../../src/kernel/errors.js';
import { MAX_SNAPSHOT_DEPTH, SnapshotError } from '../../src/cluster/validate-snapshot.js';
import { snapshotJson } from '../cluster/snapshot-fixture.js';

/** `depth` lists inside each other around `inner`: [[[...inner...]]]. */
function nestedLists(depth: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** The same, parsed from JSON text, as the command line would hand it over. */
function parsedNesting(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
}

function snapshotErrorOf(json: unknown): SnapshotError {
  try {
    Cluster.fromSnapshot(json);
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error('expected a SnapshotError');
}

describe('a snapshot nested deeper than the limit', () => {
  it('is refused with the path of the first value beyond the limit and the limit', () => {
    const json = snapshotJson();
    // The root object is level 1, `extra` level 2, so the lists start at level 2.
    json['extra'] = parsedNesting(5000);
    const error = snapshotErrorOf(json);
    // Levels 2..100 are lists [0]..[0]: 99 lists, the 99th item is the 101st level.
    expect(error.path).toBe(`$.extra${'[0]'.repeat(MAX_SNAPSHOT_DEPTH - 1)}`);
    expect(error.message).toContain(`nested more than ${MAX_SNAPSHOT_DEPTH} levels`);
  });

  it('accepts exactly the limit and refuses one level more, wherever the nesting is', () => {
    const at = (depth: number) => {
      const json = snapshotJson();
      const instance = (json.clusters[0]!['containerInstances'] as Record<string, unknown>[])[0]!;
      // The instance is level 5; its member `custom` holds the lists from level 6 on.
      instance['custom'] = nestedLists(depth - 5);
      return json;
    };
    expect(() => Cluster.fromSnapshot(at(MAX_SNAPSHOT_DEPTH))).not.toThrow();
    const error = snapshotErrorOf(at(MAX_SNAPSHOT_DEPTH + 1));
    expect(error.path).toMatch(/^\$\.clusters\[0\]\.containerInstances\[0\]\.custom(\[0\])+$/);
  });

  it('deep objects inside a task definition are refused the same way', () => {
    const json = snapshotJson();
    let deep: Record<string, unknown> = {};
    const top = deep;
    for (let i = 0; i < 10_000; i++) {
      const next = {};
      deep['options'] = next;
      deep = next;
    }
    const definition = (json['taskDefinitions'] as Record<string, unknown>[])[0]!;
    const container = (definition['containerDefinitions'] as Record<string, unknown>[])[0]!;
    container['logConfiguration'] = top;
    const error = snapshotErrorOf(json);
    expect(error.path).toMatch(
      /^\$\.taskDefinitions\[0\]\.containerDefinitions\[0\]\.logConfiguration(\.options)+$/,
    );
  });

  it('a cyclic snapshot object (only a library caller can build one) is refused, not looped on', () => {
    const json = snapshotJson();
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    json['loop'] = loop;
    expect(snapshotErrorOf(json).message).toContain('levels of objects and lists deep');
  });

  it('values JSON cannot hold are refused with their path', () => {
    const withValue = (value: unknown) => {
      const json = snapshotJson();
      json['extra'] = { inner: [value] };
      return snapshotErrorOf(json);
    };
    expect(withValue(() => 1).path).toBe('$.extra.inner[0]');
    expect(withValue(10n).message).toContain('the bigint 10');
    expect(withValue(new Map()).message).toContain('got a Map');
  });
});

describe('a request nested deep', () => {
  const cluster = () => Cluster.fromSnapshot(snapshotJson());

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'inside a known list of strings',
      { overrides: { containerOverrides: [{ name: 'web', command: parsedNesting(5000) }] } },
      /overrides\.containerOverrides\[0\]\.command\[0\], value: a list, expected a string/,
    ],
    [
      'as the whole overrides',
      { overrides: parsedNesting(5000) },
      /parameter overrides, value: a list, expected an object/,
    ],
    [
      'under an unknown member',
      { overrides: { nested: parsedNesting(5000) } },
      /Unknown parameter in overrides: "nested"/,
    ],
    [
      'in a cycle',
      (() => {
        const loop: Record<string, unknown> = {};
        loop['containerOverrides'] = [loop];
        return { overrides: loop };
      })(),
      /Unknown parameter in overrides\.containerOverrides\[0\]: "containerOverrides"/,
    ],
  ])('%s is an InvalidParameterException', (_, extra, message) => {
    const run = () => cluster().runTask({ taskDefinition: 'web', ...extra });
    expect(run).toThrow(InvalidParameterException);
    expect(run).toThrow(message);
  });

  it('a sparse list is checked item by item (a hole is refused like a missing item)', () => {
    // biome-ignore lint/suspicious/noSparseArray: the point of the test
    const holes = [, { type: 'distinctInstance' }] as PlacementConstraint[];
    expect(() => cluster().runTask({ taskDefinition: 'web', placementConstraints: holes })).toThrow(
      /placementConstraints\[0\], value: undefined, expected an object/,
    );
  });
});
