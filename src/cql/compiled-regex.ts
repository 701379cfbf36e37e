/**
 * A compiled `=~` pattern as a predicate on strings. Attribute values repeat a lot across a
 * cluster (a few instance types, a few zones), so results are memoised per distinct value,
 * up to a bound that keeps memory flat on high-cardinality values such as instance ids.
 */
const MEMO_LIMIT = 4096;

export type StringTest = (value: string) => boolean;

export function memoisedTest(regex: RegExp): StringTest {
  const memo = new Map<string, boolean>();
  return (value) => {
    const known = memo.get(value);
    if (known !== undefined) return known;
    const result = regex.test(value);
    if (memo.size < MEMO_LIMIT) memo.set(value, result);
    return result;
  };
}
