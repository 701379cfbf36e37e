/**
 * RunTask's single-valued members: count, startedBy, group, referenceId, propagateTags,
 * clientToken.
 */
import type { RunTaskInput } from '../kernel/run-task-types.js';
import { invalidParameter } from './validate-shape.js';

export const MAX_COUNT = 10;
export const MAX_STARTED_BY = 36;
export const MAX_GROUP = 255;
export const MAX_REFERENCE_ID = 1024;
export const MAX_CLIENT_TOKEN = 64;

/** The seed's wording: up to 36 letters, numbers, hyphens and underscores. */
const STARTED_BY = /^[A-Za-z0-9_-]+$/;
/** API reference: "The valid characters are characters in the range of 33-126, inclusive." */
const CLIENT_TOKEN = /^[\x21-\x7e]+$/;

export function validateScalars(input: RunTaskInput): void {
  const count = input.count ?? 1;
  if (count < 1 || count > MAX_COUNT) {
    throw invalidParameter('count', count, `must be between 1 and ${MAX_COUNT} tasks per call`);
  }
  const { startedBy, group, referenceId } = input;
  if (startedBy !== undefined) {
    if (startedBy.length < 1 || startedBy.length > MAX_STARTED_BY) {
      throw invalidParameter(
        'startedBy',
        startedBy,
        `must be 1 to ${MAX_STARTED_BY} characters long (got ${startedBy.length})`,
      );
    }
    if (!STARTED_BY.test(startedBy)) {
      throw invalidParameter(
        'startedBy',
        startedBy,
        'only letters, numbers, hyphens (-) and underscores (_) are allowed',
      );
    }
  }
  if (group !== undefined && (group.length < 1 || group.length > MAX_GROUP)) {
    throw invalidParameter(
      'group',
      group,
      `a task group name must be 1 to ${MAX_GROUP} characters long (got ${group.length})`,
    );
  }
  if (
    referenceId !== undefined &&
    (referenceId.length < 1 || referenceId.length > MAX_REFERENCE_ID)
  ) {
    throw invalidParameter(
      'referenceId',
      referenceId,
      `must be 1 to ${MAX_REFERENCE_ID} characters long (got ${referenceId.length})`,
    );
  }
  const { clientToken } = input;
  if (clientToken !== undefined) {
    if (clientToken.length < 1 || clientToken.length > MAX_CLIENT_TOKEN) {
      throw invalidParameter(
        'clientToken',
        clientToken,
        `must be 1 to ${MAX_CLIENT_TOKEN} characters long (got ${clientToken.length})`,
      );
    }
    if (!CLIENT_TOKEN.test(clientToken)) {
      throw invalidParameter(
        'clientToken',
        clientToken,
        'only the ASCII characters 33 to 126 are allowed (letters, digits and punctuation; no spaces)',
      );
    }
  }
  if (input.propagateTags === 'SERVICE') {
    throw invalidParameter(
      'propagateTags',
      'SERVICE',
      'SERVICE cannot be used when running a task; use TASK_DEFINITION or NONE',
    );
  }
}
