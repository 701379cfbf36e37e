import { fc, test as property } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { RunTaskInput } from '../../src/kernel/run-task-types.js';
import { validateRunTaskRequest } from '../../src/api/validate-run-task.js';
import { bridgeDefinition, thrownBy } from './fixtures.js';

type Extra = Omit<RunTaskInput, 'taskDefinition'>;
const run = (extra: Extra) => () =>
  validateRunTaskRequest({ taskDefinition: 'web', ...extra }, bridgeDefinition, 'EC2');

/** Characters the seed allows in tags, from several scripts. */
const tagCharacter = fc.constantFrom(...'aZ09 +-=._:/@éßЖ語٣'.split(''));
const tagText = (min: number, max: number) =>
  fc.array(tagCharacter, { minLength: min, maxLength: max }).map((cs) => cs.join(''));
const notReserved = (text: string) => !/^aws:/i.test(text);
const validTags = fc.uniqueArray(
  fc.record({
    key: tagText(1, 128).filter(notReserved),
    value: tagText(0, 256).filter(notReserved),
  }),
  { maxLength: 50, selector: (tag) => tag.key },
);
/** `aws:` in a random mix of letter cases. */
const reservedPrefix = fc
  .tuple(fc.boolean(), fc.boolean(), fc.boolean())
  .map(([a, w, s]) => `${a ? 'A' : 'a'}${w ? 'W' : 'w'}${s ? 'S' : 's'}:`);

describe('request rules, as properties', () => {
  property.prop([fc.integer({ min: -1000, max: 1000 })])(
    'count is accepted exactly when it is 1..10',
    (count) => {
      if (count >= 1 && count <= 10) expect(run({ count })).not.toThrow();
      else expect(thrownBy(run({ count }))).toContain(`Invalid count ${count}:`);
    },
  );

  property.prop([validTags])('any tag set within the seed limits is accepted', (tags) => {
    expect(run({ tags })).not.toThrow();
  });

  property.prop([validTags.filter((t) => t.length > 0), fc.nat(), reservedPrefix, fc.boolean()])(
    'a reserved aws: prefix on any one key or value is refused at its path',
    (tags, pick, prefix, onKey) => {
      const index = pick % tags.length;
      const tag = tags[index]!;
      const changed = onKey
        ? { key: `${prefix}${tag.key}`.slice(0, 128), value: tag.value }
        : { key: tag.key, value: `${prefix}${tag.value}`.slice(0, 256) };
      const withPrefix = tags.map((t, i) => (i === index ? changed : t));
      // A prefixed key could collide with another key; then uniqueness fails first or later.
      const message = thrownBy(run({ tags: withPrefix }));
      expect(message).toMatch(/^Invalid tags\[\d+\]\.(key|value) /);
      if (new Set(withPrefix.map((t) => t.key)).size === withPrefix.length) {
        expect(message).toContain(`tags[${index}].${onKey ? 'key' : 'value'}`);
        expect(message).toContain('reserved for AWS use');
      }
    },
  );

  property.prop([fc.string({ maxLength: 50 })])(
    'startedBy is accepted exactly when it has 1..36 ASCII letters, digits, - and _',
    (startedBy) => {
      const allowed =
        startedBy.length >= 1 &&
        startedBy.length <= 36 &&
        [...startedBy].every((c) => /[A-Za-z0-9_-]/.test(c));
      if (allowed) expect(run({ startedBy })).not.toThrow();
      else expect(thrownBy(run({ startedBy }))).toContain('Invalid startedBy');
    },
  );
});
