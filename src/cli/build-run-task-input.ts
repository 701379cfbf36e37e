/**
 * The RunTask request from the command line: `--cli-input-json`/`--cli-input-yaml` first,
 * then every option given explicitly replaces the field it names (a whole field, never merged
 * item by item, as in the AWS CLI).
 */
import type { RunTaskInput } from '../kernel/run-task-types.js';
import { readCliInput } from './cli-input.js';
import { parseParameter } from './parse-parameter.js';
import { RUN_TASK_OPTIONS, shapeOf } from './run-task-options.js';
import { UsageError } from './usage-error.js';

/** Raw option values as the parser collected them, keyed by request field. */
export type RawRequestOptions = Partial<Record<keyof RunTaskInput, string | string[] | boolean>>;

export interface RequestSources {
  options: RawRequestOptions;
  cliInputJson?: string | undefined;
  cliInputYaml?: string | undefined;
  /** Directory `file://` paths are relative to. */
  cwd: string;
}

export function buildRunTaskInput(sources: RequestSources): RunTaskInput {
  const request: Record<string, unknown> = readCliInput(
    sources.cliInputJson,
    sources.cliInputYaml,
    sources.cwd,
  );
  for (const option of RUN_TASK_OPTIONS) {
    const raw = sources.options[option.field];
    if (raw === undefined) continue;
    request[option.field] =
      typeof raw === 'boolean'
        ? raw
        : parseParameter(
            option.flag,
            option.field,
            Array.isArray(raw) ? raw : [raw],
            shapeOf(option),
            sources.cwd,
          );
  }
  if (typeof request['taskDefinition'] !== 'string') {
    throw new UsageError('the following arguments are required: --task-definition');
  }
  return request as unknown as RunTaskInput;
}
