import { Lexer } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { CqlParser, parseCql } from '../../grammar/parser.js';
import { allTokens, createCqlLexer } from '../../grammar/tokens.js';

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

  it('the shared parser is reused: consecutive parses do not leak state', () => {
    expect(parseCql('agentConnected == ').issues).toHaveLength(1);
    const ok = parseCql('agentConnected == true');
    expect(ok.issues).toEqual([]);
    expect(ok.ast?.kind).toBe('comparison');
  });
});
