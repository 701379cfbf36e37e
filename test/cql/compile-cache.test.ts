import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/cql/index.js';

describe('compileExpression cache', () => {
  it('compiles a text once and hands back the same pure predicate', () => {
    const text = 'attribute:stack == prod and runningTasksCount < 3';
    expect(compileExpression(text)).toBe(compileExpression(text));
  });

  it('never caches a failure: a bad text throws every time', () => {
    expect(() => compileExpression('attribute:stack ==')).toThrow();
    expect(() => compileExpression('attribute:stack ==')).toThrow();
  });

  it('stays correct past its bound (the cache is cleared, never wrong)', () => {
    const texts = Array.from({ length: 1200 }, (_, i) => `runningTasksCount == ${i}`);
    for (const text of texts) compileExpression(text);
    const view = {
      ec2InstanceId: undefined,
      agentConnected: true,
      agentVersion: undefined,
      registeredAt: undefined,
      runningTasksCount: 7,
      attributes: new Map<string, string | null>(),
      taskGroups: new Map<string, number>(),
    };
    expect(texts.filter((t) => compileExpression(t).matches(view))).toEqual([
      'runningTasksCount == 7',
    ]);
  });
});
