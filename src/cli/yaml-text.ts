/**
 * YAML text from the command line (`--cli-input-yaml`), parsed with the same nesting limit as
 * JSON. The depth is measured on the yaml library's concrete syntax tree, which its parser
 * builds without recursion, before the library composes values (which it does recursively:
 * input thousands of levels deep would exhaust the call stack there, and can crash the
 * process outright rather than throw).
 */
import type { CST } from 'yaml';
import { MAX_NESTING_DEPTH, valueNestsBeyond } from './input-limits.js';
import { yamlLibrary } from './yaml-library.js';

export class YamlTextError extends Error {
  override readonly name = 'YamlTextError';
  constructor(
    /** `syntax`: not YAML; `depth`: nested deeper than MAX_NESTING_DEPTH, or cyclic. */
    readonly kind: 'syntax' | 'depth',
    message: string,
  ) {
    super(message);
  }
}

export function parseYamlText(text: string): unknown {
  if (yamlNestsBeyond(text, MAX_NESTING_DEPTH)) throw new YamlTextError('depth', 'too deep');
  const document = yamlLibrary().parseDocument(text);
  const [first] = document.errors;
  if (first) throw new YamlTextError('syntax', first.message);
  let value: unknown;
  try {
    value = document.toJS();
  } catch (error) {
    throw new YamlTextError('syntax', error instanceof Error ? error.message : String(error));
  }
  // An alias to its own ancestor (`&a [*a]`) makes a cycle, which no request can have.
  if (valueNestsBeyond(value)) throw new YamlTextError('depth', 'cyclic');
  return value;
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Whether any collection of any document of `text` sits more than `limit` levels deep. */
function yamlNestsBeyond(text: string, limit: number): boolean {
  const { Parser } = yamlLibrary();
  for (const token of new Parser().parse(text)) {
    const pending: Array<{ node: CST.Token | undefined; depth: number }> = [
      { node: token, depth: 0 },
    ];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const { node } = next;
      if (node === undefined) continue;
      const depth = next.depth + (COLLECTIONS.has(node.type) ? 1 : 0);
      if (depth > limit) return true;
      if (node.type === 'document') pending.push({ node: node.value, depth });
      if ('items' in node && Array.isArray(node.items)) {
        for (const item of node.items as CST.CollectionItem[]) {
          pending.push({ node: item.key ?? undefined, depth }, { node: item.value, depth });
        }
      }
    }
  }
  return false;
}
