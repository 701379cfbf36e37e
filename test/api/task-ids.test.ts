import { describe, expect, test } from 'vitest';
import { TaskIdSource } from '../../src/api/task-ids.js';

describe('TaskIdSource', () => {
  test('same key, same ids; 32 hex digits and a UUID layout', () => {
    const a = new TaskIdSource('seed', 'default', 7);
    const b = new TaskIdSource('seed', 'default', 7);
    const id = a.taskId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(b.taskId()).toBe(id);
    expect(a.uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  test('ids of many ordinals and seeds do not collide', () => {
    const seen = new Set<string>();
    for (const seed of ['a', 'b', 'ecs-placement']) {
      for (let ordinal = 0; ordinal < 20_000; ordinal++)
        seen.add(new TaskIdSource(seed, 'default', ordinal).taskId());
    }
    expect(seen.size).toBe(60_000);
  });
});
