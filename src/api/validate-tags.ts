/** Tag rules of the seed: count, unique keys, lengths, characters, the reserved `aws:` prefix. */
import type { Tag } from '../kernel/ecs-types.js';
import { invalidParameter } from './validate-shape.js';

export const MAX_TAGS = 50;
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;

/** Letters, numbers and spaces in any script, and `+ - = . _ : / @` (the seed's list). */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}+\-=._:/@]*$/u;
const RESERVED_PREFIX = /^aws:/i;

/** Lengths are in Unicode characters (code points), as the seed counts them. */
function characters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function validateTags(tags: readonly Tag[] | undefined): void {
  if (tags === undefined) return;
  if (tags.length > MAX_TAGS) {
    throw invalidParameter('tags', `${tags.length} tags`, `at most ${MAX_TAGS} tags are allowed`);
  }
  const seen = new Set<string>();
  tags.forEach((tag, index) => {
    const path = `tags[${index}]`;
    const { key, value } = tag;
    if (key === undefined) throw invalidParameter(`${path}.key`, key, 'a tag key is required');
    const keyLength = characters(key);
    if (keyLength < 1 || keyLength > MAX_TAG_KEY) {
      throw invalidParameter(
        `${path}.key`,
        key,
        `a tag key must be 1 to ${MAX_TAG_KEY} characters long (got ${keyLength})`,
      );
    }
    checkCharacters(`${path}.key`, key);
    if (RESERVED_PREFIX.test(key)) {
      throw invalidParameter(
        `${path}.key`,
        key,
        'the prefix aws: (in any case) is reserved for AWS use',
      );
    }
    if (seen.has(key)) {
      throw invalidParameter(`${path}.key`, key, 'each tag key must be unique');
    }
    seen.add(key);
    if (value === undefined) return;
    const valueLength = characters(value);
    if (valueLength > MAX_TAG_VALUE) {
      throw invalidParameter(
        `${path}.value`,
        value,
        `a tag value must be at most ${MAX_TAG_VALUE} characters long (got ${valueLength})`,
      );
    }
    checkCharacters(`${path}.value`, value);
    if (RESERVED_PREFIX.test(value)) {
      throw invalidParameter(
        `${path}.value`,
        value,
        'the prefix aws: (in any case) is reserved for AWS use',
      );
    }
  });
}

function checkCharacters(path: string, text: string): void {
  if (!TAG_CHARACTERS.test(text)) {
    throw invalidParameter(
      path,
      text,
      'only letters, numbers, spaces and the characters + - = . _ : / @ are allowed',
    );
  }
}
