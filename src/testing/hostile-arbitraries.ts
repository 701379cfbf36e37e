/**
 * fast-check arbitraries for adversarial input: strings that are also Object.prototype
 * member names, byte-order marks and other unicode, numbers at and past every limit,
 * values nested hundreds of levels deep, and random edits that plant them anywhere in an
 * otherwise valid snapshot or request. Used by the fuzz test that checks every call either
 * answers or throws a documented error, quickly, and leaves a valid cluster behind.
 */
import fc from 'fast-check';
import { clusterSnapshotArb, runTaskInputArb, taskDefinitionArb, ZONES } from './arbitraries.js';
import { cqlExpressionArb } from './cql-arbitraries.js';

/** Names of Object.prototype members, and other text that breaks naive lookups or parsers. */
export const HOSTILE_STRINGS: readonly string[] = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '',
  ' ',
  '\uFEFF',
  '\uFEFFprod',
  '\u0000',
  'ünïcödé',
  '😀',
  '\uD800',
  'a'.repeat(300),
  'arn:',
  'arn:aws:ecs:us-east-1:123456789012:container-instance/default/ci0',
  '-1',
  '1e309',
  'NaN',
  '1 vCPU',
  '2 GB',
  'lots',
  '2024-02-30',
  'FARGATE',
  'EXTERNAL',
  'awsvpc',
  'us-east-1a',
  'subnet-1',
  'family:web',
  'prod',
];

export const hostileStringArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);

export const hostileNumberArb: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      -1,
      -0.5,
      0,
      -0,
      0.5,
      1.5,
      1,
      1024,
      65535,
      65536,
      2 ** 31,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 2,
      1e308,
      -1e308,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);

/** `depth` lists inside each other around `inner`. */
export function nestedLists(depth: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Values a JavaScript caller (not JSON) could pass. */
const NON_JSON: readonly (() => unknown)[] = [
  () => () => 1,
  () => 10n,
  () => new Map([['a', 1]]),
  () => new Date(0),
  () => Symbol('s'),
  () => undefined,
];

/** Any hostile value: text, numbers, deep nesting, small objects with hostile keys, non-JSON. */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileStringArb },
  { weight: 3, arbitrary: hostileNumberArb },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((d) => nestedLists(d)) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(hostileStringArb, fc.oneof(hostileStringArb, hostileNumberArb)), {
        maxLength: 3,
      })
      .map((entries) => withMembers({}, entries)),
  },
  { weight: 1, arbitrary: fc.array(hostileStringArb, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(...NON_JSON).map((make) => make()) },
);

/** `target` with the members set as own data members (a key `__proto__` included). */
function withMembers(
  target: Record<string, unknown>,
  entries: readonly (readonly [string, unknown])[],
): Record<string, unknown> {
  for (const [key, value] of entries) {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return target;
}

/**
 * One edit of a JSON value: walk down `steps` (each picks a child object or list, modulo
 * their number), then in the object or list reached set, add or remove a member.
 */
export interface HostileEdit {
  steps: number[];
  /** Which existing member or item to change (modulo their number). */
  pick: number;
  /** Set `key` (a hostile name) rather than an existing member. */
  newKey: boolean;
  key: string;
  value: unknown;
  remove: boolean;
}

export const hostileEditArb: fc.Arbitrary<HostileEdit> = fc.record({
  steps: fc.array(fc.nat(), { maxLength: 7 }),
  pick: fc.nat(),
  newKey: fc.boolean(),
  key: hostileStringArb,
  value: hostileValueArb,
  remove: fc.constantFrom(false, false, false, true),
});

/**
 * A fresh copy of lists and plain objects (everything else as it is): arbitraries may hand
 * the same value out again, so nothing they generated is ever edited in place.
 */
function fresh<T>(value: T): T {
  if (Array.isArray(value)) return value.map(fresh) as T;
  if (value === null || typeof value !== 'object') return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return withMembers(
    {},
    Object.entries(value).map(([k, v]) => [k, fresh(v)] as const),
  ) as T;
}

function containers(node: unknown): unknown[] {
  if (node === null || typeof node !== 'object') return [];
  return Object.values(node).filter((v) => v !== null && typeof v === 'object');
}

/** Applies the edits to a copy of `json` and returns the copy. */
export function applyHostileEdits<T>(original: T, edits: readonly HostileEdit[]): T {
  const json = fresh(original);
  for (const edit of edits) {
    let node: unknown = json;
    for (const step of edit.steps) {
      const children = containers(node);
      if (children.length === 0) break;
      node = children[step % children.length];
    }
    if (node === null || typeof node !== 'object' || Object.isFrozen(node)) continue;
    if (Array.isArray(node)) {
      const at = node.length === 0 ? 0 : edit.pick % node.length;
      if (edit.remove) node.splice(at, 1);
      else node[at] = fresh(edit.value);
      continue;
    }
    const object = node as Record<string, unknown>;
    const keys = Object.keys(object);
    const key = edit.newKey || keys.length === 0 ? edit.key : keys[edit.pick % keys.length]!;
    if (edit.remove) delete object[key];
    else withMembers(object, [[key, fresh(edit.value)]]);
  }
  return json;
}

export interface HostileScenario {
  /** A valid snapshot with hostile names planted (subnets, attributes, groups) and then edited. */
  snapshot: unknown;
  /** A RunTask request (for the task definition `web`) with hostile edits. */
  request: unknown;
  /** CQL text: well-formed, mangled or hostile. */
  cql: string;
  seed: string;
  /** A PutAttributes to try: target instance (index or hostile text), name and value. */
  attribute: { target: number | string; name: string; value: string | undefined };
}

const cqlTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: cqlExpressionArb(2).map((e) => e.text) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        cqlExpressionArb(2).map((e) => e.text),
        fc.nat(),
        fc.constantFrom(
          '(',
          ')',
          '[',
          ']',
          "'",
          '"',
          '!',
          '=~',
          '<',
          ',',
          '*',
          '+',
          '?',
          '\\',
          ' ',
        ),
      )
      .map(
        ([text, at, junk]) =>
          text.slice(0, at % (text.length + 1)) + junk + text.slice(at % (text.length + 1)),
      ),
  },
  { weight: 1, arbitrary: hostileStringArb },
  {
    weight: 2,
    arbitrary: fc
      .tuple(hostileStringArb, fc.constantFrom('==', '!=', '=~', '!~', 'exists', 'in'))
      .map(
        ([name, op]) =>
          `attribute:${name} ${op} ${op === 'in' ? '[a, b]' : op === 'exists' ? '' : 'x'}`,
      ),
  },
  {
    weight: 1,
    arbitrary: hostileStringArb.map((group) => `task:group == ${JSON.stringify(group)}`),
  },
);

/**
 * A snapshot, a request and CQL text, each valid more often than not and hostile where it
 * counts: subnet ids, attribute names and values, task groups and request members.
 */
export function hostileScenarioArb(): fc.Arbitrary<HostileScenario> {
  const definitionArb = fc
    .tuple(taskDefinitionArb('web'), fc.constantFrom(false, false, true))
    .map(([definition, awsvpc]) =>
      awsvpc ? { ...definition, networkMode: 'awsvpc' as const } : definition,
    );
  const editsArb = fc.oneof(
    { weight: 3, arbitrary: fc.constant<HostileEdit[]>([]) },
    { weight: 2, arbitrary: fc.array(hostileEditArb, { minLength: 1, maxLength: 3 }) },
  );
  return definitionArb.chain((definition) =>
    fc
      .record({
        snapshot: clusterSnapshotArb([definition], { maxInstances: 6 }),
        subnets: fc.array(fc.tuple(hostileStringArb, fc.constantFrom(...ZONES)), { maxLength: 4 }),
        attributes: fc.array(
          fc.record({
            on: fc.nat(),
            name: hostileStringArb,
            value: fc.option(hostileStringArb, { nil: undefined }),
          }),
          { maxLength: 3 },
        ),
        groups: fc.array(fc.tuple(fc.nat(), hostileStringArb), { maxLength: 2 }),
        snapshotEdits: editsArb,
        request: runTaskInputArb('web'),
        requestGroup: fc.option(hostileStringArb, { nil: undefined, freq: 3 }),
        requestSubnets: fc.array(hostileStringArb, { minLength: 1, maxLength: 3 }),
        memberOf: fc.constantFrom(false, false, false, true),
        requestEdits: editsArb,
        cql: cqlTextArb,
        seed: fc.oneof(fc.string({ maxLength: 6 }), hostileStringArb),
        attribute: fc.record({
          target: fc.oneof(fc.nat(), hostileStringArb),
          name: hostileStringArb,
          value: fc.option(hostileStringArb, { nil: undefined }),
        }),
      })
      .map((r) => {
        const snapshot = fresh(r.snapshot);
        const cluster = snapshot.clusters[0]!;
        const instances = cluster.containerInstances;
        snapshot.subnets = withMembers({}, r.subnets) as Record<string, string>;
        for (const planted of r.attributes) {
          const instance = instances[planted.on % instances.length]!;
          const attributes = (instance.attributes ?? []).filter((a) => a.name !== planted.name);
          attributes.push(
            planted.value === undefined
              ? { name: planted.name }
              : { name: planted.name, value: planted.value },
          );
          instance.attributes = attributes;
        }
        for (const [at, group] of r.groups) {
          const task = cluster.tasks[at % Math.max(1, cluster.tasks.length)];
          if (task) task.group = group;
        }
        const request: Record<string, unknown> = fresh(r.request) as unknown as Record<
          string,
          unknown
        >;
        if (r.requestGroup !== undefined) request['group'] = r.requestGroup;
        if (definition.networkMode === 'awsvpc') {
          request['networkConfiguration'] = { awsvpcConfiguration: { subnets: r.requestSubnets } };
        }
        if (r.memberOf) {
          request['placementConstraints'] = [{ type: 'memberOf', expression: r.cql }];
        }
        return {
          snapshot: applyHostileEdits(snapshot, r.snapshotEdits),
          request: applyHostileEdits(request, r.requestEdits),
          cql: r.cql,
          seed: r.seed,
          attribute: r.attribute,
        };
      }),
  );
}
