/**
 * maxResults / nextToken paging of the List* operations. The token is the position of the
 * next item, in a form callers treat as opaque (as ECS's tokens are); a token that is not one
 * of ours is InvalidParameterException. Lists are in a stable order (creation order), so a
 * page never repeats or skips an item unless the list changed between the calls.
 */
import { invalidParameter } from './validate-shape.js';

const PREFIX = 'ecs-placement:';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** One page of `all`; `limit` is the API's maximum and default page size. */
export function page<T>(
  all: readonly T[],
  input: { maxResults?: number; nextToken?: string },
  limit = 100,
): Page<T> {
  const size = input.maxResults ?? limit;
  if (size < 1 || size > limit) {
    throw invalidParameter('maxResults', size, `expected an integer from 1 to ${limit}`);
  }
  let start = 0;
  if (input.nextToken !== undefined) {
    const text = decode(input.nextToken);
    const at = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
    if (!Number.isSafeInteger(at) || at < 0) {
      throw invalidParameter('nextToken', input.nextToken, 'not a token this endpoint returned');
    }
    start = at;
  }
  const items = all.slice(start, start + size);
  const next = start + size;
  return next < all.length ? { items, nextToken: btoa(`${PREFIX}${next}`) } : { items };
}

/** Refuses more than `limit` items in a list member (the Describe* and batch limits). */
export function atMost(name: string, items: readonly unknown[], limit: number, least = 1): void {
  if (items.length < least || items.length > limit) {
    throw invalidParameter(
      name,
      items,
      least > 0
        ? `expected from ${least} to ${limit} items, got ${items.length}`
        : `expected at most ${limit} items, got ${items.length}`,
    );
  }
}

function decode(token: string): string {
  try {
    return atob(token);
  } catch {
    return '';
  }
}
