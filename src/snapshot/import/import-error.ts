/**
 * Why a set of AWS CLI outputs cannot become a snapshot. The message names the file (or
 * stdin document) and the place in it, says what is wrong and what to do; nothing has been
 * written when it is thrown.
 */
export class SnapshotImportError extends Error {
  override readonly name = 'SnapshotImportError';
}
