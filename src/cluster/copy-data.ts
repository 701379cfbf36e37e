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
  const copy: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const member = cloneData(source[key]);
    if (key === '__proto__') {
      // An ordinary member named __proto__ (a subnet id, say), not the prototype.
      Object.defineProperty(copy, key, {
        value: member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      copy[key] = member;
    }
  }
  return copy as T;
}
