/** The `ecs-placement` command lines of a page's ```sh blocks, split as a POSIX shell would. */
export interface Example {
  line: string;
  argv: string[];
  /** `# exit N` at the end of the line; 0 without. */
  exit: number;
}

export function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of markdown.matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)) {
    for (const raw of block[1]!.split('\n')) {
      const exit = /\s*# exit (\d+)$/.exec(raw);
      const line = (exit ? raw.slice(0, exit.index) : raw).trim();
      if (!line.startsWith('ecs-placement ')) continue;
      examples.push({ line, argv: shellWords(line).slice(1), exit: exit ? Number(exit[1]) : 0 });
    }
  }
  return examples;
}

/** Splits a command line: single and double quotes, backslashes; no expansions. */
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
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
