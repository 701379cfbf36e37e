/**
 * Problems found while reading an expression, as plain facts (offset, length, what was
 * found, what was expected). `src/cql` turns them into user-facing errors; the grammar layer
 * knows nothing of message formatting or suggestions.
 */
export type GrammarIssue =
  | {
      readonly kind: 'lexical';
      readonly offset: number;
      readonly length: number;
      /** The character that no token accepts, or an unterminated quote. */
      readonly detail: 'unexpected-character' | 'unterminated-string';
    }
  | {
      readonly kind: 'syntax';
      readonly offset: number;
      readonly length: number;
      /** What the parser found: a token's text, or `null` at the end of the expression. */
      readonly found: string | null;
      /** Human labels of what would have been accepted, e.g. `'and'`, `a value`. */
      readonly expected: readonly string[];
    }
  | {
      readonly kind: 'unknown-subject';
      readonly offset: number;
      readonly length: number;
      readonly text: string;
    }
  | {
      readonly kind: 'nesting';
      /** The parenthesis or negation that goes one level too deep. */
      readonly offset: number;
      readonly length: number;
      readonly limit: number;
    }
  | {
      readonly kind: 'attribute-name';
      readonly offset: number;
      readonly length: number;
      readonly detail: string;
    };
