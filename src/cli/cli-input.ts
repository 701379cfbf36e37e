/**
 * `--cli-input-json` / `--cli-input-yaml`: a whole request (as printed by
 * `--generate-cli-skeleton`) given as text or `file://`. Options on the command line
 * override its fields, as in the AWS CLI.
 */
import { parseDocument } from 'yaml';
import { conformToShape } from './conform-to-shape.js';
import { nestingTooDeep, REQUEST_DEPTH, valueNestsBeyond } from './input-limits.js';
import { parseJson, readParameterText } from './parse-parameter.js';
import { runTaskInputShape } from './run-task-shapes.js';
import { UsageError } from './usage-error.js';

/** The request without its required-field rule: the command line may supply those. */
const partialRunTaskInputShape = { ...runTaskInputShape, required: [] };

export function readCliInput(
  json: string | undefined,
  yaml: string | undefined,
  cwd: string,
): Record<string, unknown> {
  if (json !== undefined && yaml !== undefined) {
    throw new UsageError('--cli-input-json and --cli-input-yaml cannot be used together');
  }
  let parsed: unknown;
  if (json !== undefined) {
    parsed = parseJson('--cli-input-json', readParameterText('--cli-input-json', json, cwd));
  } else if (yaml !== undefined) {
    parsed = parseYamlInput(readParameterText('--cli-input-yaml', yaml, cwd));
  } else {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const flag = json !== undefined ? '--cli-input-json' : '--cli-input-yaml';
    throw new UsageError(
      `Error parsing parameter '${flag}': the input must be a mapping of request fields`,
    );
  }
  return conformToShape(parsed, partialRunTaskInputShape, '', 'json') as Record<string, unknown>;
}

function parseYamlInput(text: string): unknown {
  const invalid = (reason: string) =>
    new UsageError(`Error parsing parameter '--cli-input-yaml': Invalid YAML: ${reason}`);
  const tooDeep = () =>
    new UsageError(`Error parsing parameter '--cli-input-yaml': ${nestingTooDeep(REQUEST_DEPTH)}`);
  const document = parseDocument(text);
  // The yaml library builds nested nodes recursively and reports running out of stack as
  // RESOURCE_EXHAUSTION: only input far deeper than the limit gets there.
  if (document.errors.some((error) => error.code === 'RESOURCE_EXHAUSTION')) throw tooDeep();
  const [first] = document.errors;
  if (first) throw invalid(first.message);
  let value: unknown;
  try {
    value = document.toJS();
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw invalid(error instanceof Error ? error.message : String(error));
  }
  // Also catches an alias to its own ancestor (`&a [*a]`), a cycle no request can have.
  if (valueNestsBeyond(value)) throw tooDeep();
  return value;
}
