/**
 * `--query`: a JMESPath expression applied to the response before it is printed, as the AWS
 * CLI does (after timestamps are formatted, before the output format). The expression is
 * compiled before anything else runs, so a bad one fails fast (exit 252, as the AWS CLI's
 * "Bad value for --query"). Backtick literals without JSON quotes (`` `foo` ``), which the
 * AWS CLI's jmespath.py still accepts, are accepted too.
 */
import { compile, search } from '@jmespath-community/jmespath';
import { UsageError } from '../usage-error.js';
import { OutputError } from './output-error.js';

export interface Query {
  /** The expression as given. */
  readonly expression: string;
  /** The expression's result on `data` (may throw QueryError). */
  apply(data: unknown): unknown;
}

/** The expression failed on the data, e.g. a function given the wrong type. */
export class QueryError extends OutputError {
  override readonly name = 'QueryError';
}

const OPTIONS = { enable_legacy_literals: true };

export function compileQuery(expression: string): Query {
  try {
    compile(expression, OPTIONS);
  } catch (error) {
    throw new UsageError(`Bad value for --query ${expression}: ${messageOf(error)}`);
  }
  return {
    expression,
    apply(data) {
      try {
        // The response is plain JSON data, which is what the library's JSONValue describes.
        return search(data as Parameters<typeof search>[0], expression, OPTIONS);
      } catch (error) {
        throw new QueryError(`--query ${expression}: ${messageOf(error)}`);
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
