/**
 * `--generate-cli-skeleton`: a sample request (or response) with every field and a
 * placeholder of the right type, the way the AWS CLI prints one: "" for strings, the first
 * documented value for enumerations, 0 for integers, true for booleans, one item per list.
 */
import { formatJson } from './format-json.js';
import { runTaskInputShape, runTaskOutputShape } from '../kernel/run-task-shape.js';
import type { Shape, StructureShape } from '../kernel/shape.js';
import { UsageError } from './usage-error.js';
import { yamlLibrary } from './yaml-library.js';

export type SkeletonKind = 'input' | 'output' | 'yaml-input';
export const SKELETON_KINDS: readonly SkeletonKind[] = ['input', 'output', 'yaml-input'];

export function skeletonOf(shape: Shape): unknown {
  switch (shape.kind) {
    case 'string':
      return shape.enum?.[0] ?? '';
    case 'integer':
      return 0;
    case 'boolean':
      return true;
    case 'list':
      return [skeletonOf(shape.member)];
    case 'structure':
      return Object.fromEntries(
        Object.entries(shape.members).map(([key, member]) => [key, skeletonOf(member)]),
      );
  }
}

/** `true` (the option given without a value) means `input`, as in the AWS CLI. */
export function parseSkeletonKind(value: string | true): SkeletonKind {
  if (value === true) return 'input';
  const kind = SKELETON_KINDS.find((k) => k === value);
  if (!kind) {
    throw new UsageError(
      `argument --generate-cli-skeleton: invalid choice: '${value}' (choose from ${SKELETON_KINDS.map((k) => `'${k}'`).join(', ')})`,
    );
  }
  return kind;
}

export function renderRunTaskSkeleton(kind: SkeletonKind): string {
  if (kind === 'output') return formatJson(skeletonOf(runTaskOutputShape));
  const sample = skeletonOf(runTaskInputShape);
  if (kind === 'input') return formatJson(sample);
  return renderYamlInput(sample, runTaskInputShape);
}

/** YAML input, with the required field and the documented values noted in comments. */
function renderYamlInput(sample: unknown, request: StructureShape): string {
  const doc = new (yamlLibrary().Document)(sample);
  for (const [key, shape] of Object.entries(request.members)) {
    const node = doc.get(key, true);
    if (!node || typeof node !== 'object') continue;
    const notes: string[] = [];
    if (request.required.includes(key)) notes.push('[REQUIRED]');
    if (shape.kind === 'string' && shape.enum)
      notes.push(`Valid values are: ${shape.enum.join(', ')}.`);
    if (notes.length > 0) (node as { comment?: string }).comment = ` ${notes.join(' ')}`;
  }
  return doc.toString();
}
