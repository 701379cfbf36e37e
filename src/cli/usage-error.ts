/**
 * A malformed command line: the AWS CLI answers these itself, before any request, with a
 * reason and its usage line, and exit status 252.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
