/**
 * A tiny language for the shape of an API request (like botocore's shapes), and one walker
 * over it. The RunTask request is described once in it (`run-task-shape.ts`); the API checks
 * untyped input against it, the CLI types shorthand and JSON values by it, and the skeletons
 * and the docs table are printed from it. Hand-written rather than a schema library: the CLI
 * reads the shape as data, and the first problem is reported in the input's own member order
 * (docs/ARCHITECTURE.md, "One request shape").
 */

export type Shape = StringShape | IntegerShape | BooleanShape | ListShape | StructureShape;

export interface StringShape<V extends string = string> {
  kind: 'string';
  /** The values the API accepts, when it lists them; the skeleton shows the first. */
  enum?: readonly V[];
}

export interface IntegerShape {
  kind: 'integer';
}

export interface BooleanShape {
  kind: 'boolean';
}

export interface ListShape<M extends Shape = Shape> {
  kind: 'list';
  member: M;
}

export type Members = Readonly<Record<string, Shape>>;

export interface StructureShape<M extends Members = Members, R extends keyof M = keyof M> {
  kind: 'structure';
  /** Member order is the order of the API documentation and of the skeleton. */
  members: M;
  required: readonly R[];
}

export type ScalarShape = StringShape | IntegerShape | BooleanShape;

export function string(): StringShape;
export function string<const V extends string>(values: readonly V[]): StringShape<V>;
export function string(values?: readonly string[]): StringShape {
  return values ? { kind: 'string', enum: values } : { kind: 'string' };
}
export const integer: IntegerShape = { kind: 'integer' };
export const boolean: BooleanShape = { kind: 'boolean' };
export const list = <M extends Shape>(member: M): ListShape<M> => ({ kind: 'list', member });
/** `required` lists the members that must be present; the rest are optional. */
export const structure = <M extends Members, R extends keyof M & string = never>(
  members: M,
  required: readonly R[] = [],
  // NoInfer: an enclosing shape must not widen R to every member (all required).
): StructureShape<M, NoInfer<R>> => ({ kind: 'structure', members, required });

/** The TypeScript type of the values a shape describes (required members are not optional). */
export type ValueOf<S> =
  S extends StringShape<infer V>
    ? V
    : S extends IntegerShape
      ? number
      : S extends BooleanShape
        ? boolean
        : S extends ListShape<infer M>
          ? ValueOf<M>[]
          : S extends StructureShape<infer M, infer R>
            ? Flatten<
                { [K in keyof M as K extends R ? K : never]: ValueOf<M[K]> } & {
                  [K in keyof M as K extends R ? never : K]?: ValueOf<M[K]>;
                }
              >
            : never;

type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * What a walk does with the values and what it says about problems: the API checks values
 * and throws ECS exceptions, the CLI converts shorthand text and throws usage errors. Each
 * `where` is a parameter path; the request itself is `input`.
 */
export interface ShapeReader {
  /** The value of a string, integer or boolean member, checked or converted. */
  scalar(value: unknown, shape: ScalarShape, where: string): unknown;
  /** A value that is not a list where the shape has one: its items, or a thrown error. */
  notList(value: unknown, where: string): unknown[];
  notStructure(value: unknown, where: string): never;
  unknownMember(where: string, name: string, known: readonly string[]): never;
  missingMember(where: string, name: string): never;
}

/**
 * Walks `value` along `shape` and returns a fresh copy built only from the known members,
 * so the caller's object is never aliased. `path` is the parameter path of `value`; `''` is
 * the request itself, whose members are named bare (`count`, not `input.count`).
 *
 * Only the shape's members are followed, so no depth (or cycle) of the input can exhaust the
 * stack, and an unknown member is refused before anything below it is looked at. A member
 * whose value is `undefined` counts as absent (the AWS SDK skips such members too; JSON and
 * shorthand never produce one).
 */
export function readShape(
  value: unknown,
  shape: Shape,
  path: string,
  reader: ShapeReader,
): unknown {
  switch (shape.kind) {
    case 'list': {
      const items = Array.isArray(value) ? value : reader.notList(value, path || 'input');
      // Index by index, so a hole in a sparse list is read (and refused) like undefined.
      const copy = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) {
        copy[i] = readShape(items[i], shape.member, `${path}[${i}]`, reader);
      }
      return copy;
    }
    case 'structure':
      return readStructure(value, shape, path, reader);
    default:
      // A scalar is always a member, so its path is never the request's ''.
      return reader.scalar(value, shape, path);
  }
}

function readStructure(
  value: unknown,
  shape: StructureShape,
  path: string,
  reader: ShapeReader,
): Record<string, unknown> {
  const where = path || 'input';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reader.notStructure(value, where);
  }
  const copy: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) {
    if (member === undefined) continue;
    // Own members only: `toString` or `__proto__` must not find Object.prototype's.
    const memberShape = Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
    if (memberShape === undefined) reader.unknownMember(where, name, Object.keys(shape.members));
    copy[name] = readShape(member, memberShape, path === '' ? name : `${path}.${name}`, reader);
  }
  for (const name of shape.required) {
    if (copy[name] === undefined) reader.missingMember(where, name);
  }
  return copy;
}
