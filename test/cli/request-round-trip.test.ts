/**
 * Property: any RunTask request, written on the command line in shorthand (one argument per
 * list item, every string quoted), is read back as exactly that request, typed by the shape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRunTaskInput, type RawRequestOptions } from '../../src/cli/build-run-task-input.js';
import { RUN_TASK_OPTIONS, shapeOf } from '../../src/cli/run-task-options.js';
import type { Shape, StructureShape } from '../../src/kernel/shape.js';

const text = fc.string({ unit: 'grapheme', maxLength: 12 });

function arbitraryOf(shape: Shape): fc.Arbitrary<unknown> {
  switch (shape.kind) {
    case 'string':
      return shape.enum ? fc.constantFrom(...shape.enum) : text;
    case 'integer':
      return fc.integer({ min: -100_000, max: 100_000 });
    case 'boolean':
      return fc.boolean();
    case 'list':
      return fc.array(arbitraryOf(shape.member), { maxLength: 3 });
    case 'structure':
      return structureOf(shape, 0);
  }
}

function structureOf(
  shape: StructureShape,
  minKeys: number,
): fc.Arbitrary<Record<string, unknown>> {
  const members = Object.fromEntries(
    Object.entries(shape.members).map(([key, member]) => [key, arbitraryOf(member)]),
  );
  return fc
    .record(members, { requiredKeys: [...(shape.required ?? [])] })
    .filter((value) => Object.keys(value).length >= minKeys);
}

/** A value in shorthand; strings always quoted so any text survives. */
function shorthand(value: unknown): string {
  if (typeof value === 'string')
    return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(shorthand).join(',')}]`;
  return `{${pairs(value as Record<string, unknown>)}}`;
}

function pairs(structure: Record<string, unknown>): string {
  return Object.entries(structure)
    .map(([key, value]) => `${key}=${shorthand(value)}`)
    .join(',');
}

/** How the option's value is typed on the command line. */
function commandLineArgs(shape: Shape, value: unknown): string | string[] | boolean {
  if (shape.kind === 'boolean') return value as boolean;
  if (shape.kind === 'integer') return String(value);
  if (shape.kind === 'string') return value as string;
  if (shape.kind === 'structure') return pairs(value as Record<string, unknown>);
  return (value as Record<string, unknown>[]).map((item) => pairs(item));
}

/** One request option and a value for it that the command line can express. */
const optionWithValue = fc.constantFrom(...RUN_TASK_OPTIONS).chain((option) => {
  const shape = shapeOf(option);
  let value: fc.Arbitrary<unknown>;
  if (shape.kind === 'structure') value = structureOf(shape, 1);
  else if (shape.kind === 'list' && shape.member.kind === 'structure') {
    value = fc.array(structureOf(shape.member, 1), { minLength: 1, maxLength: 3 });
  } else if (shape.kind === 'string' && !shape.enum) {
    value = text.filter((s) => !s.startsWith('file://'));
  } else value = arbitraryOf(shape);
  return value.map((v) => ({ option, value: v }));
});

describe('command line -> RunTask request', () => {
  it('reads back every option value written in shorthand', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(optionWithValue, { selector: (o) => o.option.field, maxLength: 6 }),
        (chosen) => {
          const options: RawRequestOptions = { taskDefinition: 'web:1' };
          const expected: Record<string, unknown> = { taskDefinition: 'web:1' };
          for (const { option, value } of chosen) {
            options[option.field] = commandLineArgs(shapeOf(option), value);
            expected[option.field] = value;
          }
          expect(buildRunTaskInput({ options, cwd: '.' })).toEqual(expected);
        },
      ),
    );
  });
});
