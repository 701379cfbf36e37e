/**
 * Issue: root saving someone's 0640 file left it root:root, and a 0444 file in a writable
 * directory was silently replaced. Now the owner, group and mode are kept, and a file the
 * user may not write (for root: one nobody may write) is refused before placing, exit 255.
 * These run as root (as CI does) and use uid 1234 for "someone else".
 */
import { chmod, chown, copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../cli/run-cli.js';
import { runCliProcess } from './cli-process.js';

const isRoot = process.getuid?.() === 0;
const OTHER = 1234;
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-owner-'));
  file = join(dir, 'cluster.json');
  await copyFile(join(FIXTURES, 'small-cluster.json'), file);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SAVE = [
  'run-task',
  '--task-definition',
  'web:1',
  '--save',
  '--cluster-state',
  'cluster.json',
];

/** Runs the command as uid/gid OTHER (the files it loads must be readable by everyone). */
const asOther = () => runCliProcess(SAVE, { cwd: dir, uid: OTHER, gid: OTHER });

/** Whether a process of uid OTHER can load the built command at all (not in a 0700 home). */
async function otherCanRun(): Promise<boolean> {
  const run = await runCliProcess(['--version'], { uid: OTHER, gid: OTHER, cwd: tmpdir() });
  return run.code === 0;
}

describe.runIf(isRoot)(
  '--save keeps owner, group and mode; refuses what may not be written',
  () => {
    it("root saving someone else's 0640 file leaves it theirs, 0640", async () => {
      await chown(file, OTHER, OTHER + 1);
      await chmod(file, 0o640);
      const run = await runCliProcess(SAVE, { cwd: dir });
      expect(run.code).toBe(0);
      const after = await stat(file);
      expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([OTHER, OTHER + 1, 0o640]);
      expect(await readFile(file, 'utf8')).toContain(JSON.parse(run.stdout).tasks[0].taskArn);
    });

    it('root does not replace a file nobody may write (0444): exit 255, file untouched', async () => {
      await chmod(file, 0o444);
      const before = await readFile(file);
      const run = await runCliProcess(SAVE, { cwd: dir });
      expect(run.code).toBe(255);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('it is read-only (mode 0444)');
      expect((await readFile(file)).equals(before)).toBe(true);
      expect(await readdir(dir)).toEqual(['cluster.json']);
    });

    describe('as another user', () => {
      beforeEach(async (context) => {
        if (!(await otherCanRun())) context.skip(`uid ${OTHER} cannot read the checkout here`);
        await chown(dir, OTHER, OTHER);
      });

      it('refuses their own 0444 file in their own directory', async () => {
        await chown(file, OTHER, OTHER);
        await chmod(file, 0o444);
        const run = await asOther();
        expect(run.code).toBe(255);
        expect(run.stderr).toContain('it is not writable by you (mode 0444');
        expect((await stat(file)).mode & 0o777).toBe(0o444);
      });

      it('refuses a file it may write but that belongs to root (the save would change the owner)', async () => {
        await chmod(file, 0o666);
        const run = await asOther();
        expect(run.code).toBe(255);
        expect(run.stderr).toContain(
          `it belongs to uid 0, and a save by uid ${OTHER} would make it theirs`,
        );
        expect((await stat(file)).uid).toBe(0);
      });

      it('saves their own 0600 file, keeping it theirs and 0600', async () => {
        await chown(file, OTHER, OTHER);
        await chmod(file, 0o600);
        const run = await asOther();
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const after = await stat(file);
        expect([after.uid, after.gid, after.mode & 0o777]).toEqual([OTHER, OTHER, 0o600]);
      });

      it('refuses when the directory is not writable (no temporary file could be made)', async () => {
        await chown(file, OTHER, OTHER);
        await chown(dir, 0, 0);
        await chmod(dir, 0o755);
        const run = await asOther();
        expect(run.code).toBe(255);
        expect(run.stderr).toContain(`its directory ${dir} is not writable by you`);
      });
    });
  },
);
