/**
 * Where an imported document, or a record inside it, came from: the file (or stdin), which
 * document of that input when it holds several, and the JSON path inside the document.
 */

/** One parsed JSON document given to `importSnapshot`. */
export interface ImportDocument {
  /** The parsed JSON: an AWS CLI output (`--output json`). */
  value: unknown;
  /** The file it was read from, or `stdin`; messages name it. Default `document N`. */
  source?: string;
  /** Which document of the source (from 1), when the source holds several. */
  index?: number;
  /** The line of the source where the document starts, when the source holds several. */
  line?: number;
}

export interface Origin {
  /** `pages/instances.json`, `stdin document 3 (line 120)` or `document 2`. */
  document: string;
  /** JSON path inside the document: `$.containerInstances[4]`. */
  path: string;
}

/** How messages name a document: its source, plus its position when the source holds several. */
export function documentName(document: ImportDocument, position: number): string {
  const source = document.source ?? `document ${position + 1}`;
  if (document.index === undefined) return source;
  const line = document.line === undefined ? '' : ` (line ${document.line})`;
  return `${source} document ${document.index}${line}`;
}

export function describeOrigin(origin: Origin): string {
  return origin.path === '$' ? origin.document : `${origin.document} at ${origin.path}`;
}
