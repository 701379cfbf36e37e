/**
 * A small description of an API parameter's type, like botocore's shapes: it drives the
 * typed reading of shorthand values, the validation of JSON input and the skeletons.
 */
export type Shape = StringShape | IntegerShape | BooleanShape | ListShape | StructureShape;

export interface StringShape {
  kind: 'string';
  /** Documented values; the skeleton shows the first. Not enforced here: the service checks. */
  enum?: readonly string[];
}

export interface IntegerShape {
  kind: 'integer';
}

export interface BooleanShape {
  kind: 'boolean';
}

export interface ListShape {
  kind: 'list';
  member: Shape;
}

export interface StructureShape {
  kind: 'structure';
  /** Member order is the order of the API documentation and of the skeleton. */
  members: Readonly<Record<string, Shape>>;
  required?: readonly string[];
}

export const string = (values?: readonly string[]): StringShape =>
  values ? { kind: 'string', enum: values } : { kind: 'string' };
export const integer: IntegerShape = { kind: 'integer' };
export const boolean: BooleanShape = { kind: 'boolean' };
export const list = (member: Shape): ListShape => ({ kind: 'list', member });
export const structure = (
  members: Record<string, Shape>,
  required: readonly string[] = [],
): StructureShape => ({ kind: 'structure', members, required });
