/**
 * Deep copies of the library's own JSON-like data, for everything it hands out (RunTask
 * responses, `toSnapshot()`): a caller who changes what it got back changes nothing inside.
 * The data was checked on the way in (plain objects and lists, bounded depth), so this is a
 * plain recursive copy; objects come out as ordinary `{}` objects.
 */
export function cloneData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = cloneData(value[i]);
    return copy as T;
  }
  // The spread copies every own member (an own `__proto__` member too, as a member) and is
  // the fastest copy V8 has; then only the members holding objects or lists are replaced.
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in copy) {
    const member = copy[key];
    if (member === null || typeof member !== 'object' || !Object.hasOwn(copy, key)) continue;
    if (key === '__proto__') {
      // An ordinary member named __proto__ (a subnet id, say), not the prototype.
      Object.defineProperty(copy, key, {
        value: cloneData(member),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      copy[key] = cloneData(member);
    }
  }
  return copy as T;
}

/**
 * Finishes a copy made with a spread at the call site (`{ ...source, fresh: value }`):
 * deep-copies, in place, every member holding an object or a list except the `fresh`
 * ones, which the caller has just built anew. (The spread stays at the call site, where it
 * sees one kind of object and is V8's fastest, most compact copy.)
 */
export function cloneOthers<T extends object>(copy: T, fresh: ReadonlySet<string>): T {
  const members = copy as Record<string, unknown>;
  for (const key in members) {
    const member = members[key];
    if (member === null || typeof member !== 'object' || fresh.has(key)) continue;
    if (!Object.hasOwn(members, key)) continue;
    if (key === '__proto__') {
      Object.defineProperty(members, key, {
        value: cloneData(member),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      members[key] = cloneData(member);
    }
  }
  return copy;
}
