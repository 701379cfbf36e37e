/**
 * `parseExpression`: text -> typed AST, or the reasons it is not a CQL expression.
 * Syntax, unknown subjects, bad attribute names, the empty expression and the length limit
 * are reported here; subject/operator pairings, literals and regular expressions are
 * checked when compiling.
 */
import type { Expression } from '../../grammar/ast.js';
import type { GrammarIssue } from '../../grammar/issues.js';
import { parseCql } from '../../grammar/parser.js';
import { FIXED_SUBJECTS } from '../../grammar/subjects.js';
import { CqlError, CqlSyntaxError } from './errors.js';
import { MAX_EXPRESSION_LENGTH } from './limits.js';
import { ALL_OPERATORS, operatorSpellings } from './operators.js';
import { suggestSubject } from './suggest-subject.js';

export interface ParseResult {
  /** The tree when the text is a well-formed expression, else `undefined`. */
  readonly ast: Expression | undefined;
  /** Every problem found, in source order; empty exactly when `ast` is defined. */
  readonly errors: CqlError[];
}

const SUBJECT_LIST = [...FIXED_SUBJECTS.slice(0, 2), 'attribute:NAME', ...FIXED_SUBJECTS.slice(2)];
export const VALID_SUBJECTS_TEXT = SUBJECT_LIST.join(', ');
const OPERATOR_LIST = ALL_OPERATORS.map(operatorSpellings).join(', ');

/** Plain-word expansions of the grammar's short labels. */
const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  'an operator': `an operator (${OPERATOR_LIST})`,
  'a comparison': `a comparison such as attribute:ecs.instance-type == t2.small`,
  'a value': 'a value (a bare word or a quoted string)',
  'a subject': `a subject (${VALID_SUBJECTS_TEXT})`,
};

export function parseExpression(text: string): ParseResult {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return failed(
      new CqlError(text, {
        offset: MAX_EXPRESSION_LENGTH,
        length: text.length - MAX_EXPRESSION_LENGTH,
        reason: `the expression is ${text.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`,
      }),
    );
  }
  if (text.trim().length === 0) {
    return failed(
      new CqlSyntaxError(text, {
        offset: 0,
        length: Math.max(1, text.length),
        reason: 'the expression is empty',
        expected: [EXPECTED_WORDS['a comparison']!],
      }),
    );
  }
  const { ast, issues } = parseCql(text);
  if (ast !== undefined) return { ast, errors: [] };
  return { ast: undefined, errors: issues.map((issue) => toError(text, issue)) };
}

function failed(error: CqlError): ParseResult {
  return { ast: undefined, errors: [error] };
}

/** `a`, `a or b`, `a, b or c`. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const SPACED_NEGATION = /^!\s+(exists(?![\w.-])|in(?![\w.-])|~)/i;

/** `attribute:x ! exists`: the negated operators are single tokens, `!exists` `!in` `!=` `!~`. */
function spacedNegation(text: string, issue: GrammarIssue & { kind: 'syntax' }): string {
  if (issue.found !== '!') return '';
  const operator = SPACED_NEGATION.exec(text.slice(issue.offset))?.[1];
  return operator === undefined ? '' : `; write '!${operator}' without a space`;
}

/** The bare word before the problem, e.g. `web&attribute:x` in `a==web&attribute:x==y`. */
const WORD_BEFORE = /([^\s()[\],'"]+)\s*$/;

/** A lone `&` or `|` followed by what starts a comparison (not a regex alternation `a|b`). */
const SINGLE_JOINER =
  /(?<![&|])([&|])(?=attribute:|task:|agentConnected|agentVersion|ec2InstanceId|registeredAt|runningTasksCount)/;

/** `a==b&c==d`: a lone `&` or `|` belongs to the bare value; the joiners are `&&` and `||`. */
function singleJoiner(text: string, issue: GrammarIssue & { kind: 'syntax' }): string {
  const word = WORD_BEFORE.exec(text.slice(0, issue.offset))?.[1] ?? '';
  const single = SINGLE_JOINER.exec(word)?.[1];
  if (single === undefined) return '';
  return `; a single '${single}' is part of the value before it; combine comparisons with '${single}${single}'`;
}

function toError(text: string, issue: GrammarIssue): CqlError {
  const { offset, length } = issue;
  switch (issue.kind) {
    case 'lexical':
      return issue.detail === 'unterminated-string'
        ? new CqlSyntaxError(text, {
            offset,
            length,
            reason: `unterminated quoted string: the ${text.charAt(offset)} is never closed`,
            expected: [`a closing ${text.charAt(offset)}`],
          })
        : new CqlSyntaxError(text, {
            offset,
            length,
            reason:
              text.charAt(offset) === '='
                ? "unexpected character '=': equality is written '==' (or 'equals')"
                : `unexpected character '${text.charAt(offset)}'`,
          });
    case 'syntax': {
      const expected = issue.expected.map((label) => EXPECTED_WORDS[label] ?? label);
      const found = issue.found === null ? 'the expression ends' : `found '${issue.found}'`;
      return new CqlSyntaxError(text, {
        offset,
        length,
        reason: `expected ${listInWords(expected)}, but ${found}${spacedNegation(text, issue)}${singleJoiner(text, issue)}`,
        expected,
      });
    }
    case 'unknown-subject': {
      const suggestion = suggestSubject(issue.text);
      const hint = suggestion === undefined ? '' : `; did you mean '${suggestion}'?`;
      return new CqlError(text, {
        offset,
        length,
        reason: `unknown subject '${issue.text}'${hint} (valid subjects: ${VALID_SUBJECTS_TEXT})`,
        expected: suggestion === undefined ? SUBJECT_LIST : [suggestion],
      });
    }
    case 'nesting':
      return new CqlError(text, {
        offset,
        length,
        reason: `the expression nests parentheses and negations more than ${issue.limit} levels deep`,
      });
    case 'attribute-name':
      return new CqlError(text, {
        offset,
        length,
        reason: `invalid attribute name: ${issue.detail}`,
      });
  }
}
