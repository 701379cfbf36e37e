// Runs the installed command (dist/bundle/cli.js) as a process: `serve`, and one-shot commands.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../dist/bundle/cli.js', import.meta.url));

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  /** Resolves to the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Starts `ecs-placement serve ARGS` and resolves once it prints its URL. */
export function startServe(args: string[], cwd: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (\S+)\n/.exec(stdout);
      if (match) resolve({ url: match[1]!, child, stderr: () => stderr, exited });
    });
    exited.then((code) =>
      reject(new Error(`serve exited with ${code} before listening: ${stderr}`)),
    );
  });
}

/** Runs `ecs-placement ARGS` to its end. */
export function runBin(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}
