import { Lexer } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { CqlParser, parseCql } from '../../grammar/parser.js';
import { allTokens, createCqlLexer } from '../../grammar/tokens.js';

// chevrotain 13's grammar checks call Object.groupBy (Node >= 21). Production skips those
// checks; to run them on Node 20 the test supplies a minimal stand-in when it is missing.
function ensureGroupBy(): void {
  const objectWithGroupBy = Object as unknown as { groupBy?: unknown };
  if (typeof objectWithGroupBy.groupBy === 'function') return;
  objectWithGroupBy.groupBy = <T>(
    items: Iterable<T>,
    key: (item: T, index: number) => PropertyKey,
  ) => {
    const groups: Record<PropertyKey, T[]> = Object.create(null);
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      const group = groups[k] ?? [];
      group.push(item);
      groups[k] = group;
    }
    return groups;
  };
}

describe('CQL grammar self-validation', () => {
  it('the parser passes chevrotain grammar validation (no ambiguity, no left recursion)', () => {
    ensureGroupBy();
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
