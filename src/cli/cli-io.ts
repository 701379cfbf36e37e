/**
 * Everything the command touches outside itself, so tests can run it in-process with
 * captured output, a fake terminal and a chosen working directory.
 */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** The terminal's width, when the stream is one. */
  columns?: number;
}

export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths (`--cluster-state`, `file://`) are resolved against. */
  cwd: string;
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: OutputStream, env: CliIO['env']): boolean {
  return stream.isTTY === true && (env['NO_COLOR'] ?? '') === '';
}
