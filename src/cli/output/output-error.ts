/**
 * The response could not be printed in the form asked for: a `--query` that fails on the
 * data (a function given the wrong type), or a table whose rows differ in length. The AWS
 * CLI ends such a run with status 255; so does this command, and nothing is saved.
 */
export class OutputError extends Error {
  override readonly name: string = 'OutputError';
}
