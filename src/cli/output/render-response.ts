/**
 * A response printed as the AWS CLI prints it: members in the API model's order, timestamps
 * in its ISO 8601 form, then the `--query`, then the `--output` format. The format's module
 * and the JMESPath library are loaded only when asked for, so a plain JSON run does not pay
 * for them at start-up.
 */
import { withCliTimestamps } from './aws-timestamp.js';
import { pythonNumber } from './python-text.js';
import { inModelOrder, RESPONSE_SHAPES, type ResponseOperation } from './response-member-order.js';

/** The AWS CLI v2's `--output` choices (`off` prints nothing). */
export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream', 'off'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

export interface RenderOptions {
  format: OutputFormat;
  /** The `--query` expression (a bad one is a UsageError when the renderer is loaded). */
  query?: string | undefined;
  /** The API operation (the table's title). */
  operation: ResponseOperation;
  /** Colour for the table format. */
  color: boolean;
  /** The terminal's width, for the table format (80 when stdout is not a terminal). */
  terminalWidth: number;
  /** `TZ`, for timestamps. */
  timeZone: string | undefined;
}

export type Renderer = (response: unknown) => string;

/** Loads what `options` need and returns the (synchronous) renderer. */
export async function loadRenderer(options: RenderOptions): Promise<Renderer> {
  const query =
    options.query === undefined
      ? undefined
      : (await import('./jmespath-query.js')).compileQuery(options.query);
  const format = await loadFormat(options);
  return (response) => {
    const ordered = inModelOrder(response, RESPONSE_SHAPES[options.operation]);
    const data = withCliTimestamps(ordered, options.timeZone);
    return format(query ? query.apply(data) : data);
  };
}

async function loadFormat(options: RenderOptions): Promise<(value: unknown) => string> {
  switch (options.format) {
    case 'json':
      return formatJsonOutput;
    case 'text':
      return (await import('./format-text.js')).formatText;
    case 'table': {
      const { formatTable } = await import('./format-table.js');
      const table = {
        title: options.operation,
        terminalWidth: options.terminalWidth,
        color: options.color,
      };
      return (value) => formatTable(value, table);
    }
    case 'yaml':
      return (await import('./format-yaml.js')).formatYaml;
    case 'yaml-stream':
      return (await import('./format-yaml.js')).formatYamlStream;
    case 'off':
      return () => '';
  }
}

/**
 * JSON as Python's `json.dump(indent=4, ensure_ascii=False)` writes it, plus a final
 * newline: the same as JSON.stringify except for fractional numbers, which are written in
 * Python's form (`1e-07`). An empty object (a response without body) prints nothing, but
 * `[]`, `null` and other empty values do, as in the AWS CLI.
 */
export function formatJsonOutput(value: unknown): string {
  if (isObject(value) && Object.keys(value).length === 0) return '';
  return `${pythonJson(value, '')}\n`;
}

function pythonJson(value: unknown, indent: string): string {
  if (typeof value === 'number') return Number.isFinite(value) ? pythonNumber(value) : 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}    `;
    return `[\n${value.map((item) => inner + pythonJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}    `;
    const lines = entries.map(
      ([key, item]) => `${inner}${JSON.stringify(key)}: ${pythonJson(item, inner)}`,
    );
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value ?? null);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
