/**
 * `--cli-input-json` / `--cli-input-yaml`: a whole request (as printed by
 * `--generate-cli-skeleton`) given as text or `file://`. Options on the command line
 * override its fields, as in the AWS CLI.
 */
import { conformToShape } from './conform-to-shape.js';
import { nestingTooDeep, REQUEST_DEPTH } from './input-limits.js';
import { parseJson, readParameterText } from './parse-parameter.js';
import { runTaskInputShape } from '../kernel/run-task-shape.js';
import { UsageError } from './usage-error.js';
import { parseYamlText, YamlTextError } from './yaml-text.js';

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
  try {
    return parseYamlText(text);
  } catch (error) {
    if (!(error instanceof YamlTextError)) throw error;
    throw new UsageError(
      error.kind === 'depth'
        ? `Error parsing parameter '--cli-input-yaml': ${nestingTooDeep(REQUEST_DEPTH)}`
        : `Error parsing parameter '--cli-input-yaml': Invalid YAML: ${error.message}`,
    );
  }
}
