/** Runs the `ecs-placement` command in-process with captured output (a test helper). */
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Pretend stdin, stdout and stderr are a terminal. */
  tty?: boolean;
  /** The terminal's width, when `tty` is set. */
  columns?: number;
  /** What is typed on stdin. */
  input?: string;
}

export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  stdin.end(options.input ?? '');
  const code = await main(argv, {
    stdout: { isTTY: options.tty === true, write: (text: string) => (stdout += text) },
    stderr: {
      isTTY: options.tty === true,
      ...(options.columns !== undefined ? { columns: options.columns } : {}),
      write: (text: string) => (stderr += text),
    },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? FIXTURES,
  });
  return { code, stdout, stderr };
}
