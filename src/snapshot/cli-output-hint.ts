/**
 * What to say when AWS CLI output is given where a snapshot belongs (`run-task
 * --cluster-state`, `list-container-instances --cluster-state`): which output it looks like,
 * recognised by its shape as `snapshot import` recognises its inputs, and how to build a
 * snapshot from it. A snapshot (an object with region, accountId and clusters) never looks
 * like an AWS CLI output, so a hint never hides the checks of a real snapshot.
 */
import { RECORD_NAMES } from './import/document-kinds.js';
import { SnapshotImportError } from './import/import-error.js';
import { parseJsonDocuments } from './import/json-documents.js';
import { recogniseDocument } from './import/recognise-document.js';

const IMPORT = 'build a snapshot with `ecs-placement snapshot import FILE...` (docs/snapshot.md)';

/**
 * For a parsed document that is an AWS CLI output rather than a snapshot: "it looks like
 * the output of `aws ecs describe-tasks`; build a snapshot with ...". Otherwise undefined.
 */
export function awsCliOutputHint(value: unknown): string | undefined {
  const looks = looksLike(value);
  if (looks === undefined) return undefined;
  return `it looks like ${looks.what}; ${looks.next ?? ''}${IMPORT}`;
}

/**
 * For a text that is not one JSON document but several AWS CLI outputs one after another
 * (what `xargs -n 100 aws ecs describe-...` or `cat *.json` prints). Otherwise undefined.
 */
export function awsCliOutputsHint(text: string): string | undefined {
  let documents: { value: unknown }[];
  try {
    documents = parseJsonDocuments(text, 'the file');
  } catch (error) {
    // Not a sequence of JSON documents either: the JSON error stands on its own.
    if (error instanceof SnapshotImportError || error instanceof RangeError) return undefined;
    throw error;
  }
  if (documents.length < 2) return undefined;
  const commands = new Set<string>();
  for (const document of documents) {
    const looks = looksLike(document.value);
    if (looks === undefined) return undefined;
    commands.add(`\`${looks.command}\``);
  }
  return `it holds ${documents.length} JSON documents one after another, outputs of ${[...commands].join(', ')}; ${IMPORT}`;
}

interface LooksLike {
  /** "the output of `aws ecs describe-tasks`" */
  what: string;
  /** The command that prints it. */
  command: string;
  /** What to run first, when the output is not enough on its own. */
  next?: string;
}

function looksLike(value: unknown): LooksLike | undefined {
  const recognition = recogniseDocument(value);
  if (!('document' in recognition)) return undefined;
  const { shape, records } = recognition.document;
  if (shape === undefined) return undefined; // an empty list: nothing to recognise
  // A bare list is what the command prints with --query naming its member.
  const command = Array.isArray(value) ? `${shape.command} --query ${shape.member}` : shape.command;
  if (shape.holds === 'arn') {
    const describe =
      shape.kind === 'list-task-definitions'
        ? 'aws ecs describe-task-definition'
        : shape.command.replace(' list-', ' describe-');
    return {
      what: `the output of \`${command}\`, which lists ARNs only`,
      command,
      next: `describe them with \`${describe}\` and `,
    };
  }
  const plural = `${RECORD_NAMES[shape.holds]}s`;
  if (Array.isArray(value)) {
    return shape.holds === 'taskDefinition'
      ? { what: `a list of ${plural} (of \`${shape.command}\`)`, command: shape.command }
      : { what: `a list of ${plural}, as \`${command}\` prints it`, command };
  }
  if (records[0]?.path === '$') {
    return {
      what: `a task definition (the \`taskDefinition\` of \`${shape.command}\`)`,
      command: shape.command,
    };
  }
  return { what: `the output of \`${command}\``, command };
}
