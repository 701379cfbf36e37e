/**
 * Issue: `--save` through a symbolic link to a pipe replaced the link with a 0600 regular
 * file. Now only a regular file is saved to (a link is followed and kept); anything else is
 * refused before any placement, with exit 255, and left exactly as it was.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import {
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../cli/run-cli.js';
import { runCliProcess, startCli } from './cli-process.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-kinds-'));
  file = join(dir, 'cluster.json');
  await copyFile(join(FIXTURES, 'small-cluster.json'), file);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SAVE = ['run-task', '--task-definition', 'web:1', '--save', '--cluster-state'];

describe('--save refuses anything but a regular file, before placing', () => {
  it('a symbolic link to a named pipe: exit 255, the link and the pipe stay, nothing is read', async () => {
    const pipe = join(dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    await symlink(pipe, join(dir, 'state.json'));
    // Nobody writes to the pipe: a command that opened it for reading would hang here.
    const run = await runCliProcess([...SAVE, 'state.json'], { cwd: dir });
    expect(run.code).toBe(255);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `ecs-placement run-task: error: --save cannot replace the cluster state state.json, so nothing was placed: it (a symbolic link to ${pipe}) is a named pipe (FIFO), and --save only replaces a regular file\n`,
    );
    expect((await lstat(join(dir, 'state.json'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, 'state.json'))).toBe(pipe);
    expect((await lstat(pipe)).isFIFO()).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['cluster.json', 'pipe', 'state.json']);
  });

  it.each([
    ['a directory', async () => mkdir(join(dir, 'state.json')), 'it is a directory'],
    [
      'a symbolic link to a character device',
      async () => symlink('/dev/null', join(dir, 'state.json')),
      'it (a symbolic link to /dev/null) is a character device',
    ],
  ])('%s: exit 255 and nothing changes', async (_kind, make, reason) => {
    await make();
    const run = await runCliProcess([...SAVE, 'state.json'], { cwd: dir });
    expect(run.code).toBe(255);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(reason);
    expect((await readdir(dir)).sort()).toEqual(['cluster.json', 'state.json']);
  });

  it('a symbolic link to a regular file: the target is written, the link is kept', async () => {
    await symlink('cluster.json', join(dir, 'state.json'));
    const run = await runCliProcess([...SAVE, 'state.json'], { cwd: dir });
    expect(run.code).toBe(0);
    const [task] = JSON.parse(run.stdout).tasks;
    expect(await readlink(join(dir, 'state.json'))).toBe('cluster.json');
    expect(await readFile(file, 'utf8')).toContain(task.taskArn);
    expect((await readdir(dir)).sort()).toEqual(['cluster.json', 'state.json']);
  });

  it('without --save, a pipe is still a fine cluster state to read from', async () => {
    const pipe = join(dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    const { done } = startCli(['run-task', '--task-definition', 'web:1', '--cluster-state', pipe]);
    const writer = createWriteStream(pipe);
    writer.end(await readFile(file));
    const run = await done;
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).tasks).toHaveLength(1);
  });
});
