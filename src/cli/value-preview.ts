/**
 * A value for error messages: its JSON when short and shallow, else an abbreviation
 * (`[[[...]]]`, `"aaa..."`). Bounded in depth and length,
 * so that a huge or deeply nested input can be named in a message without the message
 * itself becoming huge (or overflowing the call stack, as JSON.stringify would).
 */

const MAX_DEPTH = 3;
const MAX_LENGTH = 120;

export function previewValue(value: unknown): string {
  const text = render(value, 0);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}...` : text;
}

function render(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return value.length === 0 ? '[]' : '[...]';
    return `[${limitItems(value.map((item) => render(item, depth + 1)))}]`;
  }
  if (typeof value === 'object' && value !== null) {
    if (depth >= MAX_DEPTH) return '{...}';
    const members = Object.entries(value).map(
      ([key, member]) => `${JSON.stringify(key)}:${render(member, depth + 1)}`,
    );
    return `{${limitItems(members)}}`;
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_LENGTH ? `${value.slice(0, MAX_LENGTH)}...` : value);
  }
  return String(JSON.stringify(value) ?? value);
}

/** Joins items, stopping once the text is long enough to be cut anyway. */
function limitItems(items: string[]): string {
  let text = '';
  for (const [i, item] of items.entries()) {
    if (text.length > MAX_LENGTH) return `${text},...`;
    text += i === 0 ? item : `,${item}`;
  }
  return text;
}
