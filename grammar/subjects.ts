/**
 * Subject recognition. Subjects are exact-case; `attribute:NAME` takes any name of the
 * documented attribute-name charset (letters, digits, `_ - / \ .`, 1 to 128 characters).
 */
import type { SubjectName } from './ast.js';

export const ATTRIBUTE_PREFIX = 'attribute:';

/** The subjects written as a fixed word (everything but `attribute:NAME`). */
export const FIXED_SUBJECTS: readonly SubjectName[] = [
  'agentConnected',
  'agentVersion',
  'ec2InstanceId',
  'registeredAt',
  'runningTasksCount',
  'task:group',
];

export const MAX_ATTRIBUTE_NAME_LENGTH = 128;

/** Whether a UTF-16 code unit may appear in an attribute name: A-Z a-z 0-9 _ - / \ . */
function isAttributeNameCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 45 || // -
    code === 46 || // .
    code === 47 || // /
    code === 92 // \
  );
}

export type SubjectClassification =
  | { readonly ok: true; readonly name: SubjectName; readonly attribute: string | undefined }
  | { readonly ok: false; readonly problem: 'unknown' }
  | {
      readonly ok: false;
      readonly problem: 'attribute-name';
      /** Offset within the subject text of the first offending character. */
      readonly index: number;
      readonly detail: string;
    };

const fixed: ReadonlySet<string> = new Set(FIXED_SUBJECTS);

export function classifySubject(text: string): SubjectClassification {
  if (fixed.has(text)) return { ok: true, name: text as SubjectName, attribute: undefined };
  if (!text.startsWith(ATTRIBUTE_PREFIX)) return { ok: false, problem: 'unknown' };
  const name = text.slice(ATTRIBUTE_PREFIX.length);
  if (name.length === 0) {
    return {
      ok: false,
      problem: 'attribute-name',
      index: text.length,
      detail: 'the attribute name is missing after `attribute:`',
    };
  }
  for (let i = 0; i < name.length; i++) {
    if (!isAttributeNameCode(name.charCodeAt(i))) {
      const ch = name.charAt(i);
      return {
        ok: false,
        problem: 'attribute-name',
        index: ATTRIBUTE_PREFIX.length + i,
        detail: `the character '${ch}' cannot appear in an attribute name (allowed: letters, digits, _ - / \\ .)`,
      };
    }
  }
  if (name.length > MAX_ATTRIBUTE_NAME_LENGTH) {
    return {
      ok: false,
      problem: 'attribute-name',
      index: ATTRIBUTE_PREFIX.length + MAX_ATTRIBUTE_NAME_LENGTH,
      detail: `an attribute name has at most ${MAX_ATTRIBUTE_NAME_LENGTH} characters`,
    };
  }
  return { ok: true, name: 'attribute', attribute: name };
}
