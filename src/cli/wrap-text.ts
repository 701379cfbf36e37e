/**
 * Wrapping text to a width for the terminal, losing nothing: lines break at spaces, a word
 * longer than the width is split, a line continued after a space keeps the line's own indent
 * plus two spaces (the rest of a split word keeps the indent of the line it started on, so an
 * identifier shows no extra gap), and colour codes (SGR escapes) take no width.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: SGR escapes start with ESC.
const SGR = /\u001b\[[0-9;]*m/g;

/** The width a line takes on a terminal: its code points, colour codes not counted. */
export function visibleWidth(text: string): number {
  return [...text.replace(SGR, '')].length;
}

/** `text` (which may hold several lines) as lines of at most `width` visible characters. */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(1, Math.floor(width));
  return text.split('\n').flatMap((line) => wrapLine(line, limit));
}

function wrapLine(line: string, width: number): string[] {
  if (visibleWidth(line) <= width) return [line];
  const ownIndent = /^ */.exec(line)?.[0] ?? '';
  // The hanging indent is kept only while it leaves room for some text.
  const hanging = ownIndent.length + 2 <= width / 2 ? `${ownIndent}  ` : '';
  const lines: string[] = [];
  let current = ownIndent;
  let currentWidth = ownIndent.length;
  let lineIndent = ownIndent;
  let atLineStart = true;
  for (const word of line.slice(ownIndent.length).split(' ')) {
    const wordWidth = visibleWidth(word);
    const separator = atLineStart ? 0 : 1;
    if (!atLineStart && currentWidth + separator + wordWidth > width) {
      lines.push(current);
      current = hanging;
      currentWidth = hanging.length;
      lineIndent = hanging;
      atLineStart = true;
    }
    if (currentWidth + (atLineStart ? 0 : 1) + wordWidth <= width) {
      current += atLineStart ? word : ` ${word}`;
      currentWidth += (atLineStart ? 0 : 1) + wordWidth;
      atLineStart = false;
      continue;
    }
    // A word wider than a whole line: split it, wherever it falls.
    for (const piece of splitWord(word)) {
      const pieceWidth = visibleWidth(piece);
      if (currentWidth + pieceWidth > width && currentWidth > lineIndent.length) {
        lines.push(current);
        current = lineIndent;
        currentWidth = lineIndent.length;
      }
      current += piece;
      currentWidth += pieceWidth;
    }
    atLineStart = false;
  }
  lines.push(current);
  return lines;
}

/** A word as single visible characters, each carrying the colour codes just before it. */
function splitWord(word: string): string[] {
  const pieces: string[] = [];
  let pending = '';
  let last = 0;
  for (const match of word.matchAll(SGR)) {
    for (const char of word.slice(last, match.index)) {
      pieces.push(pending + char);
      pending = '';
    }
    pending += match[0];
    last = match.index + match[0].length;
  }
  for (const char of word.slice(last)) {
    pieces.push(pending + char);
    pending = '';
  }
  if (pending !== '') {
    if (pieces.length === 0) pieces.push(pending);
    else pieces[pieces.length - 1] += pending;
  }
  return pieces;
}
