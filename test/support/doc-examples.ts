/** The `ecs-placement` command lines of a page's ```sh blocks, split as a POSIX shell would. */
export interface Example {
  /** The line as the page writes it (trimmed), its `# exit N` included. */
  line: string;
  /** The line without its `# exit N`. */
  command: string;
  argv: string[];
  /** `# exit N` at the end of the line; 0 without. */
  exit: number;
}

export function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of markdown.matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)) {
    for (const raw of block[1]!.split('\n')) {
      const line = raw.trim();
      if (!line.startsWith('ecs-placement ')) continue;
      const exit = /\s*# exit (\d+)$/.exec(line);
      const command = exit ? line.slice(0, exit.index) : line;
      examples.push({
        line,
        command,
        argv: shellWords(command).slice(1),
        exit: exit ? Number(exit[1]) : 0,
      });
    }
  }
  return examples;
}

/**
 * Splits a command line as a POSIX shell would: single and double quotes, backslashes, a
 * `#` starting a word begins a comment; no expansions.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      for (i++; line[i] !== '"' && i < line.length; i++) {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1]!)) i++;
        text += line[i];
      }
      word = (word ?? '') + text;
    } else if (c === '\\') {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
