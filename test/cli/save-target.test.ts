import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterStateError } from '../../src/cli/load-cluster-state.js';
import {
  checkSaveTarget,
  nodeSaveTargetHost,
  type SaveTargetHost,
} from '../../src/cli/save-target.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-target-'));
  file = join(dir, 'cluster.json');
  await writeFile(file, '{}\n');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(path: string, host?: SaveTargetHost): Promise<string> {
  try {
    await checkSaveTarget(path, 'cluster.json', host);
  } catch (error) {
    expect(error).toBeInstanceOf(ClusterStateError);
    return (error as Error).message;
  }
  throw new Error('the save target was accepted');
}

/** The real file system, seen by another user who may or may not access files. */
function asUser(uid: number, gid: number, groups: number[], writable: boolean): SaveTargetHost {
  return {
    ...nodeSaveTargetHost,
    access: async (path) =>
      writable
        ? undefined
        : Promise.reject(new Error(`EACCES: permission denied, access '${path}'`)),
    user: () => ({ uid, gid, groups }),
  };
}

describe('checkSaveTarget', () => {
  it('accepts a regular file and describes its owner, group and mode', async () => {
    await chmod(file, 0o640);
    const target = await checkSaveTarget(file, 'cluster.json');
    expect(target.file).toBe(file);
    expect(target.mode).toBe(0o640);
  });

  it('follows a symbolic link to the regular file it names', async () => {
    const link = join(dir, 'link.json');
    await symlink(file, link);
    expect((await checkSaveTarget(link, 'link.json')).file).toBe(file);
  });

  it('refuses a named pipe, also through a symbolic link', async () => {
    const pipe = join(dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    expect(await refusal(pipe)).toBe(
      '--save cannot replace the cluster state cluster.json, so nothing was placed: it is a named pipe (FIFO), and --save only replaces a regular file',
    );
    const link = join(dir, 'link.json');
    await symlink(pipe, link);
    expect(await refusal(link)).toContain(`it (a symbolic link to ${pipe}) is a named pipe (FIFO)`);
  });

  it('refuses a directory and a character device', async () => {
    await mkdir(join(dir, 'sub'));
    expect(await refusal(join(dir, 'sub'))).toContain('it is a directory');
    expect(await refusal('/dev/null')).toContain('it is a character device');
  });

  it('refuses a missing file or a dangling link as unreadable', async () => {
    await symlink(join(dir, 'gone.json'), join(dir, 'dangling.json'));
    expect(await refusal(join(dir, 'dangling.json'))).toMatch(
      /^could not read the cluster state cluster.json: ENOENT/,
    );
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, refuses a file nobody may write (mode 0444)',
    async () => {
      await chmod(file, 0o444);
      expect(await refusal(file)).toContain('it is read-only (mode 0444); make it writable first');
      await chmod(file, 0o644);
      await expect(checkSaveTarget(file, 'cluster.json')).resolves.toBeDefined();
    },
  );

  it('as another user, refuses a file the system says is not writable by them', async () => {
    const host = asUser(1000, 1000, [], false);
    await chown(file, 1000, 1000).catch(() => undefined);
    expect(await refusal(file, host)).toContain('it is not writable by you (mode 0644, EACCES');
  });

  it('as another user, refuses a file it could write but whose owner or group it could not keep', async () => {
    await chown(file, 1234, 1234);
    await chmod(file, 0o666);
    expect(await refusal(file, asUser(1000, 1000, [], true))).toContain(
      'it belongs to uid 1234, and a save by uid 1000 would make it theirs',
    );
    expect(await refusal(file, asUser(1234, 1000, [], true))).toContain(
      'its group is gid 1234, which you do not belong to',
    );
    // A supplementary group is a group the user can give the file.
    await expect(
      checkSaveTarget(file, 'cluster.json', asUser(1234, 1000, [1234], true)),
    ).resolves.toMatchObject({ uid: 1234, gid: 1234 });
  });
});
