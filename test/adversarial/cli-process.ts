/**
 * The bundled command (the package's `bin`) run as a real process (test helper): concurrency,
 * signals, other users and pipes need a process of their own. `npm test` builds dist/ first.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/bundle/cli.js', import.meta.url));

if (!existsSync(MAIN)) {
  throw new Error(`${MAIN} is missing: run npm run build (npm test does it first)`);
}

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `ecs-placement args...`; `done` resolves when it exits. */
export function startCli(
  args: readonly string[],
  options: SpawnOptions = {},
): { child: ChildProcess; done: Promise<ProcessRun> } {
  const child = spawn(process.execPath, [MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  const done = new Promise<ProcessRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCliProcess(args: readonly string[], options: SpawnOptions = {}) {
  return startCli(args, options).done;
}
