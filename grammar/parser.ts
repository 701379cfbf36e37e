/**
 * The CQL parser: one chevrotain EmbeddedActionsParser that builds the typed AST directly
 * (no CST), created once and reused for every parse, as chevrotain's performance guide
 * advises. Precedence, low to high: `or`/`||`, `and`/`&&`, `not`/`!`, then `( expr )` or a
 * comparison `subject operator [argument]`.
 */
import {
  EmbeddedActionsParser,
  EOF,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IToken,
  type Lexer,
  tokenMatcher,
} from 'chevrotain';
import type {
  AndNode,
  ComparisonNode,
  Expression,
  OperatorNode,
  OrNode,
  SubjectNode,
  ValueListNode,
  ValueNode,
} from './ast.js';
import type { GrammarIssue } from './issues.js';
import { classifySubject } from './subjects.js';
import {
  AndOperator,
  allTokens,
  BinaryOperator,
  Comma,
  createCqlLexer,
  LBracket,
  ListOperator,
  LParen,
  NotOperator,
  OrOperator,
  operatorOfToken,
  RBracket,
  RParen,
  UnaryOperator,
  ValueToken,
  Word,
} from './tokens.js';

/** A node together with its outer extent (which includes enclosing parentheses). */
interface Located<T extends Expression = Expression> {
  readonly node: T;
  readonly start: number;
  readonly end: number;
}

/**
 * Chevrotain's own messages are replaced by the bare name of the expected token, so the
 * error converter can say in our words what was expected; the other messages are unused.
 */
const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => expected.name,
  buildNotAllInputParsedMessage: () => 'not-all-input-parsed',
  buildNoViableAltMessage: () => 'no-viable-alternative',
  buildEarlyExitMessage: () => 'early-exit',
};

function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** Strips the quotes; `\\`, `\'` and `\"` are escapes, any other backslash stays as written. */
function unquote(image: string): string {
  const body = image.slice(1, -1);
  return body.includes('\\') ? body.replace(/\\([\\'"])/g, '$1') : body;
}

function combine(kind: 'and' | 'or', operands: readonly Located[]): Located {
  const start = operands[0]!.start;
  const end = operands[operands.length - 1]!.end;
  const nodes = operands.map((o) => o.node);
  const node: AndNode | OrNode =
    kind === 'and'
      ? { kind: 'and', operands: nodes, start, end }
      : { kind: 'or', operands: nodes, start, end };
  return { node, start, end };
}

export class CqlParser extends EmbeddedActionsParser {
  /** Problems found by the actions (unknown subject, bad attribute name) during one parse. */
  issues: GrammarIssue[] = [];

  constructor(validate = false) {
    super([...allTokens], {
      recoveryEnabled: false,
      maxLookahead: 2,
      skipValidations: !validate,
      errorMessageProvider,
    });
    this.performSelfAnalysis();
  }

  readonly expression = this.RULE('expression', (): Located => this.SUBRULE(this.orExpression));

  private readonly orExpression = this.RULE('orExpression', (): Located => {
    const first = this.SUBRULE(this.andExpression);
    let operands: Located[] | undefined;
    this.MANY(() => {
      this.CONSUME(OrOperator);
      const next = this.SUBRULE2(this.andExpression);
      this.ACTION(() => {
        operands ??= [first];
        operands.push(next);
      });
    });
    return this.ACTION(() => (operands === undefined ? first : combine('or', operands)));
  });

  private readonly andExpression = this.RULE('andExpression', (): Located => {
    const first = this.SUBRULE(this.unary);
    let operands: Located[] | undefined;
    this.MANY(() => {
      this.CONSUME(AndOperator);
      const next = this.SUBRULE2(this.unary);
      this.ACTION(() => {
        operands ??= [first];
        operands.push(next);
      });
    });
    return this.ACTION(() => (operands === undefined ? first : combine('and', operands)));
  });

  private readonly unary = this.RULE(
    'unary',
    (): Located =>
      this.OR([
        {
          ALT: () => {
            const not = this.CONSUME(NotOperator);
            const operand = this.SUBRULE(this.unary);
            return this.ACTION(() => {
              const start = not.startOffset;
              const node: Expression = {
                kind: 'not',
                operand: operand.node,
                start,
                end: operand.end,
              };
              return { node, start, end: operand.end };
            });
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(LParen);
            const inner = this.SUBRULE(this.orExpression);
            const close = this.CONSUME(RParen);
            return this.ACTION(() => ({
              node: inner.node,
              start: open.startOffset,
              end: tokenEnd(close),
            }));
          },
        },
        {
          ALT: () => {
            const comparison = this.SUBRULE(this.comparison);
            return this.ACTION(() => ({
              node: comparison,
              start: comparison.start,
              end: comparison.end,
            }));
          },
        },
      ]),
  );

  private readonly comparison = this.RULE('comparison', (): ComparisonNode => {
    const subjectToken = this.CONSUME(Word);
    const subject = this.ACTION(() => this.subjectOf(subjectToken));
    return this.OR([
      {
        ALT: () => {
          const op = this.CONSUME(UnaryOperator);
          return this.ACTION(() => this.comparisonNode(subject, this.operatorOf(op), null));
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(BinaryOperator);
          const value = this.SUBRULE(this.value);
          return this.ACTION(() => this.comparisonNode(subject, this.operatorOf(op), value));
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(ListOperator);
          const list = this.SUBRULE(this.valueList);
          return this.ACTION(() => this.comparisonNode(subject, this.operatorOf(op), list));
        },
      },
    ]);
  });

  private readonly valueList = this.RULE('valueList', (): ValueListNode => {
    const open = this.CONSUME(LBracket);
    const items: ValueNode[] = [];
    const first = this.SUBRULE(this.value);
    this.ACTION(() => items.push(first));
    this.MANY(() => {
      this.CONSUME(Comma);
      const item = this.SUBRULE2(this.value);
      this.ACTION(() => items.push(item));
    });
    const close = this.CONSUME(RBracket);
    return this.ACTION(() => ({
      kind: 'list',
      items,
      start: open.startOffset,
      end: tokenEnd(close),
    }));
  });

  private readonly value = this.RULE('value', (): ValueNode => {
    const token = this.CONSUME(ValueToken);
    return this.ACTION(() => {
      const first = token.image.charCodeAt(0);
      const quoted = first === 0x22 || first === 0x27;
      return {
        kind: 'value',
        value: quoted ? unquote(token.image) : token.image,
        start: token.startOffset,
        end: tokenEnd(token),
      };
    });
  });

  private comparisonNode(
    subject: SubjectNode,
    operator: OperatorNode,
    argument: ValueNode | ValueListNode | null,
  ): ComparisonNode {
    const end = argument === null ? operator.end : argument.end;
    return { kind: 'comparison', subject, operator, argument, start: subject.start, end };
  }

  private operatorOf(token: IToken): OperatorNode {
    return {
      kind: 'operator',
      operator: operatorOfToken.get(token.tokenType)!,
      start: token.startOffset,
      end: tokenEnd(token),
    };
  }

  private subjectOf(token: IToken): SubjectNode {
    const text = token.image;
    const start = token.startOffset;
    const end = tokenEnd(token);
    const found = classifySubject(text);
    if (found.ok) {
      return { kind: 'subject', name: found.name, attribute: found.attribute, start, end };
    }
    if (found.problem === 'unknown') {
      this.issues.push({ kind: 'unknown-subject', offset: start, length: text.length, text });
    } else {
      this.issues.push({
        kind: 'attribute-name',
        offset: start + found.index,
        length: Math.max(1, text.length - found.index),
        detail: found.detail,
      });
    }
    // A placeholder keeps the parse going so later syntax errors are reported too.
    return { kind: 'subject', name: 'attribute', attribute: text, start, end };
  }
}

/** What the parser would have accepted, by the failing token or rule, in plain words. */
function expectedFor(error: IRecognitionException): readonly string[] {
  const rule = error.context.ruleStack[error.context.ruleStack.length - 1];
  switch (error.name) {
    case 'MismatchedTokenException':
      switch (error.message) {
        case RParen.name:
          return ["'and'", "'or'", "')'"];
        case RBracket.name:
          return ["','", "']'"];
        case LBracket.name:
          return ["a list '[...]'"];
        case ValueToken.name:
          return ['a value'];
        default:
          return ['a subject'];
      }
    case 'NotAllInputParsedException':
      return ["'and'", "'or'", 'the end of the expression'];
    default:
      if (rule === 'comparison') return ['an operator'];
      return ['a comparison', "'('", "'not'"];
  }
}

function syntaxIssue(error: IRecognitionException, text: string): GrammarIssue {
  const token = error.token;
  const atEnd = token.tokenType === EOF || Number.isNaN(token.startOffset);
  return {
    kind: 'syntax',
    offset: atEnd ? text.length : token.startOffset,
    length: atEnd ? 0 : token.image.length,
    found: atEnd ? null : token.image,
    expected: expectedFor(error),
  };
}

/**
 * The parser descends once per parenthesis and per negation; a few hundred levels would
 * exhaust the call stack, and no sensible expression comes close to this limit.
 */
export const MAX_NESTING = 100;

/**
 * The deepest point of parentheses and negations, found on the tokens before parsing. A run
 * of negations stays open until the comparison or parenthesised group it applies to ends.
 */
function findExcessiveNesting(tokens: readonly IToken[]): GrammarIssue | undefined {
  let depth = 0;
  let pendingNots = 0;
  const notsBeforeGroup: number[] = [];
  for (const token of tokens) {
    const type = token.tokenType;
    if (type === LParen || tokenMatcher(token, NotOperator)) {
      depth++;
      if (depth > MAX_NESTING) {
        return {
          kind: 'nesting',
          offset: token.startOffset,
          length: token.image.length,
          limit: MAX_NESTING,
        };
      }
      if (type === LParen) {
        notsBeforeGroup.push(pendingNots);
        pendingNots = 0;
      } else {
        pendingNots++;
      }
    } else if (type === RParen) {
      depth -= 1 + (notsBeforeGroup.pop() ?? 0);
      pendingNots = 0;
    } else if (type === Word && pendingNots > 0) {
      // A comparison starts: the negations before it close when it ends.
      depth -= pendingNots;
      pendingNots = 0;
    }
  }
  return undefined;
}

export interface GrammarParseResult {
  /** The tree, or `undefined` when any issue was found. */
  readonly ast: Expression | undefined;
  readonly issues: readonly GrammarIssue[];
}

let sharedLexer: Lexer | undefined;
let sharedParser: CqlParser | undefined;

/** Lexes and parses one expression with the shared, lazily created lexer and parser. */
export function parseCql(text: string): GrammarParseResult {
  sharedLexer ??= createCqlLexer(false);
  sharedParser ??= new CqlParser(false);
  const lexed = sharedLexer.tokenize(text);
  const lexError = lexed.errors[0];
  if (lexError !== undefined) {
    const quote = text.charAt(lexError.offset);
    const unterminated = quote === "'" || quote === '"';
    return {
      ast: undefined,
      issues: [
        {
          kind: 'lexical',
          offset: lexError.offset,
          length: unterminated ? text.length - lexError.offset : 1,
          detail: unterminated ? 'unterminated-string' : 'unexpected-character',
        },
      ],
    };
  }
  const nesting = findExcessiveNesting(lexed.tokens);
  if (nesting !== undefined) return { ast: undefined, issues: [nesting] };
  const parser = sharedParser;
  parser.issues = [];
  parser.input = lexed.tokens;
  const result = parser.expression();
  const issues: GrammarIssue[] = [...parser.issues];
  for (const error of parser.errors) issues.push(syntaxIssue(error, text));
  issues.sort((a, b) => a.offset - b.offset);
  return { ast: issues.length === 0 ? result.node : undefined, issues };
}
