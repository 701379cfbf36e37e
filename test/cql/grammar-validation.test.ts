import { Lexer, type TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { CqlParser, parseCql } from '../../grammar/parser.js';
import {
  allTokens,
  createCqlLexer,
  DoubleQuoted,
  keywordTokens,
  SingleQuoted,
  WhiteSpace,
} from '../../grammar/tokens.js';

/** Every UTF-16 code unit for which `starts(character)` holds. */
function codesWhere(starts: (character: string) => boolean): number[] {
  const codes: number[] = [];
  for (let code = 0; code < 0x10000; code++)
    if (starts(String.fromCharCode(code))) codes.push(code);
  return codes;
}

/** A token's start_chars_hint as code units, sorted. */
function hintCodes(token: TokenType): number[] {
  const hints = token.START_CHARS_HINT ?? [];
  return hints.map((h) => (typeof h === 'string' ? h.charCodeAt(0) : h)).sort((a, b) => a - b);
}

describe('CQL grammar self-validation', () => {
  it('the parser passes chevrotain grammar validation (no ambiguity, no left recursion)', () => {
    // performSelfAnalysis throws on any definition error; the list is also checked directly.
    const parser = new CqlParser(true);
    expect((parser as unknown as { definitionErrors: unknown[] }).definitionErrors).toEqual([]);
  });

  it('the lexer passes chevrotain lexer validation with first-character optimisations', () => {
    const lexer = createCqlLexer(true);
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    // ensureOptimizations makes chevrotain throw if any token defeats first-char optimisation.
    expect(() => new Lexer([...allTokens], { ensureOptimizations: true })).not.toThrow();
  });

  it("each token's start_chars_hint lists exactly the characters its pattern can start with", () => {
    expect(hintCodes(WhiteSpace)).toEqual(codesWhere((c) => /^\s$/.test(c)));
    for (const [token, quote] of [
      [DoubleQuoted, '"'],
      [SingleQuoted, "'"],
    ] as const) {
      const pattern = new RegExp(`^(?:${(token.PATTERN as RegExp).source})$`);
      expect(hintCodes(token)).toEqual(codesWhere((c) => pattern.test(`${c}x${quote}`)));
    }
    for (const token of keywordTokens) {
      const source = (token.PATTERN as RegExp).source;
      const pattern = new RegExp(`^(?:${source})$`, 'i');
      expect(hintCodes(token), token.name).toEqual(
        codesWhere((c) => pattern.test(c + source.slice(1))),
      );
    }
  });

  it('the shared parser is reused: consecutive parses do not leak state', () => {
    expect(parseCql('agentConnected == ').issues).toHaveLength(1);
    const ok = parseCql('agentConnected == true');
    expect(ok.issues).toEqual([]);
    expect(ok.ast?.kind).toBe('comparison');
  });
});
