// Which characters an attribute name may hold, decided by character code in the parser's
// hot path: checked against the documented charset, written as a regular expression, over
// every UTF-16 code unit.
import { describe, expect, it } from 'vitest';
import { classifySubject } from '../../grammar/subjects.js';

const DOCUMENTED = /^[A-Za-z0-9_\-/\\.]$/;

describe('attribute name characters', () => {
  it('accepts exactly letters, digits and _ - / \\ . over every code unit', () => {
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      const result = classifySubject(`attribute:a${ch}`);
      if (result.ok !== DOCUMENTED.test(ch)) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });

  it('names the offending character and its offset', () => {
    expect(classifySubject('attribute:zone+1')).toEqual({
      ok: false,
      problem: 'attribute-name',
      index: 14,
      detail:
        "the character '+' cannot appear in an attribute name (allowed: letters, digits, _ - / \\ .)",
    });
  });
});
