/**
 * The CQL token vocabulary. Order matters: chevrotain tries the patterns in array order and
 * takes the first match, so longer symbols come before their prefixes (`!=` before `!`) and
 * the longer word operators before the shorter ones (`not_in` before `not`). Every keyword
 * falls back to `Word` (`longer_alt`) so that `android`, `in-house` or `notes` stay whole.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';
import type { ComparisonOperator } from './ast.js';

/**
 * Characters a bare word may not contain: whitespace, the structural `( ) [ ] , ' "`, and
 * the operator starters `= ! < >` so that `a==b` and `agentVersion<1.2` split without spaces.
 * `&` and `|` are allowed alone (a regex `a|b`) but a doubled `&&`/`||` ends the word.
 */
const WORD_PATTERN = /(?:[^\s()[\],'"=!<>&|]|&(?!&)|\|(?!\|))+/;

/** Whether a value can be written bare (it lexes back as exactly one word). */
export function isBareWord(value: string): boolean {
  return BARE_WORD.test(value);
}
const BARE_WORD = new RegExp(`^${WORD_PATTERN.source}$`);

// Categories let the parser consume "any spelling" of a role with a single CONSUME.
export const OrOperator = createToken({ name: 'OrOperator', pattern: Lexer.NA, label: "'or'" });
export const AndOperator = createToken({ name: 'AndOperator', pattern: Lexer.NA, label: "'and'" });
export const NotOperator = createToken({ name: 'NotOperator', pattern: Lexer.NA, label: "'not'" });
export const UnaryOperator = createToken({
  name: 'UnaryOperator',
  pattern: Lexer.NA,
  label: 'exists / not_exists',
});
export const BinaryOperator = createToken({
  name: 'BinaryOperator',
  pattern: Lexer.NA,
  label: 'a comparison operator',
});
export const ListOperator = createToken({
  name: 'ListOperator',
  pattern: Lexer.NA,
  label: 'in / not_in',
});
/** Anything usable as a value: a bare word, a quoted string, or a keyword spelled bare. */
export const ValueToken = createToken({ name: 'ValueToken', pattern: Lexer.NA, label: 'a value' });

/**
 * Every token lists its possible first characters (`start_chars_hint`), so chevrotain never
 * parses the token patterns to find them: that analysis was about a third of building the
 * lexer, which the first expression of a process pays. `test/cql/grammar-validation.test.ts`
 * checks each list against its pattern.
 */

/** The characters JavaScript's `\s` matches (whitespace and line terminators). */
export const WHITESPACE_CODES: readonly number[] = [
  0x9, 0xa, 0xb, 0xc, 0xd, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /\s+/,
  start_chars_hint: [...WHITESPACE_CODES],
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/**
 * Chevrotain cannot derive the first characters of a complemented class, and without them it
 * tries every pattern at every position (several times slower). So the word's possible first
 * characters are listed: every code unit below 256 that may start a word, plus one
 * representative per block of 256 above (chevrotain buckets higher code units per block).
 */
function wordStartHints(): number[] {
  const hints: number[] = [];
  for (let code = 0; code < 256; code++) {
    const ch = String.fromCharCode(code);
    if (/[^\s()[\],'"=!<>]/.test(ch)) hints.push(code);
  }
  for (let block = 256; block < 0x10000; block += 256) hints.push(block);
  return hints;
}

export const Word = createToken({
  name: 'Word',
  pattern: WORD_PATTERN,
  start_chars_hint: wordStartHints(),
  label: 'a word',
  categories: [ValueToken],
});

function keyword(name: string, word: string, category?: TokenType): TokenType {
  const first = word.charAt(0);
  return createToken({
    name,
    pattern: new RegExp(word, 'i'),
    // Case-insensitive: the first letter in either case (no other character folds to an
    // ASCII letter in a non-Unicode pattern).
    start_chars_hint: [first.toLowerCase(), first.toUpperCase()],
    longer_alt: Word,
    label: `'${word}'`,
    categories: category === undefined ? [ValueToken] : [ValueToken, category],
  });
}

function symbol(name: string, pattern: RegExp, label: string, category?: TokenType): TokenType {
  return createToken({
    name,
    pattern,
    label: `'${label}'`,
    // Fixed first character; spares chevrotain analysing the lookahead patterns.
    start_chars_hint: [label.charAt(0)],
    ...(category === undefined ? {} : { categories: [category] }),
  });
}

export const LParen = symbol('LParen', /\(/, '(');
export const RParen = symbol('RParen', /\)/, ')');
export const LBracket = symbol('LBracket', /\[/, '[');
export const RBracket = symbol('RBracket', /]/, ']');
export const Comma = symbol('Comma', /,/, ',');

export const AndSymbol = symbol('AndSymbol', /&&/, '&&', AndOperator);
export const OrSymbol = symbol('OrSymbol', /\|\|/, '||', OrOperator);
export const EqualsSymbol = symbol('EqualsSymbol', /==/, '==', BinaryOperator);
export const MatchesSymbol = symbol('MatchesSymbol', /=~/, '=~', BinaryOperator);
export const NotEqualsSymbol = symbol('NotEqualsSymbol', /!=/, '!=', BinaryOperator);
export const NotMatchesSymbol = symbol('NotMatchesSymbol', /!~/, '!~', BinaryOperator);
// `!in` / `!exists` must not swallow the start of a word such as `!index`.
export const NotInSymbol = symbol(
  'NotInSymbol',
  /!in(?![^\s()[\],'"=!<>&|])/i,
  '!in',
  ListOperator,
);
export const NotExistsSymbol = symbol(
  'NotExistsSymbol',
  /!exists(?![^\s()[\],'"=!<>&|])/i,
  '!exists',
  UnaryOperator,
);
export const Bang = symbol('Bang', /!/, '!', NotOperator);
export const GreaterThanEqualSymbol = symbol('GreaterThanEqualSymbol', />=/, '>=', BinaryOperator);
export const GreaterThanSymbol = symbol('GreaterThanSymbol', />/, '>', BinaryOperator);
export const LessThanEqualSymbol = symbol('LessThanEqualSymbol', /<=/, '<=', BinaryOperator);
export const LessThanSymbol = symbol('LessThanSymbol', /</, '<', BinaryOperator);

export const DoubleQuoted = createToken({
  name: 'DoubleQuoted',
  pattern: /"(?:[^"\\]|\\[\s\S])*"/,
  start_chars_hint: ['"'],
  line_breaks: true,
  categories: [ValueToken],
  label: 'a "quoted" string',
});
export const SingleQuoted = createToken({
  name: 'SingleQuoted',
  pattern: /'(?:[^'\\]|\\[\s\S])*'/,
  start_chars_hint: ["'"],
  line_breaks: true,
  categories: [ValueToken],
  label: "a 'quoted' string",
});

export const And = keyword('And', 'and', AndOperator);
export const Or = keyword('Or', 'or', OrOperator);
export const NotEquals = keyword('NotEquals', 'not_equals', BinaryOperator);
export const NotExists = keyword('NotExists', 'not_exists', UnaryOperator);
export const NotIn = keyword('NotIn', 'not_in', ListOperator);
export const NotMatches = keyword('NotMatches', 'not_matches', BinaryOperator);
export const Not = keyword('Not', 'not', NotOperator);
export const Equals = keyword('Equals', 'equals', BinaryOperator);
export const Exists = keyword('Exists', 'exists', UnaryOperator);
export const In = keyword('In', 'in', ListOperator);
export const Matches = keyword('Matches', 'matches', BinaryOperator);
export const GreaterThanEqual = keyword('GreaterThanEqual', 'greater_than_equal', BinaryOperator);
export const GreaterThan = keyword('GreaterThan', 'greater_than', BinaryOperator);
export const LessThanEqual = keyword('LessThanEqual', 'less_than_equal', BinaryOperator);
export const LessThan = keyword('LessThan', 'less_than', BinaryOperator);

/** Word operators and keywords: any of them is also accepted as a bare value. */
export const keywordTokens: readonly TokenType[] = [
  And,
  Or,
  NotEquals,
  NotExists,
  NotIn,
  NotMatches,
  Not,
  Equals,
  Exists,
  In,
  Matches,
  GreaterThanEqual,
  GreaterThan,
  LessThanEqual,
  LessThan,
];

export const allTokens: readonly TokenType[] = [
  OrOperator,
  AndOperator,
  NotOperator,
  UnaryOperator,
  BinaryOperator,
  ListOperator,
  ValueToken,
  WhiteSpace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  AndSymbol,
  OrSymbol,
  EqualsSymbol,
  MatchesSymbol,
  NotEqualsSymbol,
  NotMatchesSymbol,
  NotInSymbol,
  NotExistsSymbol,
  Bang,
  GreaterThanEqualSymbol,
  GreaterThanSymbol,
  LessThanEqualSymbol,
  LessThanSymbol,
  DoubleQuoted,
  SingleQuoted,
  ...keywordTokens,
  Word,
];

/** The canonical operator each operator token stands for. */
export const operatorOfToken: ReadonlyMap<TokenType, ComparisonOperator> = new Map([
  [EqualsSymbol, 'equals'],
  [Equals, 'equals'],
  [NotEqualsSymbol, 'not_equals'],
  [NotEquals, 'not_equals'],
  [GreaterThanSymbol, 'greater_than'],
  [GreaterThan, 'greater_than'],
  [GreaterThanEqualSymbol, 'greater_than_equal'],
  [GreaterThanEqual, 'greater_than_equal'],
  [LessThanSymbol, 'less_than'],
  [LessThan, 'less_than'],
  [LessThanEqualSymbol, 'less_than_equal'],
  [LessThanEqual, 'less_than_equal'],
  [Exists, 'exists'],
  [NotExistsSymbol, 'not_exists'],
  [NotExists, 'not_exists'],
  [In, 'in'],
  [NotInSymbol, 'not_in'],
  [NotIn, 'not_in'],
  [MatchesSymbol, 'matches'],
  [Matches, 'matches'],
  [NotMatchesSymbol, 'not_matches'],
  [NotMatches, 'not_matches'],
]);

/** Offsets only: line and column are computed on demand for the rare error. */
export function createCqlLexer(validate: boolean): Lexer {
  return new Lexer([...allTokens], {
    positionTracking: 'onlyOffset',
    ensureOptimizations: false,
    skipValidations: !validate,
    recoveryEnabled: false,
  });
}
